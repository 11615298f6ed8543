"""``newsdesk places``: the located places of the store, with the articles that mention each."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from newsdesk.cli.common import DbOption, JsonOption, fail, out, print_json
from newsdesk.cli.queries import open_store
from newsdesk.errors import NewsdeskError

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SQLiteStore

# One row per (place, article): what the store knows of a located place where it is named. A
# place is located by its GeoNames id or, for a subdivision GeoNames lacks, by its point (its
# entity id then names its ISO 3166-2 code).
PLACES_SQL = """
    SELECT p.geonameid, p.name, p.lat, p.lon, p.country_code, p.feature, p.entity_id,
           a.id, a.title
      FROM places AS p JOIN articles AS a ON a.id = p.article_id
     WHERE p.geonameid IS NOT NULL OR p.lat IS NOT NULL
     ORDER BY p.entity_id, a.published DESC, a.id
"""


@dataclass
class LocatedPlace:
    """A place of the gazetteer and the stored articles that name it."""

    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    feature: str | None
    entity_id: str
    names: Counter[str] = field(default_factory=Counter)
    articles: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The name most articles write (the first met among equals)."""
        return max(self.names, key=lambda n: self.names[n])

    def to_json(self) -> dict[str, Any]:
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "names": sorted(self.names),
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "feature": self.feature,
            "entity_id": self.entity_id,
            "articles": self.articles,
        }


def located_places(store: SQLiteStore) -> list[LocatedPlace]:
    """Every located place of the store, the most widely covered first."""
    found: dict[str, LocatedPlace] = {}
    for gid, name, lat, lon, cc, feature, entity_id, article_id, title in store.select(PLACES_SQL):
        place = found.get(entity_id)
        if place is None:
            place = found[entity_id] = LocatedPlace(gid, lat, lon, cc, feature, entity_id)
        place.names[name] += 1
        if not any(a["id"] == article_id for a in place.articles):
            place.articles.append({"id": article_id, "title": title})
    return sorted(found.values(), key=lambda p: (-len(p.articles), p.name, p.entity_id))


def feature_collection(places: list[LocatedPlace]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the places that have coordinates, one Point each."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "name": p.name,
                    "geonameid": p.geonameid,
                    "country_code": p.country_code,
                    "feature": p.feature,
                    "articles": p.articles,
                },
            }
            for p in places
            if p.lat is not None and p.lon is not None
        ],
    }


def places(
    db: DbOption = None,
    json_: JsonOption = False,
    geojson: Annotated[
        bool, typer.Option("--geojson", help="One GeoJSON FeatureCollection of Points.")
    ] = False,
) -> None:
    """Places located in the stored articles, with the articles that name each."""
    if json_ and geojson:
        raise fail("--json and --geojson are two output formats: choose one", 2)
    with open_store(db, read_only=True) as store:
        try:
            found = located_places(store)
        except NewsdeskError as exc:
            raise fail(str(exc), 1) from None
    if geojson:
        json.dump(feature_collection(found), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if json_:
        for place in found:
            print_json(place.to_json())
        return
    if not found:
        out.print("no located places", markup=False)
        return
    table = Table(title=f"{len(found)} located place(s)", title_justify="left")
    for column in ("place", "kind", "country", "lat, lon", "articles", "geonameid"):
        table.add_column(column, justify="right" if column == "articles" else "left")
    for p in found:
        point = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "-"
        table.add_row(
            p.name,
            p.feature or "-",
            p.country_code or "-",
            point,
            f"{len(p.articles):,}",
            str(p.geonameid or "-"),
        )
    out.print(table)
