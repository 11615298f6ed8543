"""``newsdesk quotes`` end to end, in child processes, on a database filled through the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.records import Analysis, Article, Quote, Source, article_id
from newsdesk.store import SQLiteStore

FR = (
    "Le chef de l'OTAN, Jens Stoltenberg, a déclaré mardi que l'alliance resterait unie. "
    "Selon des sources diplomatiques, les ministres discuteront de nouvelles livraisons d'armes."
)
EN = (
    "Julianne Smith, the US ambassador to NATO, told reporters that the allies would keep "
    "sending weapons to Ukraine for as long as it takes, through the winter and the spring, "
    "that the defence ministers would meet again in Madrid in June to agree on a second "
    "package of heavy weapons, and that the last word would belong to the government in "
    "Kyiv, whatever the cost."
)
LONG_QUOTE = EN[EN.index("the allies") : EN.index(", whatever")]


def _article(text: str, title: str, published: str, language: str) -> Article:
    return Article(
        id=article_id(text),
        text=text,
        title=title,
        published=published,
        language=language,
        url=f"https://news.example/{language}",
        source=Source(name="Gazette", domain="news.example"),
    )


def _quote(
    text: str, said: str, mention: str, speaker: str | None, sure: tuple[float, float | None]
) -> Quote:
    start, cue = text.index(said), text.index(mention)
    return Quote(
        said,
        start,
        start + len(said),
        "indirect",
        speaker_mention=mention,
        speaker_start=cue,
        speaker_end=cue + len(mention),
        speaker=speaker,
        confidence=sure[0],
        speaker_confidence=sure[1],
    )


FR_ANALYSIS = Analysis(
    article=_article(FR, "L'OTAN reste unie", "2022-04-05T16:43:00", "fr"),
    quotes=(
        _quote(
            FR, "l'alliance resterait unie", "Jens Stoltenberg", "Jens Stoltenberg", (0.95, 0.97)
        ),
        _quote(FR, "les ministres discuteront", "des sources diplomatiques", None, (0.8, None)),
    ),
)
EN_ANALYSIS = Analysis(
    article=_article(EN, "Weapons will keep coming", "2022-04-06T09:15:00", "en"),
    quotes=(_quote(EN, LONG_QUOTE, "Julianne Smith", "Julianne Smith", (0.9, 0.6)),),
)


@pytest.fixture
def filled(db_path: Path) -> Path:
    with SQLiteStore(db_path) as store:
        store.put(FR_ANALYSIS)
        store.put(EN_ANALYSIS)
    return db_path


def _json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_quotes_table_names_speakers_kinds_dates_and_articles(cli: Any, filled: Path) -> None:
    result = cli("quotes")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.lstrip().startswith("3 quotation(s) match, showing 1–3")
    for shown in (
        "Jens Stoltenberg",
        "Julianne Smith",
        "l'alliance resterait unie",
        "indirect",
        "2022-04-06",
        "2022-04-05",
        "Weapons will keep coming",
        FR_ANALYSIS.article.id[:12],
    ):
        assert shown in out
    assert FR_ANALYSIS.article.id[:13] not in out


def test_quotes_table_shows_the_mention_of_an_unknown_speaker(cli: Any, filled: Path) -> None:
    assert "des sources diplomatiques (unnamed)" in cli("quotes").stdout


def test_quotes_table_shortens_long_quotations(cli: Any, filled: Path) -> None:
    assert len(LONG_QUOTE) > 250
    result = cli("quotes", "--lang", "en")
    assert "…" in result.stdout
    # The table may fold a cell over lines; the text shown stops well before the quote's end.
    flat = " ".join(result.stdout.split())
    assert "the allies would keep sending weapons" in flat
    assert "government in Kyiv" not in flat


def test_quotes_json_has_the_quote_contract_and_its_article(cli: Any, filled: Path) -> None:
    result = cli("quotes", "--json")
    assert result.returncode == 0, result.stderr
    records = _json_lines(result.stdout)
    assert [r["speaker"] for r in records] == ["Julianne Smith", "Jens Stoltenberg", None]
    assert records[0]["text"] == LONG_QUOTE  # JSON is never shortened
    first_fr = records[1]
    assert {k: v for k, v in first_fr.items() if k != "article"} == {
        "text": "l'alliance resterait unie",
        "start": FR.index("l'alliance"),
        "end": FR.index("l'alliance") + len("l'alliance resterait unie"),
        "kind": "indirect",
        "cue": None,
        "cue_start": None,
        "cue_end": None,
        "speaker_mention": "Jens Stoltenberg",
        "speaker_start": FR.index("Jens"),
        "speaker_end": FR.index("Jens") + len("Jens Stoltenberg"),
        "speaker": "Jens Stoltenberg",
        "speaker_id": None,
        "confidence": 0.95,
        "speaker_confidence": 0.97,
    }
    assert first_fr["article"] == {
        "id": FR_ANALYSIS.article.id,
        "title": "L'OTAN reste unie",
        "published": "2022-04-05T16:43:00",
        "language": "fr",
        "url": "https://news.example/fr",
        "source": {"name": "Gazette", "domain": "news.example"},
    }


@pytest.mark.parametrize("typed", ["Stoltenberg", "jens stoltenberg", "Jens STOLTENBERG"])
def test_quotes_speaker_finds_the_person_however_typed(cli: Any, filled: Path, typed: str) -> None:
    result = cli("quotes", "--speaker", typed, "--json")
    assert result.returncode == 0, result.stderr
    assert [r["text"] for r in _json_lines(result.stdout)] == ["l'alliance resterait unie"]


def test_quotes_language_and_since_filter(cli: Any, filled: Path) -> None:
    fr = _json_lines(cli("quotes", "--lang", "fr", "--json").stdout)
    assert {r["article"]["language"] for r in fr} == {"fr"} and len(fr) == 2
    recent = _json_lines(cli("quotes", "--since", "2022-04-06", "--json").stdout)
    assert [r["speaker"] for r in recent] == ["Julianne Smith"]


def test_quotes_min_confidence_keeps_sure_quotations_with_sure_speakers(
    cli: Any, filled: Path
) -> None:
    # Smith's quotation is sure (0.9) but not its speaker (0.6); the anonymous one has no
    # speaker to doubt and is kept down to its own 0.8.
    sure = _json_lines(cli("quotes", "--min-confidence", "0.85", "--json").stdout)
    assert [r["speaker"] for r in sure] == ["Jens Stoltenberg"]
    looser = _json_lines(cli("quotes", "--min-confidence", "0.5", "--json").stdout)
    assert [r["speaker"] for r in looser] == ["Julianne Smith", "Jens Stoltenberg", None]
    counted = cli("quotes", "--min-confidence", "0.8").stdout
    assert "2 quotation(s) match" in counted


def test_quotes_table_marks_an_uncertain_speaker(cli: Any, filled: Path) -> None:
    table = cli("quotes", "--lang", "en").stdout
    assert "uncertain" in table and "0.60" in table
    assert "uncertain" not in cli("quotes", "--lang", "fr").stdout


def test_quotes_limit_and_offset_page_through(cli: Any, filled: Path) -> None:
    page = _json_lines(cli("quotes", "--limit", "1", "--offset", "1", "--json").stdout)
    assert [r["speaker"] for r in page] == ["Jens Stoltenberg"]
    table = cli("quotes", "--limit", "1", "--offset", "1").stdout
    assert "3 quotation(s) match, showing 2–2" in table


@pytest.mark.parametrize(
    "args",
    [("--speaker", "Macron"), ("--speaker", "%"), ("--lang", "de"), ("--since", "2030-01-01")],
)
def test_quotes_nothing_matching_exits_zero_and_says_so(
    cli: Any, filled: Path, args: tuple[str, ...]
) -> None:
    result = cli("quotes", *args)
    assert (result.returncode, result.stdout.strip()) == (0, "no quotations match")
    as_json = cli("quotes", *args, "--json")
    assert (as_json.returncode, as_json.stdout) == (0, "")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--since", "last week"), "since"),
        (("--limit", "0"), "limit"),
        (("--offset", "-1"), "offset"),
        (("--speaker", "  "), "speaker"),
        (("--min-confidence", "1.5"), "confidence"),
    ],
)
def test_quotes_bad_option_is_a_usage_error(
    cli: Any, filled: Path, args: tuple[str, ...], named: str
) -> None:
    result = cli("quotes", *args)
    assert result.returncode == 2
    assert named in result.stderr
    assert result.stdout == ""


def test_quotes_without_a_database_exits_one(cli: Any, tmp_path: Path) -> None:
    result = cli("quotes", "--db", str(tmp_path / "missing.db"))
    assert result.returncode == 1
    assert "no database" in result.stderr
