"""An offline world map: country outlines and the places articles mention, as one SVG.

The outlines are Natural Earth 1:110m countries bundled under ``data/`` (see ``data/README.md``),
already projected to SVG paths, so drawing the map needs no tile server and no network.

>>> project(50.45, 30.52)
(210.52, 39.55)
>>> svg = render_map([PlacePoint("Kyiv", 50.45, 30.52, "/entities/0123456789abcdef", 3)])
>>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<title>Kyiv (3)</title>" in svg
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from markupsafe import escape

__all__ = ["PlacePoint", "project", "render_map"]

# The viewBox of the map: one unit per degree, as the bundled outlines are drawn.
WIDTH, HEIGHT = 360, 180
# The height shown: down to 60° south, as no article place lies further (Antarctica would
# otherwise take a sixth of the map).
SHOWN = 150
# A place mentioned once gets the smallest circle; the area grows with the count, to a cap so
# that one much-mentioned capital does not cover its continent.
RADIUS_ONE, RADIUS_MAX = 1.0, 10.0
_OUTLINES = "world-110m.json"


@dataclass(frozen=True)
class PlacePoint:
    """One place to mark on the map: where it is, the page it links to, how often it came up."""

    name: str
    lat: float
    lon: float
    href: str
    count: int = 1


@dataclass(frozen=True)
class _Country:
    name: str
    d: str


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates ``(x, y)`` of a point: equirectangular, x = lon + 180, y = 90 - lat.

    Raises ``ValueError`` for a latitude outside [-90, 90], a longitude outside [-180, 180] or a
    value that is not a finite number.

    >>> project(48.86, 2.35)
    (182.35, 41.14)
    """
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"coordinates must be finite numbers, not {lat}, {lon}")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"no place at latitude {lat}, longitude {lon}")
    return round(lon + 180, 6), round(90 - lat, 6)


def render_map(places: Sequence[PlacePoint], *, width: int = 960) -> str:
    """A complete ``<svg>`` document: every country outline, one linked circle per place.

    Places with impossible coordinates, or whose ``href`` is not a site-relative path (``/...``),
    are left out; names and links are escaped. Bigger counts are drawn first so that smaller
    circles stay on top and clickable.
    """
    height = round(width * SHOWN / WIDTH)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" role="group" '
        'aria-label="Map of the places mentioned" '
        f'viewBox="0 0 {WIDTH} {SHOWN}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMidYMid meet">',
        "<title>Places mentioned</title>",
        '<g class="countries" fill="#d9d9d9" stroke="#ffffff" stroke-width="0.2" '
        'fill-rule="evenodd">',
    ]
    parts.extend(
        f'<path class="country" data-name="{escape(country.name)}" d="{escape(country.d)}"/>'
        for country in _outlines()
    )
    parts.append("</g>")
    parts.append(
        '<g class="places" fill="#c0392b" fill-opacity="0.7" stroke="#ffffff" stroke-width="0.15">'
    )
    for place in sorted(places, key=lambda p: -p.count):
        parts.extend(_marker(place))
    parts.append("</g></svg>")
    return "".join(parts)


def _marker(place: PlacePoint) -> list[str]:
    """The linked circle for one place, or nothing when it cannot be drawn safely."""
    if not _is_local_path(place.href):
        return []
    try:
        x, y = project(place.lat, place.lon)
    except ValueError:
        return []
    count = max(place.count, 1)
    radius = min(RADIUS_ONE * math.sqrt(count), RADIUS_MAX)
    return [
        f'<a href="{escape(place.href)}">',
        f'<circle class="place" cx="{x:g}" cy="{y:g}" r="{radius:.2f}" data-count="{count}">',
        f"<title>{escape(place.name)} ({count})</title>",
        "</circle></a>",
    ]


def _is_local_path(href: str) -> bool:
    """True for a path on this site: ``/x`` but not ``//host``, ``/\\host`` or control chars."""
    return (
        href.startswith("/")
        and not href.startswith(("//", "/\\"))
        and not any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in href)
    )


@cache
def _outlines() -> tuple[_Country, ...]:
    """The bundled country outlines, read once per process."""
    text = (files("newsdesk.serve") / "data" / _OUTLINES).read_text(encoding="utf-8")
    return tuple(_Country(name=c["name"], d=c["d"]) for c in json.loads(text)["countries"])
