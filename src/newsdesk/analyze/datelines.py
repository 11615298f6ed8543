"""Wire-story datelines: ``LA CROSSE, Wis. (AP) —``, ``WASHINGTON (AP) —``, ``PARIS (AFP) -``.

A dateline opens a story (or one of its paragraphs) with the place it was filed from, in
capitals, maybe followed by a state or country, then the agency or a dash. The model reads
capitals badly (``LA`` as a place, ``CROSSE`` as an organisation); here the city is one place
entity named as a reader writes it (``La Crosse``), and the state after it a place entity of
its own, so the two are read together as "a city in that state".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsdesk.analyze.entities import entity_id
from newsdesk.records import Entity, Mention

# A capitalised place (letters, spaces, dots, apostrophes, hyphens), then ", Area" or an
# agency in parentheses or both, then a dash. A capitalised line with neither ("BREAKING NEWS
# —") is no dateline.
# Reuters writes the day between the two: "KATHMANDU, April 25 (Reuters) -".
_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ.'’\- ]*[A-ZÀ-Þ.])"
    r"(?:, (?P<area>[A-ZÀ-Þ][^\d,()\n]{0,29}?))?"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?P<agency>\s*\([A-Z][\w ]{0,20}\))?\s*[—–-]+\s"
)
_MONTH_OR_DAY = re.compile(
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?$"
)
# At most this many characters from the start of a paragraph.
_MAX_CITY = 40


def with_datelines(entities: Sequence[Entity], text: str) -> list[Entity]:
    """``entities`` where each dateline's city is one LOC entity (mentions the model made
    inside it dropped) and its state or country is a LOC entity too.

    >>> text = "LA CROSSE, Wis. (AP) — A man was arrested."
    >>> found = with_datelines([Entity("x", "LA", "LOC", (Mention(0, 2, "LA"),))], text)
    >>> [(e.name, e.mentions[0].text) for e in found]
    [('La Crosse', 'LA CROSSE'), ('Wis.', 'Wis.')]
    """
    spans: list[tuple[int, int, str]] = []
    for match in _DATELINE.finditer(text):
        city = match.span("city")
        area = match["area"]
        if area and _MONTH_OR_DAY.match(area.strip()):
            area = None  # "WASHINGTON, Tuesday (AP) —": a day, not a state
        if area and not match["agency"] and area.isupper() and "." not in area:
            continue  # "SHOCK, HORROR —": a state is written "Wis.", "Texas" or "N.Y."
        if city[1] - city[0] > _MAX_CITY or not (area or match["agency"]):
            continue
        spans.append((*city, _reader_case(match["city"])))
        if area:
            spans.append((*match.span("area"), area))
    if not spans:
        return list(entities)
    out: list[Entity] = []
    for entity in entities:
        kept = tuple(m for m in entity.mentions if not any(_overlap(m, s) for s in spans))
        if kept:
            out.append(replace(entity, mentions=kept) if kept != entity.mentions else entity)
    for start, end, name in spans:
        mention = Mention(start, end, text[start:end])
        same = next((i for i, e in enumerate(out) if e.label == "LOC" and e.name == name), None)
        if same is None:
            out.append(Entity(entity_id("LOC", name), name, "LOC", (mention,)))
        else:
            mentions = sorted((*out[same].mentions, mention), key=lambda m: m.start)
            out[same] = replace(out[same], mentions=tuple(mentions))
    return sorted(out, key=lambda e: e.mentions[0].start)


def _overlap(mention: Mention, span: tuple[int, int, str]) -> bool:
    return mention.start < span[1] and span[0] < mention.end


def _reader_case(name: str) -> str:
    """``LA CROSSE`` -> ``La Crosse``; ``N.Y.`` and other dotted initials stay as written."""
    if "." in name.replace(" ", "")[:-1]:
        return name
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def dateline_agencies(text: str) -> list[tuple[int, int]]:
    """The spans of the agencies datelines credit (``Reuters`` in ``KATHMANDU (Reuters) -``):
    the news outlets that filed the story.

    >>> dateline_agencies("PARIS (AFP) - Le ministre a parlé.")
    [(7, 10)]
    """
    spans = []
    for match in _DATELINE.finditer(text):
        agency = match["agency"]
        if agency and match.end("city") - match.start("city") <= _MAX_CITY:
            start = match.start("agency") + agency.index("(") + 1
            spans.append((start, match.end("agency") - 1))
    return spans
