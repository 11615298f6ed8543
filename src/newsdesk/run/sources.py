"""The sources of distributed runs: listing files and reading them into documents.

Sources are local paths, URIs (``s3://bucket/news/``…) read through pyarrow's filesystems, and
http(s) URLs (a page or a feed, fetched as ``newsdesk ingest`` fetches them). ``list_sources``
turns them into a table of inputs (``FILES``), each with its place in the listing (``seq``);
``read_documents`` turns rows of that table into documents (``DOCUMENTS``): one per page or
text file, one per HTML response of a web archive, one per entry of a feed (the pages of
link-only entries fetched with the ``fetch`` setting). Both are plain functions over Arrow
tables, so Ray Data can run them as tasks and ``run_local`` in this process.
"""

from __future__ import annotations

import gzip
import importlib
import io
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, cast

import pyarrow as pa
import pyarrow.fs as pafs

from newsdesk.config import Settings
from newsdesk.errors import EmptyInput, NewsdeskError, UnreadableInput
from newsdesk.ingest.files import (
    InputFile,
    Skipped,
    UrlInput,
    classify,
    container,
    read,
    read_limited,
    read_url_list,
)
from newsdesk.records import DocKind, Origin, RawDocument
from newsdesk.run.local import failure_reason, read_input

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_KINDS = ".html, .htm, .xhtml, .txt, .warc, .arc, .rss, .atom, .xml and their .gz"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GZIP_MAGIC = b"\x1f\x8b"
# A WARC file's documents get the file's seq in the high bits and their place in it below.
RECORD_BITS = 32

# The listing: one row per file found, or per source that could not be listed.
FILES = pa.schema(
    [
        ("seq", pa.int64()),
        ("status", pa.string()),  # "file", "failed" or "skipped"
        ("name", pa.string()),  # the path as given and walked, or the file's URI
        ("uri", pa.bool_()),
        ("fs_path", pa.string()),  # the path in the pyarrow filesystem of ``source``
        ("source", pa.string()),  # the URI given, to build that filesystem again
        ("kind", pa.string()),  # "html", "text", "warc", "feed" or "url"
        ("gzipped", pa.bool_()),
        ("reason", pa.string()),
        ("explicit", pa.bool_()),  # named as a source, not met in a directory
    ]
)
# The read step: one row per document, or per input that failed or was skipped.
DOCUMENTS = pa.schema(
    [
        ("seq", pa.int64()),
        ("status", pa.string()),  # "document", "failed" or "skipped"
        ("input", pa.string()),
        ("reason", pa.string()),
        ("kind", pa.string()),
        ("data", pa.binary()),
        ("path", pa.string()),
        ("url", pa.string()),
        ("fetched", pa.string()),
        ("declared_charset", pa.string()),
    ]
)


# --- listing ------------------------------------------------------------------------------


def is_uri(source: str) -> bool:
    """Whether a source names a filesystem by scheme (``s3://bucket/news/``).

    >>> is_uri("s3://bucket/news/"), is_uri("examples/")
    (True, False)
    """
    return bool(_URI.match(source))


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _file_row(name: str, kind: str, gzipped: bool, **where: Any) -> dict[str, Any]:
    return {"status": "file", "name": name, "kind": kind, "gzipped": gzipped, **where}


def _not_listed(item: Skipped) -> dict[str, Any]:
    return {"status": item.status, "name": item.input, "reason": item.reason}


def _classified(name: str, explicit: bool, **where: Any) -> dict[str, Any]:
    """A file's listing row: a document, a web archive, a feed, or a file this run does not
    read (an error when it was named, skipped when it was met in a directory)."""
    if is_warc(name):
        return _file_row(name, "warc", False, explicit=explicit, **where)
    if container(name) == "feed":
        gzipped = name.lower().endswith(".gz")
        return _file_row(name, "feed", gzipped, explicit=explicit, **where)
    kind, gzipped = classify(name)
    if kind is not None:
        return _file_row(name, kind, gzipped, explicit=explicit, **where)
    reason = f"not a file type distributed runs read ({_KINDS})"
    return _not_listed(Skipped(name, reason, "failed" if explicit else "skipped"))


def _local_files(source: str) -> Iterator[dict[str, Any]]:
    """The files under a local path, walked as ``newsdesk ingest`` walks them: directories
    recursively in name order, hidden names left out."""
    path = Path(source)
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield _classified(os.path.join(root, name), False, uri=False)
    elif path.exists() or path.is_symlink():
        yield _classified(source, True, uri=False)
    else:
        yield _not_listed(Skipped(source, "no such file or directory", "failed"))


@lru_cache(maxsize=64)
def _filesystem(source: str) -> tuple[pafs.FileSystem, str]:
    """The pyarrow filesystem of a URI (S3, GCS, HDFS, file://…) and the path in it; kept,
    because resolving an S3 bucket's region is a request."""
    return cast(tuple[pafs.FileSystem, str], pafs.FileSystem.from_uri(source))


def _walk_order(info: pafs.FileInfo) -> tuple[tuple[int, str], ...]:
    """Sort key giving the order of ``os.walk`` in name order: a directory's files before its
    subdirectories."""
    *dirs, name = info.path.split("/")
    return (*((1, d) for d in dirs), (0, name))


def _uri_files(source: str) -> Iterator[dict[str, Any]]:
    """The files under a URI, walked recursively in name order, classified as locally."""
    try:
        fs, root = _filesystem(source)
        info = fs.get_file_info(root)
        if info.type == pafs.FileType.Directory:
            found = fs.get_file_info(pafs.FileSelector(root, recursive=True))
            infos = sorted((i for i in found if i.type == pafs.FileType.File), key=_walk_order)
        else:
            infos = [info]
    except (OSError, ValueError, pa.ArrowException) as exc:
        yield _not_listed(Skipped(source, f"cannot be listed ({exc})", "failed"))
        return
    if info.type == pafs.FileType.NotFound:
        yield _not_listed(Skipped(source, "no such file or directory", "failed"))
        return
    # Options in the query (s3://bucket/news/?region=eu-west-3) are not part of file names.
    base = source.split("?", 1)[0].rstrip("/")
    for file in infos:
        relative = file.path[len(root.rstrip("/")) :].lstrip("/")
        name = f"{base}/{relative}" if relative else source
        if any(part.startswith(".") for part in relative.split("/") if part):
            continue
        yield _classified(name, name == source, uri=True, fs_path=file.path, source=source)


def _url_row(url: str) -> dict[str, Any]:
    return _file_row(url, "url", False, uri=False, explicit=True)


def list_sources(sources: Iterable[str], url_files: Iterable[str] = ()) -> pa.Table:
    """The inputs of ``sources`` (files under paths and URIs, http(s) URLs), then the URLs
    listed in ``url_files``, as a table of ``FILES``, in listing order.

    A source that does not exist or cannot be listed is one ``failed`` row naming it.
    """
    rows: list[dict[str, Any]] = []
    for source in sources:
        if source.lower().startswith(("http://", "https://")):
            rows.append(_url_row(source))
            continue
        files = _uri_files if is_uri(source) else _local_files
        rows.extend(files(source))
    for listing in url_files:
        for item in read_url_list(listing):
            rows.append(_url_row(item.url) if isinstance(item, UrlInput) else _not_listed(item))
    for i, row in enumerate(rows):
        row["seq"] = i << RECORD_BITS
    return pa.Table.from_pylist(rows, schema=FILES)


# --- reading ------------------------------------------------------------------------------


def _read_uri(row: dict[str, Any], max_bytes: int) -> RawDocument:
    """A file of a URI, with the checks ``ingest.files.read`` makes on a local one."""
    name: str = row["name"]
    fs, _ = _filesystem(row["source"])
    try:
        with fs.open_input_stream(row["fs_path"], compression=None) as stream:
            data = read_limited(stream, max_bytes, "file")
        if data[:2] == _GZIP_MAGIC:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = read_limited(gz, max_bytes, "decompressed content")
        elif row["gzipped"]:
            raise UnreadableInput("named .gz but is not gzip-compressed")
    except NewsdeskError as exc:
        raise exc.about(name) from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise UnreadableInput(f"corrupt gzip data ({exc})", input=name) from None
    except (OSError, pa.ArrowException) as exc:
        raise UnreadableInput(f"cannot be read ({exc})", input=name) from None
    if not data.strip():
        raise EmptyInput("empty file", input=name)
    return RawDocument(data=data, origin=Origin(path=name), kind=cast(DocKind, row["kind"]))


WarcReader = Callable[[BinaryIO, str, int], Iterator[RawDocument | Skipped]]


def warc_reader() -> WarcReader | None:
    """``newsdesk.ingest.warc.warc_documents``, or None where that module is not installed."""
    try:
        module = importlib.import_module("newsdesk.ingest.warc")
    except ImportError:
        return None
    return cast(WarcReader, module.warc_documents)


def _warc(row: dict[str, Any], max_bytes: int) -> Iterator[RawDocument | Skipped]:
    documents = warc_reader()
    if documents is None:
        raise UnreadableInput("WARC files cannot be read: newsdesk.ingest.warc is missing")
    name = row["name"]
    if row["uri"]:
        fs, _ = _filesystem(row["source"])
        with fs.open_input_stream(row["fs_path"], compression=None) as stream:
            yield from documents(cast(BinaryIO, stream), name, max_bytes)
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115 (closed below, after the archive is read)
    except OSError as exc:
        raise UnreadableInput(exc.strerror or str(exc), input=name) from None
    with fh:
        yield from documents(fh, name, max_bytes)


def _document_row(seq: int, raw: RawDocument) -> dict[str, Any]:
    return {
        "seq": seq,
        "status": "document",
        "input": raw.name,
        "kind": raw.kind,
        "data": raw.data,
        "path": raw.origin.path,
        "url": raw.origin.url,
        "fetched": raw.origin.fetched,
        "declared_charset": raw.declared_charset,
    }


def _entries(row: dict[str, Any], settings: Settings) -> Iterator[RawDocument | UrlInput | Skipped]:
    """The items of a URL (a page, or a feed's entries) or of a feed file."""
    from newsdesk.ingest.feeds import feed_data, feed_file
    from newsdesk.ingest.fetch import named_url

    name = row["name"]
    if row["kind"] == "url":
        yield from named_url(name, settings)
    elif row["uri"]:
        raw = _read_uri(row, settings.max_bytes)
        yield from feed_data(raw.data, name, settings, explicit=row["explicit"], fetched=None)
    else:
        yield from feed_file(name, settings, explicit=row["explicit"])


def _item_row(seq: int, item: RawDocument | UrlInput | Skipped, settings: Settings) -> Any:
    if isinstance(item, Skipped):
        return {"seq": seq, "status": item.status, "input": item.input, "reason": item.reason}
    if isinstance(item, UrlInput):  # a feed entry with only a link, fetched here
        try:
            fetched = read_input(item, settings)
        except Exception as exc:
            reason = failure_reason(exc)
            return {"seq": seq, "status": "failed", "input": item.url, "reason": reason}
        return _document_row(seq, fetched)
    return _document_row(seq, item)


def _documents(row: dict[str, Any], settings: Settings) -> Iterator[dict[str, Any]]:
    seq, name = row["seq"], row["name"]
    if row["status"] != "file":
        yield {"seq": seq, "status": row["status"], "input": name, "reason": row["reason"]}
        return
    max_bytes = settings.max_bytes
    read_so_far = 0
    try:
        if row["kind"] in ("warc", "feed", "url"):  # inputs holding many documents
            items = _warc(row, max_bytes) if row["kind"] == "warc" else _entries(row, settings)
            for read_so_far, item in enumerate(items, 1):
                yield _item_row(seq + read_so_far - 1, item, settings)
        elif row["uri"]:
            yield _document_row(seq, _read_uri(row, max_bytes))
        else:
            kind = cast(DocKind, row["kind"])
            yield _document_row(seq, read(InputFile(name, kind, row["gzipped"], True), max_bytes))
    except Exception as exc:
        # A WARC file that breaks halfway keeps the documents read before the break.
        reason = failure_reason(exc)
        yield {"seq": seq + read_so_far, "status": "failed", "input": name, "reason": reason}


def read_documents(files: pa.Table, settings: Settings) -> pa.Table:
    """The read step: rows of ``FILES`` -> rows of ``DOCUMENTS``."""
    rows = [doc for row in files.to_pylist() for doc in _documents(row, settings)]
    return pa.Table.from_pylist(rows, schema=DOCUMENTS)
