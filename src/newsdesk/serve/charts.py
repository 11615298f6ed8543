"""Charts drawn as inline SVG (no script, no inline style): timelines that respect the
calendar and bars of counts.

A timeline has one bar per day, month or year from its first date to its last, empty ones
included, so 2012 is never drawn next to 2022.

>>> bins = calendar([Count("2022-04-05", 2), Count("2022-04-07", 1)])
>>> bins.unit, [(c.value, c.count) for c in bins.items]
('day', [('2022-04-05', 2), ('2022-04-06', 0), ('2022-04-07', 1)])
>>> calendar([Count("2012-01-02", 1), Count("2022-03-01", 1)]).unit
'year'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from newsdesk.serve.models import Count
from newsdesk.serve.words import MONTHS, day, number

# Longest span drawn day by day, then month by month; longer spans are drawn by year.
DAYS_AT_MOST = 92
MONTHS_AT_MOST = 48
WIDTH, HEIGHT = 600, 100


@dataclass(frozen=True)
class Bins:
    """Counts per ``unit`` ("day", "month" or "year"), every one from the first to the last."""

    unit: str
    items: tuple[Count, ...]


def _key(value: date, unit: str) -> str:
    return value.isoformat()[: {"day": 10, "month": 7, "year": 4}[unit]]


def calendar(days: Sequence[Count]) -> Bins:
    """Day counts (``YYYY-MM-DD``) in bins of one calendar unit; values that are not days
    are left out."""
    found: list[tuple[date, int]] = []
    for c in days:
        try:
            found.append((date.fromisoformat(c.value[:10]), c.count))
        except ValueError:
            continue
    if not found:
        return Bins("day", ())
    first, last = min(d for d, _ in found), max(d for d, _ in found)
    months = (last.year - first.year) * 12 + last.month - first.month
    unit = (
        "day"
        if (last - first).days < DAYS_AT_MOST
        else "month"
        if months < MONTHS_AT_MOST
        else "year"
    )
    counts: Counter[str] = Counter()
    for d, n in found:
        counts[_key(d, unit)] += n
    keys: list[str] = []
    if unit == "day":
        keys = [_key(first + timedelta(days=i), unit) for i in range((last - first).days + 1)]
    elif unit == "month":
        keys = [
            f"{(first.month - 1 + i) // 12 + first.year:04d}-{(first.month - 1 + i) % 12 + 1:02d}"
            for i in range(months + 1)
        ]
    else:
        keys = [f"{y:04d}" for y in range(first.year, last.year + 1)]
    return Bins(unit, tuple(Count(k, counts[k]) for k in keys))


def bin_label(value: str) -> str:
    """A bin's key in words: ``2022-04`` → April 2022."""
    if len(value) == 10:
        return day(date.fromisoformat(value))
    if len(value) == 7:
        return f"{MONTHS[int(value[5:]) - 1]} {int(value[:4])}"
    return value


def timeline_svg(bins: Bins, noun: str) -> Markup:
    """``bins`` as a bar chart: one bar per bin, each with its label and count as a tooltip,
    the first and last bins written under it."""
    items = bins.items
    if not items:
        return Markup('<p class="meta">No dated {}.</p>').format(noun)
    top = max(c.count for c in items) or 1
    step = WIDTH / len(items)
    bar = max(step * 0.8, 0.5)
    rects = Markup("").join(
        Markup(
            '<rect x="{0:.2f}" y="{1}" width="{2:.2f}" height="{3}"><title>{4}: {5}</title></rect>'
        ).format(
            i * step,
            HEIGHT - round(HEIGHT * c.count / top),
            bar,
            round(HEIGHT * c.count / top),
            bin_label(c.value),
            number(c.count),
        )
        for i, c in enumerate(items)
    )
    first, last = bin_label(items[0].value), bin_label(items[-1].value)
    summary = (
        f"{noun.capitalize()} per {bins.unit}, {first} to {last};"
        f" at most {number(top)} in one {bins.unit}"
    )
    # The axis is text beside the drawing, which stretches to the width it is given.
    axis = Markup("<span>{0}</span><span>{1}</span>").format(first, last if len(items) > 1 else "")
    return Markup(
        '<div class="timeline-chart"><svg class="timeline" role="img" viewBox="0 0 {0} {1}"'
        ' preserveAspectRatio="none" aria-label="{2}" data-unit="{3}" data-bins="{4}">{5}</svg>'
        '<p class="axis" aria-hidden="true">{6}</p></div>'
    ).format(WIDTH, HEIGHT, summary, bins.unit, len(items), rects, axis)


def bars_svg(counts: Sequence[Count], label: str) -> Markup:
    """Horizontal bars of ``counts``, each labelled with its value and count."""
    if not counts:
        return Markup('<p class="meta">None.</p>')
    top = max(c.count for c in counts) or 1
    rows = Markup("").join(
        Markup(
            '<li><span class="bar-label">{0}</span>'
            '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
            '<rect width="{1:.1f}" height="10"></rect></svg>'
            '<span class="bar-count">{2}</span></li>'
        ).format(c.value, 100 * c.count / top, number(c.count))
        for c in counts
    )
    return Markup('<ul class="bars" aria-label="{0}">{1}</ul>').format(label, rows)
