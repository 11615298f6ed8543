"""``newsdesk entities`` and ``newsdesk entity`` end to end, in child processes, on the
bundled examples ingested through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Cli:
    """``python -m newsdesk ARGS`` against one database the examples were ingested into
    (once for the module: the commands under test only read it)."""
    db = tmp_path_factory.mktemp("entities") / "newsdesk.db"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        environ = {**os.environ, "NEWSDESK_DB": str(db), "COLUMNS": "200"}
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", *args],
            capture_output=True,
            text=True,
            env=environ,
            check=False,
        )

    result = run("ingest", str(examples_dir))
    assert result.returncode == 0, result.stderr
    return run


def _json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_entities_of_the_examples_name_the_people_and_organisations(ingested: Cli) -> None:
    result = ingested("entities", "--limit", "200", "--json")
    assert result.returncode == 0, result.stderr
    found = {(e["name"], e["label"]) for e in _json_lines(result.stdout)}
    assert {
        ("Jens Stoltenberg", "PER"),
        ("Julianne Smith", "PER"),
        ("NATO", "ORG"),
        ("G7", "ORG"),
    } <= found


def test_organisations_list_otan_and_nato_once(ingested: Cli) -> None:
    result = ingested("entities", "--type", "ORG", "--json")
    assert result.returncode == 0, result.stderr
    orgs = _json_lines(result.stdout)
    nato = [e for e in orgs if e["name"] == "NATO"]
    assert len(nato) == 1
    assert not [e for e in orgs if e["name"] == "OTAN"]
    assert nato[0]["aliases"] == ["OTAN"]
    assert (nato[0]["articles"], nato[0]["wikidata"]) == (2, "Q7184")
    assert {e["label"] for e in orgs} == {"ORG"}


def test_entities_table_shows_counts_dates_and_wikidata(ingested: Cli) -> None:
    result = ingested("entities", "--type", "org")
    assert result.returncode == 0, result.stderr
    (row,) = [line for line in result.stdout.splitlines() if "NATO" in line]
    assert "OTAN" in row and "Q7184" in row
    assert "2022-04-05" in row and "2022-04-06" in row


def test_entity_shows_aliases_articles_and_quotations(ingested: Cli) -> None:
    result = ingested("entity", "Stoltenberg", "--json")
    assert result.returncode == 0, result.stderr
    (detail,) = _json_lines(result.stdout)
    assert detail["name"] == "Jens Stoltenberg"
    assert {f["alias"] for f in detail["forms"]} == {"Jens Stoltenberg", "Stoltenberg"}
    assert len(detail["article_list"]) == detail["articles"] == 2
    speakers = {q["speaker"] for q in detail["quotes"]}
    assert speakers == {"Jens Stoltenberg"}
    assert {q["article"]["language"] for q in detail["quotes"]} == {"fr", "en"}


def test_entity_text_output_names_forms_and_quotations(ingested: Cli) -> None:
    result = ingested("entity", "stoltenberg")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Jens Stoltenberg")
    assert "Stoltenberg (fr)" in result.stdout
    assert "quotations" in result.stdout


def test_entity_not_found_exits_1_with_a_message(ingested: Cli) -> None:
    result = ingested("entity", "Marine Le Pen")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no entity named 'Marine Le Pen'" in result.stderr


def test_unknown_type_exits_2(ingested: Cli) -> None:
    result = ingested("entities", "--type", "PERSON")
    assert result.returncode == 2
    assert "PER, ORG, LOC, MISC" in result.stderr


def test_entities_without_a_database_exits_1(cli: Any) -> None:
    result = cli("entities")
    assert result.returncode == 1
    assert "no database here yet" in result.stderr


def test_lang_names_entities_as_articles_in_that_language_write_them(ingested: Cli) -> None:
    result = ingested("entities", "--type", "ORG", "--lang", "fr", "--json")
    assert result.returncode == 0, result.stderr
    (nato,) = [e for e in _json_lines(result.stdout) if e["wikidata"] == "Q7184"]
    assert (nato["name"], nato["aliases"][0]) == ("OTAN", "NATO")
    english = ingested("entities", "--type", "ORG", "--lang", "en", "--json")
    (nato,) = [e for e in _json_lines(english.stdout) if e["wikidata"] == "Q7184"]
    assert nato["name"] == "NATO"
    detail = ingested("entity", "NATO", "--lang", "fr")
    assert detail.returncode == 0, detail.stderr
    assert detail.stdout.splitlines()[0] == "OTAN"
