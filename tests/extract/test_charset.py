"""Decoding pages and text dumps: charsets declared, mislabelled or unknown; errors."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from newsdesk.errors import BinaryInput, DecodingError, EmptyInput
from newsdesk.extract.charset import codec_for, decode_html, decode_text

DATA = Path(__file__).resolve().parents[1] / "data" / "html"

# (text file, Python codec to write the page in, label the page declares)
ENCODED = [
    ("ar", "cp1256", "windows-1256"),
    ("ru", "cp1251", "windows-1251"),
    ("ru", "koi8_r", "koi8-r"),
    ("zh-hans", "gbk", "gbk"),
    ("zh-hans", "gb18030", "gb18030"),
    ("zh-hans", "gb2312", "gb2312"),
    ("zh-hant", "big5", "big5"),
    ("ja", "shift_jis", "shift_jis"),
    ("ja", "euc_jp", "euc-jp"),
    ("fr", "cp1252", "windows-1252"),
    ("fr", "latin-1", "iso-8859-1"),
]
DECLARATIONS = ["meta charset", "meta http-equiv", "http header", "undeclared"]


def text_of(name: str) -> str:
    return (DATA / f"{name}.txt").read_text("utf-8")


def page(text: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>Article</title></head>"
        f"<body><article>{paragraphs}</article></body></html>"
    )


def head_for(declaration: str, label: str) -> str:
    if declaration == "meta charset":
        return f'<meta charset="{label}">'
    if declaration == "meta http-equiv":
        return f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    return ""


@pytest.mark.parametrize("declaration", DECLARATIONS)
@pytest.mark.parametrize(("name", "codec", "label"), ENCODED)
def test_decode_html_legacy_charset_reads_original_words(
    name: str, codec: str, label: str, declaration: str
) -> None:
    text = text_of(name)
    data = page(text, head_for(declaration, label)).encode(codec)
    declared = label if declaration == "http header" else None

    decoded = decode_html(data, declared)

    for line in text.splitlines():
        assert line in decoded


@pytest.mark.parametrize(("name", "codec", "label"), ENCODED)
def test_decode_html_undeclared_single_sentence_reads_original_words(
    name: str, codec: str, label: str
) -> None:
    sentence = text_of(name).splitlines()[0]

    assert sentence in decode_html(page(sentence).encode(codec))


def test_decode_html_utf8_bytes_labelled_latin1_read_as_utf8() -> None:
    text = text_of("fr")
    data = page(text, '<meta charset="iso-8859-1">').encode("utf-8")

    assert text.splitlines()[0] in decode_html(data)


def test_decode_html_utf8_bytes_declared_cp1252_by_header_read_as_utf8() -> None:
    text = text_of("ru")

    assert text.splitlines()[1] in decode_html(page(text).encode("utf-8"), "windows-1252")


def test_decode_html_latin1_label_reads_cp1252_quotes() -> None:
    data = page("l\x92OTAN \x93unie\x94").encode("latin-1")

    assert "l’OTAN “unie”" in decode_html(data, "ISO-8859-1")


def test_decode_html_gb2312_label_reads_characters_only_in_gbk() -> None:
    # 镕 is outside GB2312; pages labelled gb2312 are routinely written in GBK.
    text = "国务院总理朱镕基星期二表示，改革将继续推进。"

    assert text in decode_html(page(text, '<meta charset="gb2312">').encode("gbk"))


def test_decode_html_header_wins_over_meta() -> None:
    text = text_of("ru")
    data = page(text, '<meta charset="koi8-r">').encode("cp1251")

    assert text.splitlines()[0] in decode_html(data, "windows-1251")


def test_decode_html_byte_order_mark_wins_over_declarations() -> None:
    text = text_of("ja")
    data = codecs.BOM_UTF16_LE + page(text, '<meta charset="shift_jis">').encode("utf-16-le")

    assert text.splitlines()[0] in decode_html(data, "iso-8859-1")


def test_decode_html_meta_claiming_utf16_reads_utf8() -> None:
    text = text_of("fr")

    assert text.splitlines()[2] in decode_html(page(text, '<meta charset="utf-16">').encode())


def test_decode_html_utf7_label_is_ignored() -> None:
    data = page("a+ADw-b", '<meta charset="utf-7">').encode("ascii")

    assert "a+ADw-b" in decode_html(data)


def test_decode_html_unknown_label_falls_back_to_detection() -> None:
    text = text_of("ar")
    data = page(text, '<meta charset="no-such-charset">').encode("cp1256")

    assert text.splitlines()[0] in decode_html(data)


def test_decode_html_utf8_with_one_stray_byte_keeps_utf8() -> None:
    text = text_of("fr") * 20
    data = page(text).encode("utf-8").replace(b"</article>", b"\x92</article>")

    decoded = decode_html(data)

    assert text.splitlines()[0] in decoded
    assert "\ufffd" in decoded


def test_decode_html_binary_magic_number_raises_binary_input() -> None:
    with pytest.raises(BinaryInput, match="PNG image"):
        decode_html(b"\x89PNG\r\n\x1a\n" + bytes(200))


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("utf8", "utf-8"),
        ("GB2312", "gb18030"),
        ("x-sjis", "cp932"),
        ("windows-1256", "cp1256"),
        ('"koi8-r"', "koi8-r"),
        ("utf-7", None),
        ("base64", None),
        ("no-such-charset", None),
    ],
)
def test_codec_for_maps_web_labels_to_browser_codecs(label: str, codec: str | None) -> None:
    assert codec_for(label) == codec


@pytest.mark.parametrize(
    ("name", "codec"),
    [("fr", "cp1252"), ("ru", "cp1251"), ("ar", "cp1256"), ("zh-hans", "gb18030")],
)
def test_decode_text_legacy_charset_reads_original_words(name: str, codec: str) -> None:
    text = text_of(name)

    assert decode_text(text.encode(codec)) == text


def test_decode_text_byte_order_mark_utf16_reads_text() -> None:
    text = text_of("ru")

    assert decode_text(text.encode("utf-16")) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_text_utf16_without_byte_order_mark_reads_text(codec: str) -> None:
    text = text_of("fr")

    assert decode_text(text.encode(codec)) == text


def test_decode_html_utf16_without_byte_order_mark_reads_text() -> None:
    text = text_of("fr")

    assert text.splitlines()[1] in decode_html(page(text).encode("utf-16-le"))


def test_decode_text_cp1252_with_single_accent_is_not_broken_utf8() -> None:
    text = "The committee met at the café on Main Street to discuss the budget. " * 30

    assert decode_text(text.encode("cp1252")) == text


def test_decode_text_utf8_with_few_stray_bytes_replaces_them() -> None:
    text = text_of("fr") * 10
    data = text.encode("utf-8") + b" \xff"

    decoded = decode_text(data)

    assert decoded.startswith(text)
    assert decoded.endswith("\ufffd")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["no bytes", "whitespace"])
def test_decode_text_empty_raises_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInput, match="empty input"):
        decode_text(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"IHDR" * 50, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"),
        (b"Some words then a NUL\x00 and more words", "NUL byte at offset 21"),
        (bytes(range(1, 9)) * 20 + b"some letters", "control characters"),
    ],
    ids=["png", "pdf", "zip", "gzip", "nul", "controls"],
)
def test_decode_text_binary_raises_binary_input_naming_it(data: bytes, kind: str) -> None:
    with pytest.raises(BinaryInput, match=kind):
        decode_text(data)


def test_decode_text_bytes_in_no_charset_raise_decoding_error_with_offset() -> None:
    rng = random.Random(7)
    # 0xFF never occurs in UTF-8; random high bytes after it fit no charset either.
    data = b"Intro line. \xff" + bytes(rng.randrange(0x80, 0x100) for _ in range(2000))

    with pytest.raises(DecodingError, match=r"not valid UTF-8 \(first bad byte at offset 12\)"):
        decode_text(data)


def test_decode_text_seed_reads_as_written(seed_path: Path) -> None:
    data = seed_path.read_bytes()

    assert decode_text(data) == data.decode("utf-8")


def test_decode_text_short_utf8_with_two_stray_bytes_stays_utf8() -> None:
    text = (
        "Le maire de Nantes a annoncé mardi des travaux à la mairie. "
        "« Nous commencerons en été », a-t-il déclaré devant les élus."
    )
    data = text.encode("utf-8")
    data = data[:20] + b"\xff\xfe" + data[20:]

    decoded = decode_text(data)

    assert decoded.replace("\ufffd", "") == text
    assert decoded.count("\ufffd") == 2
