"""Dates at the edges of the calendar and in text built to be slow: no crash, no value ISO
8601 cannot write, offsets on their text."""

from __future__ import annotations

import re

import pytest

from newsdesk.analyze.dates import find_dates

SENTENCES = (
    "Mardi, la semaine prochaine, il y a trois ans, dans 5000 ans, le 3 mai, "
    "du 3 au 5 mai, pendant trois semaines, chaque mardi, en 2014, à 16h43."
)


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-01T00:00:00", "9999-12-31T23:59:59"])
def test_a_publication_date_at_the_ends_of_the_calendar_gives_no_impossible_value(
    published: str,
) -> None:
    found = find_dates(SENTENCES, "fr", published)
    assert found  # the absolute expressions remain
    for d in found:
        assert SENTENCES[d.start : d.end] == d.text
        value = d.value or ""
        assert not value.startswith("-") and not re.match(r"\d{5}", value)


def test_a_long_token_of_digits_is_read_in_one_pass() -> None:
    # 200,000 characters in one token: every trigger once widened the window to the token's
    # ends, character by character. The finder must simply finish with consistent offsets.
    text = "Le rapport cite " + "2014-03-05/" * 18_000 + " et conclut mardi."
    for d in find_dates(text, "fr", "2022-04-05"):
        assert text[d.start : d.end] == d.text
