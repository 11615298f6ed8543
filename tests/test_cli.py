"""The command line, end to end in child processes, on the seed and the bundled examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def seed_record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import os
    import subprocess
    import sys

    seed = Path(__file__).parent / "data" / "seed_fr.txt"
    db = tmp_path_factory.mktemp("db") / "unused.db"
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "analyze", str(seed), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSDESK_DB": str(db)},
        check=True,
    )
    (line,) = result.stdout.splitlines()
    record: dict[str, Any] = json.loads(line)
    return record


def test_seed_record_has_the_clean_title(seed_record: dict[str, Any]) -> None:
    assert seed_record["title"] == (
        "Les alliés de l'OTAN se préparent à réarmer Kiev ; peur de nouvelles atrocités"
    )


def test_seed_record_has_the_dateline_as_published(seed_record: dict[str, Any]) -> None:
    assert seed_record["published"] == "2022-04-05T16:43:00"
    assert seed_record["language"] == "fr"


def test_seed_record_text_is_the_body_without_boilerplate(seed_record: dict[str, Any]) -> None:
    text = seed_record["text"]
    assert text.startswith("Le chef de l'OTAN")
    assert "Afficher Plus" not in text
    assert "©" not in text and "سياسة المحتوى" not in text
    assert "Mardi 05 Avril 2022" not in text


def test_analyze_summary_says_who_said_what(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Le conseil municipal a voté le budget mardi soir après quatre heures de débat.\n\n"
        "« Nous avons tenu nos promesses sans augmenter les impôts locaux cette année », a "
        "déclaré le maire Paul Garnier à la sortie de la séance.\n\n"
        "L'opposition a voté contre le texte.",
        encoding="utf-8",
    )
    result = cli("analyze", str(page))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "quotes: 1, places: 0," in lines[2]
    speaker, said = lines[3].strip().split(": ", 1)
    assert speaker.startswith("Paul Garnier (0.") and speaker.endswith(") [direct]")
    assert said == (
        "« Nous avons tenu nos promesses sans augmenter les impôts locaux cette année »"
    )


def test_seed_record_entities_name_people_and_organisations(seed_record: dict[str, Any]) -> None:
    found = {(e["name"], e["label"]) for e in seed_record["entities"]}
    assert {
        ("Jens Stoltenberg", "PER"),
        ("Julianne Smith", "PER"),
        ("OTAN", "ORG"),
        ("G7", "ORG"),
    } <= found


def test_seed_record_mentions_point_at_their_characters(seed_record: dict[str, Any]) -> None:
    text = seed_record["text"]
    for entity in seed_record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_seed_record_carries_every_contract_field(seed_record: dict[str, Any]) -> None:
    assert {
        "id", "url", "source", "origins", "title", "published", "language", "text",
        "quotes", "entities", "places", "dates",
    } <= set(seed_record)  # fmt: skip
    assert seed_record["origins"][0]["path"].endswith("seed_fr.txt")
    assert len(seed_record["id"]) == 64


def test_extract_prints_the_record_without_analysis(cli: Any, examples_dir: Path) -> None:
    result = cli("extract", str(examples_dir / "nato-ministers-en.html"), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["language"] == "en"
    assert record["source"] == {"name": "The Harbour Ledger", "domain": "harbourledger.example"}
    assert record["published"] == "2022-04-06T09:15:00+01:00"
    assert "entities" not in record


def test_failed_input_prints_one_stderr_line_and_nothing_on_stdout(
    cli: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary\x00")
    result = cli("analyze", str(broken), "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{broken}: ")
    assert "binary" in line


def test_ingest_twice_stores_once(cli: Any, examples_dir: Path) -> None:
    first = cli("ingest", str(examples_dir))
    second = cli("ingest", str(examples_dir))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("stored 2, already present 0")
    assert second.stdout.startswith("stored 0, already present 2")


def test_same_article_from_two_files_is_one_article_with_two_origins(
    cli: Any, seed_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy-of-seed.txt"
    shutil.copy(seed_path, copy)
    assert cli("ingest", str(seed_path)).returncode == 0
    assert cli("ingest", str(copy)).returncode == 0
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["articles"] == 1
    assert stats["origins"] == 2


def test_search_finds_accented_words_typed_without_accents(cli: Any, examples_dir: Path) -> None:
    cli("ingest", str(examples_dir))
    result = cli("search", "atrocites", "--json")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [h["language"] for h in hits] == ["fr"]
    assert any(match and "atrocités" in text for text, match in hits[0]["snippet_parts"])


def test_search_filters_by_language_and_date(cli: Any, examples_dir: Path) -> None:
    cli("ingest", str(examples_dir))
    assert cli("search", "Stoltenberg", "--lang", "en", "--json").stdout.count("\n") == 1
    assert cli("search", "Stoltenberg", "--since", "2022-04-06", "--json").stdout.count("\n") == 1
    assert cli("search", "Stoltenberg", "--json").stdout.count("\n") == 2


def test_search_with_a_bad_date_is_a_usage_error(cli: Any, examples_dir: Path) -> None:
    cli("ingest", str(examples_dir))
    result = cli("search", "OTAN", "--since", "last week")
    assert result.returncode == 2
    assert "since" in result.stderr


def test_show_prints_the_stored_record(cli: Any, seed_path: Path) -> None:
    cli("ingest", str(seed_path))
    (hit,) = [json.loads(x) for x in cli("search", "Stoltenberg", "--json").stdout.splitlines()]
    shown = json.loads(cli("show", hit["id"][:10], "--json").stdout)
    assert shown["id"] == hit["id"]
    assert shown["title"].startswith("Les alliés de l'OTAN")
    page = cli("show", hit["id"][:10]).stdout
    assert "quotations:" in page
    assert "Julianne Smith · direct · Je dirais que plus des deux tiers" in page
    assert cli("show", "0" * 12).returncode == 1


def test_stats_count_articles_per_language(cli: Any, examples_dir: Path) -> None:
    cli("ingest", str(examples_dir))
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["articles"] == 2
    assert dict(map(tuple, stats["languages"])) == {"fr": 1, "en": 1}
    assert stats["entities"] > 10


def test_db_option_overrides_the_environment(cli: Any, seed_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert cli("ingest", str(seed_path), "--db", str(other)).returncode == 0
    assert json.loads(cli("stats", "--json", "--db", str(other)).stdout)["articles"] == 1
    assert cli("stats").returncode == 1  # the environment's database was never created


def test_unknown_option_is_a_usage_error(cli: Any) -> None:
    assert cli("ingest", "--no-such-option").returncode == 2


def test_seed_record_has_eleven_quotations_with_their_speakers(
    seed_record: dict[str, Any],
) -> None:
    quotes = seed_record["quotes"]
    assert len(quotes) == 11
    speakers = [q["speaker"] for q in quotes]
    assert speakers == ["Jens Stoltenberg"] * 9 + ["Julianne Smith"] * 2
    text = seed_record["text"]
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert text[quote["cue_start"] : quote["cue_end"]] == quote["cue"]
        assert text[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker_mention"]
    ids = {e["name"]: e["id"] for e in seed_record["entities"]}
    assert {q["speaker_id"] for q in quotes} == {ids["Jens Stoltenberg"], ids["Julianne Smith"]}


def test_quotes_by_speaker_find_a_person_however_named(cli: Any, examples_dir: Path) -> None:
    cli("ingest", str(examples_dir))
    by_surname = cli("quotes", "--speaker", "Stoltenberg", "--lang", "fr", "--json")
    assert by_surname.returncode == 0, by_surname.stderr
    quotes = [json.loads(line) for line in by_surname.stdout.splitlines()]
    assert len(quotes) == 9
    assert {q["speaker"] for q in quotes} == {"Jens Stoltenberg"}
    # In the article the speaker is named "Stoltenberg", "Jens Stoltenberg" and "il".
    assert {q["speaker_mention"] for q in quotes} == {"Jens Stoltenberg", "Stoltenberg", "il"}
    full = cli("quotes", "--speaker", "jens STOLTENBERG", "--lang", "fr", "--json")
    assert full.stdout == by_surname.stdout
    smith = cli("quotes", "--speaker", "Julianne Smith", "--json")
    assert [json.loads(line)["speaker_mention"] for line in smith.stdout.splitlines()][-2:] == [
        "Julianne Smith",
        "elle",
    ]


def test_search_finds_words_of_a_quotation(cli: Any, examples_dir: Path) -> None:
    cli("ingest", str(examples_dir))
    result = cli("search", '"phase cruciale"', "--json")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["language"] for line in result.stdout.splitlines()] == ["fr"]
