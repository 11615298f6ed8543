"""Offsets of quotations survive text whose lower case is longer, and span lookups agree with
a plain scan."""

from __future__ import annotations

from newsdesk.analyze.entities import find_entities, rules_for
from newsdesk.analyze.quotemarks import quoted_spans
from newsdesk.analyze.quotes import find_quotes


def test_offsets_hold_when_lower_case_lengthens_a_character() -> None:
    # "İ".lower() is two characters: patterns matched on a lowered copy must not shift.
    text = "İSTANBUL İZMİR. Selon Ayşe Demir, le port rouvrira la semaine prochaine."
    start = text.index("Ayşe Demir")
    people = find_entities(text, [(start, start + 10, "PER")], rules_for("fr"))
    (quote,) = find_quotes(text, "fr", people)
    assert quote.text == "le port rouvrira la semaine prochaine"
    assert text[quote.cue_start : quote.cue_end] == "Selon"
    assert quote.speaker == "Ayşe Demir"


def test_span_lookups_agree_with_a_scan() -> None:
    text = '« Un », dit-il. "Deux", dit-elle. Rien. « Trois « quatre » cinq », dit-on.'
    spans = quoted_spans(text)
    for pos in range(len(text) + 1):
        scanned = next((s for s in spans if s.open <= pos < s.close), None)
        assert spans.containing(pos) == scanned
        following = next((s for s in spans if s.open >= pos), None)
        assert spans.first_from(pos) == following
        closed = [s for s in spans if s.close <= pos]
        assert spans.last_closing_by(pos) == (closed[-1] if closed else None)
