"""The command line tells what an article's language got, and searches every script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GERMAN = (
    "Stadtrat beschließt neues Budget\n\n"
    "Der Stadtrat hat am Dienstag das Budget für das kommende Jahr beschlossen. "
    "„Wir investieren vor allem in die Schulen und in den Nahverkehr“, sagte die "
    "Bürgermeisterin Anna Berg nach der Sitzung. Die Opposition stimmte dagegen.\n"
)
JAPANESE = (
    "沿岸に大津波警報\n\n"
    "気象庁は午後、沿岸部に大津波警報を発表した。住民は高台へ避難した。"
    "担当者は「直ちに避難してください」と述べた。\n"
)


def test_show_and_stats_tell_a_partial_analysis(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "stadtrat.txt"
    page.write_text(GERMAN, encoding="utf-8")
    assert cli("ingest", str(page)).returncode == 0
    (hit,) = [json.loads(x) for x in cli("search", "Budget", "--json").stdout.splitlines()]
    assert hit["language"] == "de"
    shown = cli("show", hit["id"][:12]).stdout
    assert "partial analysis: de has no spaCy pipeline" in shown
    assert "Anna Berg · direct · Wir investieren vor allem" in shown
    # Names found without a model say so, with their lower confidence.
    assert "PER  Anna Berg ×1  (confidence 0.5, no model)" in shown
    table = cli("stats").stdout
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in table.splitlines()]
    assert ["de", "1", "partial"] in rows


def test_search_finds_a_japanese_word_of_a_stored_title(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "tsunami.txt"
    page.write_text(JAPANESE, encoding="utf-8")
    assert cli("ingest", str(page)).returncode == 0
    found = [json.loads(x) for x in cli("search", "津波", "--json").stdout.splitlines()]
    assert [(h["language"], h["title"]) for h in found] == [("ja", "沿岸に大津波警報")]
    assert cli("search", "津波", "--lang", "xx").returncode == 2
