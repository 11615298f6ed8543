"""Points of states, provinces, régions and other ISO 3166-2 subdivisions, from the data of the
iso3166-2 package (a point near the centre of each of the 5,046 subdivisions, first-level ones
included: ``US-WI``, ``CA-AB``, ``FR-OCC``, ``GB-ENG``), so that a region is drawn where it
lies, not at one of its cities. Read once, when the gazetteer is built.

>>> lat, lon, first_level = region_points()["CA-AB"]
>>> (round(lat), round(lon), first_level)
(55, -115, True)
"""

from __future__ import annotations

import json
from functools import cache
from importlib.metadata import distribution, version
from pathlib import Path

DISTRIBUTION = "iso3166-2"
DATA_FILE = "iso3166_2/iso3166-2.json"


def regions_source() -> str:
    """What the points are read from, for the gazetteer's cache key."""
    return f"{DISTRIBUTION} {version(DISTRIBUTION)}"


@cache
def region_points() -> dict[str, tuple[float, float, bool]]:
    """ISO 3166-2 code -> (latitude, longitude, whether it is a first-level division)."""
    # Importing the package would import its API client and a fuzzy matcher it does not
    # declare; its data file is all that is read, found through the installed distribution.
    path = Path(str(distribution(DISTRIBUTION).locate_file(DATA_FILE)))
    data = json.loads(path.read_text("utf-8"))
    out: dict[str, tuple[float, float, bool]] = {}
    for subdivisions in data.values():
        for code, entry in subdivisions.items():
            point = entry.get("latLng")
            if isinstance(point, list) and len(point) == 2:
                out[code] = (float(point[0]), float(point[1]), entry.get("parentCode") is None)
    return out
