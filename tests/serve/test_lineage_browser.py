"""Related articles in a real headless Chromium at 1280 and 375 px, against ``newsdesk serve``
on a store holding the seed, an English version and a cut copy of it: a quotation's page names
its first appearance and the other articles carrying it; the stories and statements pages pass
the checks every page passes (screenshots, CSP, width, axe-core); the speaker field completes a
name typed in part, from the keyboard."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from newsdesk.records import Analysis

from .conftest import CHROMIUM
from .test_browser import serving
from .test_newsroom_browser import SHOTS, STOLTENBERG, WIDTHS, open_page, page_problems

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(nato: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("lineage") / "serve.log"
    with serving(nato["db"], log) as base:
        yield base


@pytest.fixture(scope="module")
def carried(base_url: str, nato: dict[str, Analysis]) -> dict[str, Any]:
    """The JSON of a quotation of the copy that the seed carries too."""
    copy, seed = nato["copy"].article, nato["seed"].article
    for position in range(len(nato["copy"].quotes)):
        found = httpx.get(f"{base_url}/api/quotes/{copy.id[:16]}-{position}", timeout=60).json()
        others = (found["lineage"] or {}).get("others", [])
        if any(o["article"]["id"] == seed.id for o in others):
            return dict(found)
    raise AssertionError("no quotation of the copy is carried by the seed")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_quotation_page_links_its_first_appearance_and_its_copies(
    browser: Any, base_url: str, carried: dict[str, Any], nato: dict[str, Analysis], width: int
) -> None:
    lineage = carried["lineage"]
    page = open_page(browser, base_url, width)
    try:
        page.goto(f"/quotes/{carried['id']}")
        first = page.locator("#first-appearance")
        assert first.is_visible() and first.inner_text().startswith("First appeared in")
        carriers = page.locator("#copies ol.carriers > li")
        assert carriers.count() == len(lineage["others"])
        seed = nato["seed"].article
        link = page.locator(f'#copies ol.carriers a[href^="/quotes/{seed.id[:16]}-"]')
        assert link.count() == 1 and link.is_visible()
        # Nothing of the list runs off a phone's screen.
        box = carriers.first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        page.screenshot(path=str(SHOTS / f"quote-lineage-{width}.png"), full_page=True)
        link.click()
        page.wait_for_url(f"**/quotes/{seed.id[:16]}-*")
        assert page.locator("h1").inner_text().strip() == carried["quote"]["speaker"]
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_relation_pages_fit_obey_the_csp_and_pass_axe(
    browser: Any, base_url: str, carried: dict[str, Any], nato: dict[str, Analysis], width: int
) -> None:
    lineage = carried["lineage"]
    paths = {
        "quote-carried": f"/quotes/{carried['id']}",
        "stories": "/stories",
        "story": f"/stories/{nato['seed'].article.id}",
        "statements": "/statements?speaker=Stoltenberg",
        "statement": f"/statements/{lineage['statement_id']}",
        "article-copy": f"/articles/{nato['copy'].article.id}",
    }
    assert page_problems(browser, base_url, paths, width) == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_speaker_field_completes_a_name_from_the_keyboard(
    browser: Any, base_url: str, width: int
) -> None:
    page = open_page(browser, base_url, width)
    try:
        page.goto("/quotes")
        field = page.get_by_role("combobox", name="Speaker")
        field.press_sequentially("stolt", delay=40)
        listbox = page.get_by_role("listbox", name="Speakers")
        listbox.wait_for(state="visible")
        assert field.get_attribute("aria-expanded") == "true"
        names = listbox.get_by_role("option").all_inner_texts()
        assert names and all(n.startswith(STOLTENBERG) for n in names)
        field.press("ArrowDown")
        active = field.get_attribute("aria-activedescendant")
        assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
        field.press("Enter")
        assert field.input_value() == STOLTENBERG
        assert listbox.is_hidden() and field.get_attribute("aria-expanded") == "false"
        page.screenshot(path=str(SHOTS / f"speaker-picked-{width}.png"))
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**/quotes?*speaker=Jens+Stoltenberg*")
        said = page.locator("li.quote-result a.speaker").all_inner_texts()
        assert said and set(said) == {STOLTENBERG}
    finally:
        page.context.close()


def test_the_speaker_field_is_a_plain_text_field_without_the_script(
    browser: Any, base_url: str
) -> None:
    page = open_page(browser, base_url, 375, java_script_enabled=False)
    try:
        page.goto("/quotes")
        field = page.get_by_label("Speaker")
        assert field.get_attribute("role") is None
        field.fill("Stoltenberg")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**/quotes?*speaker=Stoltenberg*")
        said = page.locator("li.quote-result a.speaker").all_inner_texts()
        assert said and set(said) == {STOLTENBERG}
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_storys_timeline_reads_as_a_vertical_list_at_both_widths(
    browser: Any, base_url: str, nato: dict[str, Analysis], width: int
) -> None:
    page = open_page(browser, base_url, width)
    try:
        page.goto(f"/stories/{nato['seed'].article.id}")
        entries = page.locator("ol.story-timeline > li")
        assert entries.count() == 3
        boxes = [entries.nth(i).bounding_box() for i in range(3)]
        # One entry under the other, each whole on the screen, its date, outlet and title
        # readable (no letter-by-letter column).
        for above, below in itertools.pairwise(boxes):
            assert below["y"] >= above["y"] + above["height"]
        for box in boxes:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        for part in ("time", ".where", "a.title"):
            widths = entries.locator(part).evaluate_all(
                "els => els.map(e => e.getBoundingClientRect().width)"
            )
            assert len(widths) == 3 and min(widths) > 40, (part, widths)
        # The time axis of dots is for wide screens; on a phone the list says it all.
        assert page.locator("svg.timeline").is_visible() == (width > 800)
        page.screenshot(path=str(SHOTS / f"story-timeline-{width}.png"), full_page=True)
    finally:
        page.context.close()
