"""Web archives (WARC, WARC.gz, and the older ARC that warcio converts) -> RawDocument.

An archive is read record by record and never held in memory whole: Common Crawl News files
are about a gigabyte each. Only successful HTML captures are articles; the rest of an archive
(the request record and the metadata record written beside every response, warcinfo headers,
revisits, redirects, images, PDFs) is skipped with a short reason shared by every record of its
kind, so a run can count them by reason instead of listing them.

A damaged archive still gives the records before the damage: a truncated last record or a
corrupt gzip member ends the archive with one failure naming the file and the byte offset.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from newsdesk.ingest.files import HTML_TYPES, Skipped, looks_like_html, parse_content_type
from newsdesk.records import Origin, RawDocument

_CHUNK = 1 << 16
# Bytes one line of a record's or an HTTP header may hold (long URLs and cookies take a few KB).
MAX_LINE = 1 << 20
# What a damaged archive raises from warcio or the decompressor underneath it.
# (warcio raises AttributeError and IndexError on some cut header blocks.)
_DAMAGE = (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, IndexError, AttributeError)


class _Counting:
    """A read-only stream that knows how many bytes were read from it, so bytes left after
    the last complete record (a gzip member cut short) can be noticed."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        try:
            self._position = stream.tell()
        except (OSError, AttributeError, ValueError):
            self._position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._position += len(data)
        return data

    def tell(self) -> int:
        return self._position


class _Truncated(Exception):
    def __init__(self, missing: int) -> None:
        super().__init__(missing)
        self.missing = missing


def warc_documents(
    stream: BinaryIO, name: str, max_bytes: int | None = None
) -> Iterator[RawDocument | Skipped]:
    """The HTML pages of one WARC/ARC stream (gzipped or not) as RawDocuments, in order, and
    every other record as a ``Skipped`` named ``<name>#<offset>`` with its reason.

    A page is an HTTP ``response`` record (or a ``resource`` record) with status 200 and an
    HTML content type; its origin is ``name``, its ``WARC-Target-URI`` and ``WARC-Date``, and
    its declared charset the one of the HTTP ``Content-Type``. A page over ``max_bytes`` once
    decoded is a failure. Damage ends the stream with one failure naming the offset.

    >>> import io
    >>> [s.reason for s in warc_documents(io.BytesIO(b"WARC/1.0\\r\\n"), "x.warc")]
    ['truncated or malformed WARC record at offset 0']
    """
    counting = _Counting(stream)
    records = ArchiveIterator(counting, arc2warc=True)
    _limit_lines(records)
    offset = records.offset
    seen = 0
    try:
        for record in records:
            offset = records.offset  # the start of this record until it has been read
            seen += 1
            _check_headers(record)
            yield _document(record, name, offset, max_bytes)
        offset = records.offset  # the end of the last complete record
        if counting.tell() > offset:
            yield Skipped(
                f"{name}#{offset}",
                f"truncated or corrupt data at offset {offset} "
                f"({counting.tell() - offset:,} bytes that hold no complete record)",
                "failed",
            )
        elif not seen:
            yield Skipped(name, "empty archive: no records", "failed")
    except _Truncated as exc:
        offset = records.offset  # the start of the record being read when reading failed
        reason = f"truncated or malformed WARC record at offset {offset}"
        if exc.missing > 0:
            reason += f" ({exc.missing:,} bytes missing)"
        yield Skipped(f"{name}#{offset}", reason, "failed")
    except _DAMAGE as exc:
        offset = records.offset
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        yield Skipped(
            f"{name}#{offset}", f"corrupt archive at offset {offset} ({detail})", "failed"
        )


def _limit_lines(records: ArchiveIterator) -> None:
    """Refuse header lines over ``MAX_LINE`` bytes: warcio joins the pieces of a line one by
    one, which is quadratic (a 40 MB line takes 44 s), and no header needs that much."""
    reader = records.reader
    readline = reader.readline

    def limited(length: int | None = None) -> bytes:
        cap = min(length, MAX_LINE + 1) if length else MAX_LINE + 1
        parts: list[bytes] = []
        size = 0
        while size < cap:
            piece: bytes = readline(cap - size)
            if not piece:
                break
            parts.append(piece)
            size += len(piece)
            if piece.endswith(b"\n"):
                break
        line = b"".join(parts)
        if size > MAX_LINE and not line.endswith(b"\n"):
            raise ArchiveLoadFailed(f"a header line is longer than {MAX_LINE:,} bytes")
        return line

    reader.readline = limited


def warc_file(path: str, max_bytes: int | None = None) -> Iterator[RawDocument | Skipped]:
    """``warc_documents`` over the file at ``path``, opened for as long as it is read."""
    try:
        with open(path, "rb") as fh:
            yield from warc_documents(fh, path, max_bytes)
    except OSError as exc:
        yield Skipped(path, f"cannot open the archive ({exc.strerror or exc})", "failed")


def _check_headers(record: ArcWarcRecord) -> None:
    """A header block cut short parses as a record without a type or a length."""
    length = record.rec_headers.get_header("Content-Length")
    if not record.rec_type or length is None or not length.strip().isdigit():
        raise _Truncated(0)


def _drain(record: ArcWarcRecord) -> None:
    """Read what is left of a record; raise _Truncated when the archive ends inside it."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if missing:
        raise _Truncated(missing)


def _document(
    record: ArcWarcRecord, name: str, offset: int, max_bytes: int | None
) -> RawDocument | Skipped:
    where = f"{name}#{offset}"
    kind = record.rec_type
    language = None
    if kind == "resource":
        header = record.rec_headers.get_header("Content-Type")
    elif kind == "response":
        if record.http_headers is None:
            _drain(record)
            return Skipped(where, "WARC response record without HTTP headers", "skipped")
        status = record.http_headers.get_statuscode()
        if status != "200":
            _drain(record)
            return Skipped(where, f"HTTP status {status}", "skipped")
        header = record.http_headers.get_header("Content-Type")
        language = record.http_headers.get_header("Content-Language")
    else:
        _drain(record)
        return Skipped(where, f"WARC {kind or 'unknown'} record", "skipped")
    media, charset = parse_content_type(header)
    if media is not None and media not in HTML_TYPES:
        _drain(record)
        return Skipped(where, f"not HTML ({media})", "skipped")
    data = _content(record, where, max_bytes)
    if isinstance(data, Skipped):
        return data
    if media is None and not looks_like_html(data):
        return Skipped(where, "not HTML (no content type)", "skipped")
    origin = Origin(
        path=name,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched=record.rec_headers.get_header("WARC-Date"),
    )
    return RawDocument(data, origin, "html", declared_charset=charset, declared_language=language)


def _content(record: ArcWarcRecord, where: str, max_bytes: int | None) -> bytes | Skipped:
    """The HTTP body, de-chunked and decompressed as warcio does, within ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    try:
        body = record.content_stream()
        while chunk := body.read(_CHUNK):
            size += len(chunk)
            if max_bytes is not None and size > max_bytes:
                _drain(record)
                return Skipped(
                    where,
                    f"page over the limit of {max_bytes:,} bytes (setting NEWSDESK_MAX_BYTES)",
                    "failed",
                )
            chunks.append(chunk)
    except zlib.error as exc:
        _drain(record)
        return Skipped(where, f"cannot decode the HTTP body ({exc})", "failed")
    _drain(record)
    return b"".join(chunks)
