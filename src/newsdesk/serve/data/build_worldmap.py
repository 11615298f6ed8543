"""How ``world-110m.json`` was made: TopoJSON country outlines → SVG path strings.

Run by hand, once, when the outlines change; nothing imports this module at run time::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python src/newsdesk/serve/data/build_worldmap.py \\
        /tmp/package/countries-110m.json src/newsdesk/serve/data/world-110m.json

Each country becomes one SVG path in an equirectangular projection (viewBox ``0 0 360 180``,
x = lon + 180, y = 90 - lat), coordinates rounded to 0.1°. Rings left with fewer than three
distinct points after rounding (specks of islands) are dropped.

>>> _path([[(-1.0, 1.0), (1.0, 1.0), (1.0, -1.0), (-1.0, 1.0)]])
'M179 89L181 89L181 91Z'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Point = tuple[float, float]

SOURCE = "Natural Earth 4.1.0 Admin 0 countries 1:110m, via the npm package world-atlas 2.0.2"


def _arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded: list[list[Point]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: Sequence[int], arcs: Sequence[list[Point]]) -> list[Point]:
    """Stitch one ring from arc indexes (``~i`` is arc ``i`` reversed); shared ends kept once."""
    ring: list[Point] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _number(value: float) -> str:
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(rings: Sequence[Sequence[Point]]) -> str:
    """One SVG path for all the rings of a country, projected and rounded."""
    parts: list[str] = []
    for ring in rings:
        points: list[tuple[str, str]] = []
        for lon, lat in ring:
            point = (_number(lon + 180), _number(90 - lat))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(set(points)) < 3:
            continue
        parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(parts)


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    """The bundled file's content: source, licence and one ``{id, name, d}`` per country."""
    arcs = _arcs(topology)
    countries: list[dict[str, str]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        d = _path(rings)
        if d:
            name = geometry.get("properties", {}).get("name", "")
            countries.append({"id": str(geometry.get("id", "")), "name": name, "d": d})
    return {
        "source": SOURCE,
        "licence": "public domain (Natural Earth); packaging ISC (world-atlas)",
        "projection": "equirectangular, viewBox 0 0 360 180, x = lon + 180, y = 90 - lat",
        "countries": countries,
    }


def main(argv: Sequence[str]) -> int:
    """``build_worldmap.py SOURCE_TOPOJSON TARGET_JSON``."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    data = convert(topology)
    Path(argv[1]).write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{len(data['countries'])} countries written to {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
