"""Pages that once lost themselves to a crash: charset labels no codec can replace with, a NUL
in a declared charset, a page htmldate asserts on. Each decodes, or fails by name."""

from __future__ import annotations

import pytest

from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.extract import extract_one
from newsdesk.extract.charset import codec_for, decode_html, decode_text
from newsdesk.extract.html import extract_html
from newsdesk.records import Origin, RawDocument

BODY = (
    "<p>Le conseil municipal de Besançon a voté mardi soir le budget de l'année, après "
    "quatre heures de débats sur le prix des cantines et la rénovation du marché couvert.</p>"
)


@pytest.mark.parametrize(
    "label", ["idna", "punycode", "undefined", "utf\x00-8", "utf-8\x00", "base64", "x" * 300]
)
def test_a_charset_label_no_codec_decodes_text_with_is_ignored(label: str) -> None:
    assert codec_for(label) is None
    page = f"<html><head><meta charset='{label}'></head><body>{BODY}</body></html>"
    data = page.encode("cp1252")
    assert "Besançon" in decode_html(data)
    assert "Besançon" in decode_html(data, declared=label)


@pytest.mark.parametrize("label", ["unicode-escape", "raw-unicode-escape", "utf-7"])
def test_codecs_no_browser_uses_are_refused(label: str) -> None:
    assert codec_for(label) is None


def test_a_page_htmldate_asserts_on_fails_by_name_or_extracts() -> None:
    page = "<svg><script></script><h>" + BODY
    try:
        extracted = extract_html(page)
    except NewsdeskError:
        return
    assert "Besançon" in extracted.text


def test_a_declared_charset_that_is_not_text_leaves_the_page_readable() -> None:
    page = f"<?xml version='1.0' encoding='punycode'?><html><body>{BODY}</body></html>"
    raw = RawDocument(page.encode("cp1252"), Origin(path="p.html"), "html", "idna")
    assert "Besançon" in extract_one(raw, Settings()).text


def test_an_undeclared_latin_2_dump_decodes() -> None:
    text = (
        "Zarząd województwa przyjął we wtorek budżet na przyszły rok. Radni dyskutowali przez "
        "cztery godziny o cenach biletów i remoncie dworca w Łodzi.\n"
    ) * 5
    decoded = decode_text(text.encode("iso8859-2"))
    assert decoded.count("\n") == 5 and len(decoded) == len(text)
