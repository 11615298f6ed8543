"""The precision a page gives a date htmldate found in it.

htmldate gives every date as a day: it pads a month to its first day and a year to 1 January (a
copyright year, a ``08/2013`` in the page). The record keeps a date at the precision the page
states (``2013-08``, ``2013``), never a day the page does not write.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import cache

from dateutil import parser as dateutil_parser
from lxml.html import HtmlElement, tostring


def stated_precision(iso: str, tree: HtmlElement) -> str:
    """``iso``, a date htmldate found in the page, at the precision the page states it.

    htmldate pads a month to its first day and a year to 1 January (a copyright year, a
    ``08/2013`` in the page); such a date is kept as ``2013-08`` or ``2013``, never as a day
    the page does not state. A first of the month the page does write stays a day.
    """
    if iso[8:10] != "01":
        return iso
    year, month = iso[:4], iso[5:7]
    source = tostring(tree, encoding="unicode")
    if _states(source, _day_one(year, month), int(month)):
        return iso
    if month != "01" or _states(source, _month_only(year), 1):
        return f"{year}-{month}"
    return year


@cache
def _day_one(year: str, month: str) -> re.Pattern[str]:
    m = f"0?{int(month)}"
    return re.compile(
        rf"(?<!\d){year}[-/._]{m}[-/._]0?1(?!\d)|(?<!\d){year}{month}01(?!\d)"
        rf"|(?<![\d.])0?1[-/.]{m}[-/.]{year}(?!\d)|(?<![\d.]){m}[-/.]0?1[-/.]{year}(?!\d)"
        rf"|{year}\s*年\s*{m}\s*月\s*0?1\s*日|{year}\.\s*{m}\.\s*0?1\.?(?!\d)"
        rf"|(?<![\d.])(?P<dm>0?1(?:st|er|\.|º)?\s+(?:de\s+)?[^\W\d_]{{3,}}\.?,?\s+(?:de\s+)?{year})"
        rf"|(?P<md>[^\W\d_]{{3,}}\.?\s+0?1(?:st)?,?\s+{year})(?!\d)"
    )


@cache
def _month_only(year: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\d){year}[-/.]0?1(?![\d])|(?<![\d.])0?1[-/.]{year}(?!\d)|{year}\s*年\s*0?1\s*月"
        rf"|(?P<md>[^\W\d_]{{3,}}\.?,?\s+{year})(?!\d)"
    )


def _states(source: str, pattern: re.Pattern[str], month: int) -> bool:
    """Whether ``source`` writes a date ``pattern`` matches; a date written with a word counts
    when dateutil reads the word as that month."""
    for match in pattern.finditer(source):
        written = match.group("md") or (match.groupdict().get("dm"))
        if not written:
            return True
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if dateutil_parser.parse(written, default=datetime(1, 1, 1)).month == month:
                    return True
        except (ValueError, OverflowError):
            continue  # not a month name dateutil knows: no evidence ("Copyright 2013")
    return False
