"""Datelines: short lines that are essentially a date -> ISO 8601, anything else -> None."""

from __future__ import annotations

import pytest

from newsdesk.extract.dateline import Dateline, parse_dateline, read_dateline
from newsdesk.extract.textdump import parse_dateline as exported_parse_dateline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # French, weekday, capitalised month, 24-hour time
        ("Mardi 05 Avril 2022 16:43", "2022-04-05T16:43:00"),
        ("Publié le 1er avril 2022 à 9h05", "2022-04-01T09:05:00"),
        ("Le 5 avril 2022 à 16 h 43 (heure de Paris)", "2022-04-05T16:43:00"),
        ("mar. 5 avr. 2022", "2022-04-05"),
        ("Mis à jour le 06/04/2022 à 08h00", "2022-04-06T08:00:00"),
        ("Publié sur 18/02/2020", "2020-02-18"),
        # English, month-day-year, ordinals, 12-hour clock, time zones
        ("April 5th, 2022 at 4:43 PM EDT", "2022-04-05T16:43:00"),
        ("Tue, Apr 5, 2022 16:43 GMT", "2022-04-05T16:43:00"),
        ("Updated: Sept. 5, 2022 12:00 a.m.", "2022-09-05T00:00:00"),
        ("Posted on 2022-04-05T16:43:00Z", "2022-04-05T16:43:00"),
        ("5 April 2022 - 4 PM", "2022-04-05T16:00:00"),
        ("April 5, 2022 4:43 p.m. ET", "2022-04-05T16:43:00"),
        # ISO and numeric dates, day first unless impossible
        ("2022-04-05 16:43", "2022-04-05T16:43:00"),
        ("2022-04-05T16:43:00+02:00", "2022-04-05T16:43:00"),
        ("2022/04/05", "2022-04-05"),
        ("05/04/2022", "2022-04-05"),
        ("04/25/2022", "2022-04-25"),
        ("5.4.22", "2022-04-05"),
        ("Mardi 05 Avril 2022 16:43 +02:00", "2022-04-05T16:43:00"),
        # Spanish, German, Italian, Portuguese
        ("5 de abril de 2022, 16:43 h", "2022-04-05T16:43:00"),
        ("Dienstag, 5. April 2022, 16:43 Uhr", "2022-04-05T16:43:00"),
        ("martedì 5 aprile 2022 ore 16:43", "2022-04-05T16:43:00"),
        ("terça-feira, 5 de abril de 2022 às 16h43", "2022-04-05T16:43:00"),
        ("1º de abril de 2022", "2022-04-01"),
    ],
)
def test_parse_dateline_reads_date_lines(line: str, expected: str) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "2022",
        "Mardi",
        "5 avril",
        "Avril 2022",
        "16:43",
        "31 février 2022",
        "25/13/2022",
        "Publié le",
        "Le chef de l'OTAN a déclaré le 5 avril 2022 qu'il craignait d'autres atrocités.",
        "The council met on April 5, 2022 to vote on the ferry plan.",
        "Il y a 3 heures",
        "Aujourd'hui à 16:43",
        "5 avril 2022 | Paris",
        "1 2 3 4 5",
        "Page 2022",
        "5 April 1492",
        "",
    ],
)
def test_parse_dateline_rejects_lines_that_are_not_just_a_date(line: str) -> None:
    assert parse_dateline(line) is None


def test_parse_dateline_rejects_a_line_longer_than_a_dateline() -> None:
    padded = "Publié le 5 avril 2022" + " " * 200 + "à 16h43"
    assert parse_dateline(padded) is None


def test_parse_dateline_prefers_published_over_updated_on_one_line() -> None:
    line = "Mis à jour le 06/04/2022 à 08h00, publié le 05/04/2022 à 16h43"
    assert parse_dateline(line) == "2022-04-05T16:43:00"


def test_read_dateline_keeps_published_and_updated_apart() -> None:
    found = read_dateline("Published April 5, 2022 | Updated April 6, 2022 9:15 AM")
    assert found == Dateline("2022-04-05", "2022-04-06T09:15:00", stated=True)


def test_read_dateline_time_after_update_word_means_same_day() -> None:
    found = read_dateline("Publié le 5 avril 2022 à 16h43 Mis à jour à 18h00")
    assert found is not None
    assert found.updated == "2022-04-05T18:00:00"


def test_read_dateline_bare_date_is_not_stated_as_published() -> None:
    found = read_dateline("5 avril 2022")
    assert found is not None
    assert (found.published, found.stated) == ("2022-04-05", False)


def test_parse_dateline_updated_only_line_gives_update_date() -> None:
    assert parse_dateline("Last updated: 7 Jan 2024") == "2024-01-07"


@pytest.mark.parametrize("zone", ["GMT", "UTC", "+05:00", "-0800", "CEST", "PDT"])
def test_parse_dateline_zone_is_dropped_not_applied(zone: str) -> None:
    assert parse_dateline(f"April 5, 2022 16:43 {zone}") == "2022-04-05T16:43:00"


def test_parse_dateline_is_exported_by_the_text_dump_module() -> None:
    assert exported_parse_dateline is parse_dateline
