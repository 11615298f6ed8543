"""Files, directories, archives, feeds and URLs -> the items the pipeline reads.

A path given by name that newsdesk cannot read is a failure; a file of another type met while
walking a directory is skipped (counted, with its reason), because directories hold READMEs,
images and the like that nobody asked to ingest.

``discover`` is lazy: a WARC archive or a feed yields its documents one by one as it is read
(``RawDocument`` items, already in memory, small), a page to fetch later is a ``UrlInput``, and a
plain file is an ``InputFile`` read by ``read``. Every item is picklable, so a worker process
can turn any of them into a ``RawDocument`` with ``newsdesk.run.local.read_input``.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsdesk.errors import (
    EmptyInput,
    InputTooLarge,
    NewsdeskError,
    UnreadableInput,
    UnsupportedInput,
)
from newsdesk.records import DocKind, Origin, RawDocument

if TYPE_CHECKING:
    from newsdesk.config import Settings

SUFFIXES: dict[str, DocKind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
}
Container = Literal["warc", "feed"]
# Files holding many documents: web archives (what warcio reads) and feeds.
CONTAINERS: dict[str, Container] = {
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([^"';\s]+)""", re.IGNORECASE)
_COMMENT = re.compile(r"(?:^|\s)#")
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputFile:
    """A file found under the given paths, with the kind its name announces."""

    path: str
    kind: DocKind | None
    gzipped: bool
    explicit: bool  # named on the command line, rather than found in a directory


@dataclass(frozen=True)
class Skipped:
    input: str
    reason: str
    status: Literal["skipped", "failed"]


@dataclass(frozen=True)
class UrlInput:
    """A page to fetch: named in a URL list, or linked by a feed entry without its text."""

    url: str
    via: str | None = None  # the list or feed it came from


# What ``discover`` yields. A RawDocument is a document already read from an archive or a feed.
Item = InputFile | RawDocument | UrlInput | Skipped


def describe(item: Item) -> str:
    """The name an outcome about ``item`` goes by: a path, a URL, or both for archived pages."""
    if isinstance(item, InputFile):
        return item.path
    if isinstance(item, UrlInput):
        return item.url
    if isinstance(item, Skipped):
        return item.input
    return item.origin.url or item.name


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """The media type (lower case) and charset of a Content-Type header, each None if absent.

    >>> parse_content_type('text/html; charset="Windows-1252"')
    ('text/html', 'Windows-1252')
    """
    if not value:
        return None, None
    media = value.split(";", 1)[0].strip().lower() or None
    match = _CHARSET_PARAM.search(value)
    return media, match.group(1) if match else None


def iso_utc(seconds: float | None = None) -> str:
    """A POSIX time (default: now) as ISO 8601 UTC, the form of a WARC-Date.

    >>> iso_utc(1649169780)
    '2022-04-05T14:43:00Z'
    """
    moment = datetime.now(UTC) if seconds is None else datetime.fromtimestamp(seconds, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def looks_like_html(data: bytes) -> bool:
    """Whether bytes start as an HTML document does (for responses that name no type)."""
    return _HTML_START.match(data[:4096]) is not None


def container(path: str) -> Container | None:
    """Whether a file name announces a web archive or a feed (gzipped or not).

    >>> container("CC-NEWS-20220405.warc.gz"), container("flux.rss"), container("a.html")
    ('warc', 'feed', None)
    """
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return CONTAINERS.get(os.path.splitext(name)[1])


def classify(path: str) -> tuple[DocKind | None, bool]:
    """The kind of document a file name announces, and whether it is gzipped.

    >>> classify("a/page.HTML.gz")
    ('html', True)
    """
    name = path.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    return SUFFIXES.get(os.path.splitext(name)[1]), gzipped


def _supported() -> str:
    kinds = ", ".join(sorted([*SUFFIXES, *CONTAINERS]))
    return f"newsdesk reads {kinds} and their .gz, and http(s) URLs"


def _is_url(given: str) -> bool:
    return given.lower().startswith(("http://", "https://"))


def _walk(directory: Path) -> Iterator[str]:
    """The files under a directory, recursively in name order, hidden ones left out."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def discover(
    paths: Iterable[str],
    settings: Settings | None = None,
    *,
    url_files: Iterable[str] = (),
) -> Iterator[Item]:
    """Every input under ``paths``, lazily: directories walked recursively in name order,
    archives and feeds opened into their documents, URLs fetched (a page, or a feed and its
    entries); then the URLs listed in ``url_files`` (one per line, ``#`` comments), to fetch.

    ``settings`` gives the size limit, the fetch limits, and whether the pages feed entries
    only link to are fetched (``fetch``).
    """
    from newsdesk.config import Settings

    settings = settings or Settings()
    for given in paths:
        p = Path(given)
        if _is_url(given):
            from newsdesk.ingest.fetch import named_url

            yield from guarded(given, named_url(given, settings), settings.timeout)
        elif p.is_dir():
            for path in _walk(p):
                yield from guarded(path, _file_items(path, settings, False), settings.timeout)
        elif p.exists() or p.is_symlink():
            yield from guarded(given, _file_items(given, settings, True), settings.timeout)
        elif "://" in given:
            yield Skipped(given, "only http and https URLs are fetched", "failed")
        else:
            yield Skipped(given, "no such file or directory", "failed")
    for listing in url_files:
        yield from guarded(listing, read_url_list(listing), settings.timeout)


def guarded(given: str, items: Iterator[Item], timeout: float) -> Iterator[Item]:
    """The items of one input (a file, an archive, a feed, a URL), each obtained within the
    per-document time limit; an error or a time-out ends that input with one failure naming
    it, and the batch goes on with the next input. Ctrl-C still stops the run."""
    from newsdesk.limits import time_limit

    while True:
        try:
            with time_limit(timeout, "reading"):
                item = next(items, None)
        except NewsdeskError as exc:
            yield Skipped(exc.input or given, exc.reason, "failed")
            return
        except Exception as exc:  # a library failing on one hostile input
            yield Skipped(given, f"cannot read ({type(exc).__name__}: {exc})", "failed")
            return
        if item is None:
            return
        yield item


def streams(paths: Iterable[str], url_files: Iterable[str] = ()) -> bool:
    """Whether ``discover`` would open an archive, a feed or a URL for these inputs: its
    items are then better consumed as they come than listed first (an archive holds
    thousands of pages)."""
    if any(True for _ in url_files):
        return True
    for given in paths:
        p = Path(given)
        if _is_url(given) or container(given) is not None:
            return True
        if p.is_dir() and any(container(path) is not None for path in _walk(p)):
            return True
    return False


def _file_items(path: str, settings: Settings, explicit: bool) -> Iterator[Item]:
    holds = container(path)
    if holds == "warc":
        from newsdesk.ingest.warc import warc_file

        yield from warc_file(path, settings.max_bytes)
        return
    if holds == "feed":
        from newsdesk.ingest.feeds import feed_file

        yield from feed_file(path, settings, explicit=explicit)
        return
    kind, gz = classify(path)
    if kind is not None:
        yield InputFile(path, kind, gz, explicit=explicit)
    elif explicit:
        yield Skipped(path, f"unsupported file type ({_supported()})", "failed")
    else:
        yield Skipped(path, f"not a news file type ({_supported()})", "skipped")


def read_url_list(path: str) -> Iterator[UrlInput | Skipped]:
    """The URLs of a list file: one per line; blank lines and ``#`` comments ignored.

    A line that is not an http(s) URL is a failure naming the file and line.
    """
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            for number, line in enumerate(fh, 1):
                # A URL may hold a '#': only a '#' starting the line or after a space is a comment.
                url = _COMMENT.split(line.strip(), maxsplit=1)[0].strip()
                if not url:
                    continue
                if _is_url(url) and not any(c.isspace() for c in url):
                    yield UrlInput(url, via=path)
                else:
                    yield Skipped(f"{path}:{number}", f"not an http(s) URL: {url[:80]!r}", "failed")
    except OSError as exc:
        yield Skipped(path, f"cannot read the URL list ({exc.strerror or exc})", "failed")


def read_limited(stream: object, limit: int, what: str) -> bytes:
    """All of ``stream``, read a chunk at a time; raises ``InputTooLarge`` as soon as it holds
    more than ``limit`` bytes (``what`` names it in the message)."""
    read = stream.read  # type: ignore[attr-defined]
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise InputTooLarge(
                f"{what} is larger than the limit of {limit:,} bytes (setting NEWSDESK_MAX_BYTES)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read(file: InputFile, max_bytes: int) -> RawDocument:
    """The bytes of one input file, decompressed, refusing anything over ``max_bytes``.

    Raises a NewsdeskError naming the file and the reason.
    """
    if file.kind is None:
        raise UnsupportedInput(f"unsupported file type ({_supported()})", input=file.path)
    try:
        with open(file.path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            if head == _GZIP_MAGIC:
                with gzip.GzipFile(fileobj=fh) as gz:
                    data = read_limited(gz, max_bytes, "decompressed content")
            elif file.gzipped:
                raise UnreadableInput("named .gz but is not gzip-compressed")
            else:
                data = read_limited(fh, max_bytes, "file")
    except NewsdeskError as exc:
        raise exc.about(file.path) from None
    except EOFError:
        raise UnreadableInput("truncated gzip stream", input=file.path) from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise UnreadableInput(f"corrupt gzip data ({exc})", input=file.path) from None
    except IsADirectoryError:
        raise UnreadableInput("is a directory", input=file.path) from None
    except PermissionError:
        raise UnreadableInput("permission denied", input=file.path) from None
    except OSError as exc:
        raise UnreadableInput(exc.strerror or str(exc), input=file.path) from None
    if not data.strip():
        raise EmptyInput("empty file", input=file.path)
    return RawDocument(data=data, origin=Origin(path=file.path), kind=file.kind)
