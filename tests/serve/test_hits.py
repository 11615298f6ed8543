"""Snippets and highlighted words of a search, found in the stored text itself."""

from __future__ import annotations

from newsdesk.serve.hits import first, matches, snippet
from newsdesk.serve.markup import highlight


def _marked(text: str, q: str) -> list[str]:
    return [f.text for f in snippet(text, q) if f.match]


def test_a_snippet_starts_a_few_words_before_the_first_word_found() -> None:
    filler = " ".join(f"mot{i}" for i in range(60))
    text = f"{filler} Le conseil municipal a voté la réforme du port. {filler}"
    parts = snippet(text, "reforme")
    shown = "".join(p.text for p in parts)
    assert shown.startswith("…municipal a voté la réforme")
    assert shown.endswith("…")
    assert [p.text for p in parts if p.match] == ["réforme"]
    assert len(shown.split()) <= 33


def test_a_snippet_of_a_text_without_the_word_is_its_beginning() -> None:
    text = "Le titre seul portait le mot cherché. " + "suite " * 50
    parts = snippet(text, "introuvable")
    assert parts[0].text.startswith("Le titre seul") and not any(p.match for p in parts)
    assert parts[-1].text.endswith("…")


def test_a_short_text_is_whole_and_without_ellipsis() -> None:
    parts = snippet("Les pêcheurs de Sète ont manifesté.", "sete pecheurs")
    assert "".join(p.text for p in parts) == "Les pêcheurs de Sète ont manifesté."
    assert [p.text for p in parts if p.match] == ["pêcheurs", "Sète"]


def test_prefixes_phrases_and_case_are_matched_as_the_index_does() -> None:
    text = "La Gendarmerie et les gendarmes ont vu le garde-côte au large."
    assert _marked(text, "gendarm*") == ["Gendarmerie", "gendarmes"]
    assert _marked(text, '"garde-côte"') == ["garde", "côte"]
    assert _marked(text, "GENDARMES OR large") == ["gendarmes", "large"]
    # A word inside a longer one is not that word.
    assert _marked(text, "gendarme") == []


def test_words_of_chinese_japanese_or_korean_are_found_inside_a_run() -> None:
    text = "市長は「新しい橋は来年完成する」と述べた。"
    assert _marked(text, "橋") == ["橋"]
    assert [m[0] for m in matches(text, "完成")] == ["完成"]


def test_highlight_escapes_the_text_around_the_words() -> None:
    html = str(highlight("<b>Élysée</b> & elysee", "ELYSÉE"))
    assert html == (
        '&lt;b&gt;<mark class="hit">Élysée</mark>&lt;/b&gt; &amp; <mark class="hit">elysee</mark>'
    )
    assert str(highlight("rien <ici>", "")) == "rien &lt;ici&gt;"


def test_the_first_word_is_found_whole_in_any_case_or_accent() -> None:
    text = "Les préfets, la préfète et la Préfecture ont parlé aux PRÉFETS."
    # Inside a longer word is no match; a capital or an accent left out still is.
    assert first(text, "prefet") is None
    assert first(text, "PREFETS") == text.index("préfets")
    assert first(text, "préfecture") == text.index("Préfecture")
    assert first(text, "pref*") == text.index("préfets")
    assert first("No accent here: the prefects met.", "préfects") == 20
    assert first("No accent here: the prefects met.", "prefect") is None
    assert first("the PREFECTS met", "préfects OR prefects") == 4
