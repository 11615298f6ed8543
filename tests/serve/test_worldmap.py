"""The offline world map: bundled outlines, projected places, escaped names and links."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from newsdesk.serve.worldmap import PlacePoint, project, render_map

SVG = "{http://www.w3.org/2000/svg}"
KYIV = PlacePoint("Kiev", 50.45, 30.52, "/entities/00000000000000aa", 4)
PARIS = PlacePoint("Paris", 48.8566, 2.3522, "/entities/00000000000000bb")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def circles(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}circle")


def rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an ``M…L…Z`` path as lists of points."""
    found = []
    for ring in re.findall(r"M([^Z]*)Z", d):
        points = [tuple(map(float, pair.split())) for pair in ring.split("L")]
        found.append(points)
    return found


def inside(d: str, x: float, y: float) -> bool:
    """Even-odd point-in-polygon test over all the rings of one path."""
    hit = False
    for ring in rings(d):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def country_at(root: ET.Element, x: float, y: float) -> list[str]:
    return [
        path.get("data-name", "")
        for path in root.iter(f"{SVG}path")
        if inside(path.get("d", ""), x, y)
    ]


def test_map_is_well_formed_svg_with_title_and_viewbox() -> None:
    root = parse(render_map([KYIV, PARIS]))
    assert root.tag == f"{SVG}svg"
    # A group, not an image: its places are links a keyboard reaches.
    assert root.get("role") == "group" and root.get("aria-label")
    # Down to 60° south: Antarctica, where no article place lies, is left out.
    assert root.get("viewBox") == "0 0 360 150"
    assert root.get("preserveAspectRatio")
    assert root.findtext(f"{SVG}title") == "Places mentioned"


def test_map_draws_one_path_per_country() -> None:
    paths = parse(render_map([])).findall(f".//{SVG}path")
    assert len(paths) > 150
    assert all(p.get("class") == "country" and p.get("d", "").startswith("M") for p in paths)
    names = {p.get("data-name") for p in paths}
    assert {"France", "Ukraine", "Brazil", "Australia", "Antarctica"} <= names


def test_width_sets_pixel_size_with_the_ratio_of_the_shown_world() -> None:
    root = parse(render_map([], width=480))
    assert (root.get("width"), root.get("height")) == ("480", "200")


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (50.45, 30.52, (210.52, 39.55)),
        (48.8566, 2.3522, (182.3522, 41.1434)),
        (0.0, 0.0, (180.0, 90.0)),
        (90.0, -180.0, (0.0, 0.0)),
        (-90.0, 180.0, (360.0, 180.0)),
    ],
)
def test_project_is_equirectangular(lat: float, lon: float, expected: tuple[float, float]) -> None:
    assert project(lat, lon) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("lat", "lon"), [(90.5, 0.0), (-91.0, 0.0), (0.0, 180.1), (0.0, -200.0), (math.nan, 0.0)]
)
def test_project_rejects_impossible_coordinates(lat: float, lon: float) -> None:
    with pytest.raises(ValueError):
        project(lat, lon)


def test_places_land_where_expected() -> None:
    found = {
        c.findtext(f"{SVG}title"): (float(c.get("cx", "nan")), float(c.get("cy", "nan")))
        for c in circles(parse(render_map([KYIV, PARIS])))
    }
    assert found["Kiev (4)"] == pytest.approx((210.5, 39.5), abs=0.06)
    assert found["Paris (1)"] == pytest.approx((182.35, 41.14), abs=0.01)


@pytest.mark.parametrize(
    ("place", "country"),
    [
        (KYIV, "Ukraine"),
        (PARIS, "France"),
        (PlacePoint("Brasília", -15.79, -47.88, "/p"), "Brazil"),
        (PlacePoint("Canberra", -35.28, 149.13, "/p"), "Australia"),
        (PlacePoint("Denver", 39.74, -104.99, "/p"), "United States of America"),
    ],
)
def test_places_fall_inside_their_country_outline(place: PlacePoint, country: str) -> None:
    root = parse(render_map([place]))
    (circle,) = circles(root)
    assert country_at(root, float(circle.get("cx", "nan")), float(circle.get("cy", "nan"))) == [
        country
    ]


def test_each_place_is_a_link_wrapping_a_circle_with_its_name_and_count() -> None:
    root = parse(render_map([KYIV]))
    (link,) = root.findall(f".//{SVG}a")
    assert link.get("href") == "/entities/00000000000000aa"
    (circle,) = link.findall(f"{SVG}circle")
    assert circle.get("class") == "place"
    assert circle.findtext(f"{SVG}title") == "Kiev (4)"


def test_radius_grows_with_square_root_of_count_up_to_a_cap() -> None:
    def radius(count: int) -> float:
        (circle,) = circles(parse(render_map([PlacePoint("X", 0, 0, "/x", count)])))
        return float(circle.get("r", "nan"))

    assert radius(4) == pytest.approx(2 * radius(1))
    assert radius(9) == pytest.approx(3 * radius(1))
    assert radius(1) < radius(2) < radius(3)
    assert radius(10**6) == radius(10**7) < 20


def test_bigger_places_are_drawn_first_so_small_ones_stay_clickable() -> None:
    small, big = PlacePoint("small", 1, 1, "/s", 1), PlacePoint("big", 1, 1, "/b", 50)
    titles = [c.findtext(f"{SVG}title") for c in circles(parse(render_map([small, big])))]
    assert titles == ["big (50)", "small (1)"]


def test_hostile_name_is_escaped() -> None:
    name = '<script>alert("x")</script> & co'
    svg = render_map([PlacePoint(name, 10, 10, "/entities/1")])
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    (circle,) = circles(parse(svg))
    assert circle.findtext(f"{SVG}title") == f"{name} (1)"


def test_href_with_quotes_and_ampersand_is_escaped_and_round_trips() -> None:
    href = '/search?q="a"&speaker=<b>'
    svg = render_map([PlacePoint("Q", 10, 10, href)])
    assert "&#34;a&#34;&amp;speaker=&lt;b&gt;" in svg
    (link,) = parse(svg).findall(f".//{SVG}a")
    assert link.get("href") == href


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " /entities/1",
        "JavaScript:/entities",
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "entities/1",
        "",
        "/a b",
        "/a\nb",
        "/a\x00b",
    ],
)
def test_non_local_hrefs_are_dropped(href: str) -> None:
    svg = render_map([PlacePoint("X", 10, 10, href), PARIS])
    root = parse(svg)
    assert [a.get("href") for a in root.findall(f".//{SVG}a")] == [PARIS.href]
    assert "javascript" not in svg.lower()
    assert "evil" not in svg


@pytest.mark.parametrize(("lat", "lon"), [(91.0, 0.0), (0.0, 181.0), (math.nan, 0.0)])
def test_places_with_impossible_coordinates_are_dropped(lat: float, lon: float) -> None:
    root = parse(render_map([PlacePoint("Nowhere", lat, lon, "/n"), PARIS]))
    assert [c.findtext(f"{SVG}title") for c in circles(root)] == ["Paris (1)"]


def test_zero_places_still_renders_the_map() -> None:
    empty = parse(render_map([]))
    assert circles(empty) == []
    assert empty.findall(f".//{SVG}a") == []
    full = parse(render_map([KYIV, PARIS]))
    assert len(empty.findall(f".//{SVG}path")) == len(full.findall(f".//{SVG}path"))
