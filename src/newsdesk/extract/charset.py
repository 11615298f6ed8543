"""Bytes to text: find the character set of an HTML page or a plain-text dump.

Two entry points with different duties. ``decode_html`` always returns text, as a browser
would (a page is worth reading even when its charset is a guess). ``decode_text`` is stricter:
a dump that is binary, empty, or not text in any charset raises an error a person can act on.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from charset_normalizer import from_bytes

from newsdesk.errors import BinaryInput, DecodingError, EmptyInput

# The HTML spec prescans 1024 bytes; real pages often put <meta charset> after long inline
# scripts, so look further (the regex over a few KB costs microseconds).
_PRESCAN_BYTES = 16_384
# A UTF-8 text may carry a few stray bytes (a cut multibyte character, one pasted cp1252
# quote). Up to this share of invalid bytes (or this many, for short texts), the text is still
# read as UTF-8 when valid multibyte characters vouch for it.
_MAX_STRAY_SHARE = 0.01
_MAX_STRAY_FLOOR = 8
# Share of control bytes (other than tab, newlines, form feed, escape) above which a dump
# is taken as binary data; text in any charset has almost none.
_MAX_CONTROL_SHARE = 0.10
_UTF16_PROBE_BYTES = 1_024
# Only this much of a large input is sampled for the binary test and for detection.
_SAMPLE_BYTES = 65_536

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:+]+)|<\?xml[^>]*?encoding\s*=\s*["']([-\w.:+]+)""",
    re.IGNORECASE,
)
_SCRIPT_OR_STYLE = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rb"<[^>]*>")
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
# C0 controls and DEL, but not tab, newlines, vertical tab, form feed and escape (ANSI colours).
_LABEL = re.compile(r"[a-z0-9][a-z0-9._:+-]{0,39}")
_ALL_BYTES = bytes(range(256))
_CONTROL_BYTES = bytes(
    b for b in [*range(0x20), 0x7F] if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)
)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("newsdesk.extract").joinpath("data/html.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _magic_numbers() -> tuple[tuple[bytes, str], ...]:
    table: dict[str, str] = _data()["binary"]["magic"]
    return tuple((bytes.fromhex(magic), kind) for magic, kind in table.items())


@lru_cache(maxsize=512)
def codec_for(label: str, *, from_meta: bool = False) -> str | None:
    """The Python codec to decode a charset label with, as a browser would, or None.

    Labels are looked up in Python's codec registry, then widened to the superset browsers
    use (latin-1 and ascii read as cp1252, gb2312 as gb18030, shift_jis as cp932).
    A ``<meta>`` claiming UTF-16/32 is read as UTF-8: a page that could be parsed far
    enough to find the tag is not UTF-16 (HTML spec).

    >>> codec_for("ISO-8859-1")
    'cp1252'
    """
    charset = _data()["charset"]
    name = label.strip().strip("\"'").lower()
    name = charset["labels"].get(name, name)
    if not _LABEL.fullmatch(name):
        return None  # a NUL, a space or 200 characters: no charset's name
    try:
        codec = codecs.lookup(name).name
        if codec in charset["refused"]:
            return None
        # Every byte must decode, bad ones replaced: refuses what is not a text codec (base64,
        # rot13) and what cannot replace (idna, punycode, undefined).
        _ALL_BYTES.decode(codec, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    if from_meta and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    superset: str = charset["supersets"].get(codec, codec)
    return superset


def _bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    return None


def _utf16_unmarked(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM (Windows tools do): Latin text then has a NUL byte in
    every other position, on one side only."""
    head = data[:_UTF16_PROBE_BYTES]
    if len(head) < 16 or head.count(0) * 3 < len(head):
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return data[: len(data) // 2 * 2].decode(codec, errors="replace")
    return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace")
    return codec_for(label, from_meta=True)


def binary_kind(data: bytes) -> str | None:
    """What the bytes are when they start with a known binary magic number, else None."""
    for magic, kind in _magic_numbers():
        if data.startswith(magic):
            return kind
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """The bytes read as UTF-8 with U+FFFD for stray bytes, when they are UTF-8 with a few
    stray bytes: at most 1 % invalid (or 8 bytes in a short text), and at least twice as many
    valid non-ASCII characters as invalid bytes. A legacy 8-bit text has invalid bytes and
    almost no valid multibyte sequences; random bytes have far more invalid than valid ones."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if stray > max(len(data) * _MAX_STRAY_SHARE, _MAX_STRAY_FLOOR):
        return None
    non_ascii = len(_ASCII_RUNS.sub("", text)) - text.count("\ufffd")
    return text if non_ascii >= 2 * stray else None


def _detect(sample: bytes) -> str | None:
    """The codec charset-normalizer finds for the sample, ties broken by Web usage."""
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    preference: list[str] = _data()["charset"]["preference"]
    tied = []
    for match in matches:
        codec = codec_for(match.encoding)
        if codec is None:
            continue
        # Latin code pages decode most Western text to the same letters and score the same;
        # among ties prefer the charset pages are far likelier to be written in.
        if abs(match.chaos - best.chaos) <= 0.01 and match.coherence >= best.coherence - 0.05:
            rank = preference.index(codec) if codec in preference else len(preference)
            tied.append((rank, codec))
    if not tied:
        return codec_for(best.encoding)
    return min(tied)[1]


def _text_sample(data: bytes) -> bytes:
    """Markup-free bytes for the detector: tags and scripts only dilute the letters."""
    sample = data[: _SAMPLE_BYTES * 4]
    stripped = _TAG.sub(b" ", _SCRIPT_OR_STYLE.sub(b" ", sample))
    return stripped if stripped.strip() else sample


def _decode_declared(data: bytes, codec: str, utf8: str | None) -> str | None:
    """The bytes decoded with a declared codec, or None when the declaration must be ignored."""
    if codec == "utf-8":
        return utf8 if utf8 is not None else _mostly_utf8(data)
    if utf8 is not None and not data.isascii():
        # Bytes that are valid UTF-8 with multibyte sequences are UTF-8 whatever the label
        # says (a legacy text is practically never valid UTF-8): the common mislabel.
        return utf8
    return data.decode(codec, errors="replace")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page as a browser would; never fails on text-like bytes.

    Order: byte-order mark (or the NUL pattern of UTF-16 without one); the charset
    ``declared`` outside the bytes (HTTP header); the ``<meta charset>`` / ``http-equiv`` /
    XML declaration in the first 16 KB; strict UTF-8; detection with charset-normalizer on
    the page's text; cp1252 as a last resort.
    A declared charset loses to UTF-8 when the bytes decode strictly as UTF-8 and contain
    multibyte sequences. Labels are widened as browsers do (latin-1 and ascii -> cp1252,
    gb2312/gbk -> gb18030).

    Raises ``BinaryInput`` when the bytes start with a known binary magic number (PNG, PDF...).

    >>> decode_html("<meta charset='latin-1'><p>caf\\xe9</p>".encode("latin-1"))
    "<meta charset='latin-1'><p>café</p>"
    """
    bom = _bom(data)
    if bom is not None:
        return data[len(bom[0]) :].decode(bom[1], errors="replace")
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInput(f"binary data ({kind}), not an HTML page")
    utf16 = _utf16_unmarked(data)
    if utf16 is not None:
        return utf16
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    for codec in (
        codec_for(declared) if declared else None,
        _meta_charset(data),
    ):
        if codec is not None:
            text = _decode_declared(data, codec, utf8)
            if text is not None:
                return text
    if utf8 is not None:
        return utf8
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    detected = _detect(_text_sample(data))
    return data.decode(detected or "cp1252", errors="replace")


def _refuse_binary(data: bytes) -> None:
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInput(f"binary data ({kind}), not text")
    sample = data[:_SAMPLE_BYTES]
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(f"binary data (NUL byte at offset {nul}), not text")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * _MAX_CONTROL_SHARE:
        share = controls / len(sample)
        raise BinaryInput(f"binary data ({share:.0%} control characters), not text")


def decode_text(data: bytes) -> str:
    """Decode a plain-text dump: BOM, strict UTF-8, UTF-8 with a few stray bytes, detection.

    Rules, in order:
    - no bytes, or only whitespace -> ``EmptyInput``;
    - a byte-order mark decides the charset (UTF-8/16/32), as does the NUL pattern of UTF-16
      text saved without one;
    - a known binary magic number (PNG, PDF, ZIP, gzip...), a NUL byte, or more than 10 %
      control characters in the first 64 KB -> ``BinaryInput``;
    - strict UTF-8;
    - UTF-8 with stray bytes, replaced by U+FFFD, when at most 1 % of the bytes (or 8) are
      invalid and valid multibyte characters are at least twice as many (so a cp1252 text with
      one ``é`` is not taken for broken UTF-8);
    - the charset charset-normalizer finds plausible (ties broken by Web usage);
    - otherwise ``DecodingError``, naming the first byte that is not UTF-8.

    >>> decode_text("Le chef de l'OTAN".encode("cp1252"))
    "Le chef de l'OTAN"
    """
    if not data.strip():
        raise EmptyInput("empty input: no text" if data else "empty input: no bytes")
    bom = _bom(data)
    utf16 = _utf16_unmarked(data) if bom is None and binary_kind(data) is None else None
    if bom is not None:
        text = data[len(bom[0]) :].decode(bom[1], errors="replace")
    elif utf16 is not None:
        text = utf16
    else:
        _refuse_binary(data)
        text = _decode_unmarked(data)
    if not text.strip():
        raise EmptyInput("empty input: only whitespace once decoded")
    return text


def _decode_unmarked(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    detected = _detect(data[: _SAMPLE_BYTES * 4])
    if detected is None:
        raise DecodingError(
            f"not valid UTF-8 (first bad byte at offset {first_bad}) "
            "and no other character set fits"
        )
    return data.decode(detected, errors="replace")
