"""Files and directories -> RawDocument.

A path given by name that newsdesk cannot read is a failure; a file of another type met while
walking a directory is skipped (counted, with its reason), because directories hold READMEs,
images and the like that nobody asked to ingest.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsdesk.errors import (
    EmptyInput,
    InputTooLarge,
    NewsdeskError,
    UnreadableInput,
    UnsupportedInput,
)
from newsdesk.records import DocKind, Origin, RawDocument

SUFFIXES: dict[str, DocKind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
}
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
    kinds = ", ".join(sorted(SUFFIXES))
    return f"newsdesk reads {kinds} and their .gz"


def discover(paths: Iterable[str]) -> Iterator[InputFile | Skipped]:
    """Every input file under ``paths``, directories walked recursively in name order."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    path = os.path.join(root, name)
                    kind, gz = classify(path)
                    if kind is None:
                        yield Skipped(path, f"not a news file type ({_supported()})", "skipped")
                    else:
                        yield InputFile(path, kind, gz, explicit=False)
        elif p.exists() or p.is_symlink():
            kind, gz = classify(given)
            if kind is None:
                yield Skipped(given, f"unsupported file type ({_supported()})", "failed")
            else:
                yield InputFile(given, kind, gz, explicit=True)
        else:
            yield Skipped(given, "no such file or directory", "failed")


def _read_limited(stream: object, limit: int, what: str) -> bytes:
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
                    data = _read_limited(gz, max_bytes, "decompressed content")
            elif file.gzipped:
                raise UnreadableInput("named .gz but is not gzip-compressed")
            else:
                data = _read_limited(fh, max_bytes, "file")
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
