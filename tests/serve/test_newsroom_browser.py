"""The newsroom in a real headless Chromium, at 1280 and 375 px, against ``newsdesk serve`` on
the test store (the seed and the hand-written records): every page is screenshot, checked by
axe-core and for the Content-Security-Policy; who said a quotation is readable without
colour; a name search lists the person's quotations; an export opens in Python's csv module
with the rows of the API; the map zooms.

Screenshots go to ``test-artifacts/screenshots/newsroom/`` at the repository root.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM, Served
from .test_browser import ROOT, serving

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots" / "newsroom"
WIDTHS = (1280, 375)
STOLTENBERG = "Jens Stoltenberg"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("newsroom") / "serve.log"
    with serving(served.db, log) as base:
        yield base


def open_page(browser: Any, base_url: str, width: int, **options: Any) -> Any:
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, **options
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.console = []
    page.on("console", lambda m: page.console.append(m.text))
    page.on("pageerror", lambda e: page.console.append(str(e)))
    return page


def every_page(served: Served, stoltenberg: str) -> dict[str, str]:
    seed = served.seed.article.id
    return {
        "home": "/",
        "quotes": "/quotes",
        "quote": f"/quotes/{seed[:16]}-0",
        "search": "/search?q=Stoltenberg",
        "articles": "/articles",
        "article": f"/articles/{seed}",
        "speaker": f"/speakers/{stoltenberg}",
        "entities": "/entities",
        "entity": f"/entities/{stoltenberg}",
        "places": "/places",
        "explained": "/quotes?lang=EN!&since=someday",
        "missing": "/articles/0000000000000000",
    }


def page_problems(
    browser: Any, base_url: str, paths: dict[str, str], width: int, missing: str = "missing"
) -> dict[str, Any]:
    """Each page of ``paths`` screenshot at ``width``; what is wrong with it: scripts or styles
    refused by the CSP, a page wider than the screen, dates or numbers wrapped, axe-core's
    serious and critical violations. The page named ``missing`` must answer 404."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    strict = open_page(browser, base_url, width)
    # axe is injected into the page, which the page's own policy rightly forbids; the phone
    # is audited in the dark theme, the wide screen in the light one.
    scheme = "dark" if width < 800 else "light"
    audited = open_page(browser, base_url, width, bypass_csp=True, color_scheme=scheme)
    problems: dict[str, Any] = {}
    try:
        for name, path in paths.items():
            response = strict.goto(path)
            assert response.status == (404 if name == missing else 200), path
            strict.wait_for_load_state("networkidle")
            refused = [m for m in strict.console if "Content Security Policy" in m]
            wide = strict.evaluate("document.scrollingElement.scrollWidth")
            # Dates and numbers never wrap (no more letter-by-letter columns on phones).
            wrapped = strict.locator("time, td.num").evaluate_all(
                "els => els.filter(e => e.getClientRects().length > 1).map(e => e.innerText)"
            )
            strict.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            audited.goto(path)
            audited.add_script_tag(path=str(AXE))
            found = audited.evaluate(
                """async () => (await axe.run(document, {resultTypes: ['violations']}))
                    .violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target).join(' | '))"""
            )
            if refused or wide > width + 1 or found or wrapped:
                problems[name] = {"csp": refused, "width": wide, "axe": found, "wrap": wrapped}
            strict.console.clear()
    finally:
        strict.context.close()
        audited.context.close()
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_obeys_the_csp_and_passes_axe(
    browser: Any, base_url: str, served: Served, stoltenberg: str, width: int
) -> None:
    assert page_problems(browser, base_url, every_page(served, stoltenberg), width) == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_quotations_speaker_is_readable_without_colour(
    browser: Any, base_url: str, served: Served, width: int
) -> None:
    page = open_page(browser, base_url, width)
    try:
        page.goto(f"/articles/{served.seed.article.id}")
        # What follows each quotation, read as text: the name and the kind, in words.
        said = page.locator("mark.quote").evaluate_all(
            """ms => ms.map(m => {
                let next = m.nextElementSibling;
                while (next && !next.classList.contains('said-by')) {
                    next = next.nextElementSibling;
                }
                return next ? next.innerText : '';
            })"""
        )
        speakers = [q.speaker for q in served.seed.quotes]
        assert len(said) == len(speakers) == 11
        for text, speaker in zip(said, speakers, strict=True):
            assert speaker and text.startswith(speaker), (text, speaker)
            assert "quotation" in text or "reported" in text or "partly quoted" in text
        # On a phone, the panel is one tap away from the top of the page.
        jump = page.get_by_role("link", name="Who said what: 11 quotations")
        assert jump.bounding_box()["y"] < 900
        jump.click()
        page.wait_for_function("location.hash === '#who-said-what'")
        panel = page.locator("#who-said-what").bounding_box()
        assert abs(panel["y"]) < 50
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_name_search_lists_that_persons_quotations(
    browser: Any, base_url: str, stoltenberg: str, width: int
) -> None:
    page = open_page(browser, base_url, width)
    try:
        page.goto("/")
        page.get_by_label("Search people, quotations and articles").fill("stoltenberg")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search?q=stoltenberg*")
        person = page.locator("#people a.person")
        assert person.inner_text() == STOLTENBERG
        assert person.get_attribute("href") == f"/speakers/{stoltenberg}"
        quotes = page.locator("#quotations li.quote-result")
        assert quotes.count() == 9
        assert set(quotes.locator("a.speaker").all_inner_texts()) == {STOLTENBERG}
        assert page.locator("#articles mark.hit").count() >= 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"name-search-{width}.png"))
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_export_of_a_filtered_list_has_the_rows_of_the_api(
    browser: Any, base_url: str, width: int
) -> None:
    page = open_page(browser, base_url, width, accept_downloads=True)
    try:
        page.goto("/quotes")
        page.get_by_label("Language").select_option("fr")
        page.get_by_label("Kind").select_option("direct")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**/quotes?*kind=direct*")
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        api = page.request.get("/api/quotes?lang=fr&kind=direct&per_page=100").json()["items"]
        assert [r["text"] for r in rows] == [i["quote"]["text"] for i in api]
        assert rows and {r["kind"] for r in rows} == {"direct"}
        assert {r["article.language"] for r in rows} == {"fr"}
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_zooms_and_pans(browser: Any, base_url: str, width: int) -> None:
    page = open_page(browser, base_url, width)
    try:
        page.goto("/places")
        svg = page.locator("figure.map svg")
        before = svg.get_attribute("viewBox")
        page.get_by_role("button", name="Zoom in").click()
        zoomed = svg.get_attribute("viewBox")
        assert zoomed != before
        assert float(zoomed.split()[2]) == pytest.approx(float(before.split()[2]) / 2)
        box = svg.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] / 2 + 20)
        page.mouse.up()
        assert svg.get_attribute("viewBox").split()[:2] != zoomed.split()[:2]
        page.get_by_role("button", name="Whole world").click()
        assert svg.get_attribute("viewBox") == before
        assert page.locator("figure.map circle.place").count() >= 1
    finally:
        page.context.close()
