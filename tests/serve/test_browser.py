"""The web pages in a real headless Chromium, against ``newsdesk serve`` on the seed article.

The server runs as ``python -m newsdesk serve`` in a child process on a free local port; the
database is the seed ingested for real. Each test leaves a screenshot of the pages it saw under
``test-artifacts/screenshots/`` at the repository root.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsdesk.config import Settings
from newsdesk.records import Analysis
from newsdesk.run.local import ingest
from newsdesk.store.sqlite import SQLiteStore

from .conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SERVE = (sys.executable, "-m", "newsdesk", "serve")
NAV_LINKS = ("Home", "Search", "Quotes", "Stories", "Statements", "Entities", "Places")
STOLTENBERG = "Jens Stoltenberg"
SMITH = "Julianne Smith"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(db: Path, log: Path) -> Iterator[str]:
    """``newsdesk serve`` on ``db`` as a child process on 127.0.0.1, its output in ``log``;
    yields its base address and stops it afterwards."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*SERVE, "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_until_up(base: str, proc: subprocess.Popen[str], log: Path, seconds: float = 60.0) -> None:
    """Return once ``base`` answers; fail with the server's output if it exits or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"newsdesk serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    pytest.fail(
        f"newsdesk serve did not answer at {base} within {seconds:.0f} s:\n{log.read_text()}"
    )


@pytest.fixture(scope="module")
def seed(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Analysis]:
    """A fresh database holding the seed article, and the seed's stored analysis."""
    settings = Settings(db=tmp_path_factory.mktemp("browser") / "newsdesk.db")
    with SQLiteStore(settings.db) as store:
        outcomes = list(ingest([str(seed_path)], settings, store))
        assert [o.status for o in outcomes] == ["stored"], outcomes
        article_id = outcomes[0].article_id
        assert article_id is not None
        analysis = store.get(article_id)
    assert analysis is not None
    return settings.db, analysis


@pytest.fixture(scope="module")
def base_url(seed: tuple[Path, Analysis]) -> Iterator[str]:
    """``newsdesk serve`` on the seed database, as a child process on 127.0.0.1."""
    db, _ = seed
    # A file, not a pipe: a pipe nobody reads fills up with access lines and stalls the server.
    with serving(db, db.with_suffix(".log")) as base:
        yield base


@pytest.fixture
def page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; on exit, the page is saved as ``<test name>.png``.

    Every request the page makes is recorded in ``page.requested`` and every script error in
    ``page.errors``.
    """
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    new = context.new_page()
    new.requested = []
    new.errors = []
    new.on("request", lambda r: new.requested.append(r.url))
    new.on("pageerror", lambda e: new.errors.append(str(e)))
    yield new
    screenshot(new, request.node.name)
    context.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "_", name).strip("_")
    page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)


def squash(text: str) -> str:
    """Text with runs of white space as one space, for comparing rendered and stored text."""
    return " ".join(text.split())


def speaker_ids(analysis: Analysis) -> dict[str, str]:
    return {q.speaker: q.speaker_id for q in analysis.quotes if q.speaker and q.speaker_id}


def test_seed_fixture_has_eleven_quotations_by_two_speakers(seed: tuple[Path, Analysis]) -> None:
    _, analysis = seed
    assert Counter(q.speaker for q in analysis.quotes) == {STOLTENBERG: 9, SMITH: 2}


def test_home_page_has_title_and_nav_links(page: Any, base_url: str) -> None:
    response = page.goto("/")
    assert response.status == 200
    assert page.title().strip()
    nav = page.locator("nav a")
    names = [squash(t) for t in nav.all_inner_texts()]
    for name in NAV_LINKS:
        assert name in names, names
    assert page.locator("main").count() == 1
    for name in NAV_LINKS:
        href = page.locator("nav a", has_text=re.compile(rf"^\s*{name}\s*$")).first.get_attribute(
            "href"
        )
        assert href
        assert page.request.get(href).status == 200, href
    assert page.errors == []


def test_home_page_loads_nothing_from_other_hosts(page: Any, base_url: str) -> None:
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert page.requested
    assert all(url.startswith(base_url + "/") for url in page.requested), page.requested


def test_article_page_marks_each_quotation_once(
    page: Any, seed: tuple[Path, Analysis], base_url: str
) -> None:
    _, analysis = seed
    assert page.goto(f"/articles/{analysis.article.id}").status == 200
    assert page.title().strip()
    marks = page.locator("article#text mark.quote")
    assert marks.count() == 11
    assert page.locator("mark.quote").count() == 11
    assert page.locator("mark.quote mark.quote").count() == 0
    indices = sorted(int(i) for i in marks.evaluate_all("ms => ms.map(m => m.dataset.quote)"))
    assert indices == list(range(11))
    for i, quote in enumerate(analysis.quotes):
        mark = page.locator(f'mark.quote[data-quote="{i}"]')
        assert squash(mark.text_content() or "") == squash(quote.text)
        assert mark.get_attribute("data-speaker-id") == (quote.speaker_id or "")
    assert page.locator("article#text p").count() > 1
    assert all(url.startswith(base_url + "/") for url in page.requested), page.requested
    assert page.errors == []


def test_article_page_colours_quotations_by_speaker(page: Any, seed: tuple[Path, Analysis]) -> None:
    _, analysis = seed
    page.goto(f"/articles/{analysis.article.id}")
    colours = page.locator("mark.quote").evaluate_all(
        """ms => ms.map(m => [m.dataset.speakerId, getComputedStyle(m).backgroundColor])"""
    )
    by_speaker: dict[str, set[str]] = {}
    for speaker_id, colour in colours:
        assert colour, speaker_id
        by_speaker.setdefault(speaker_id, set()).add(colour)
    ids = speaker_ids(analysis)
    assert set(by_speaker) == {ids[STOLTENBERG], ids[SMITH]}
    assert all(len(c) == 1 for c in by_speaker.values()), by_speaker
    assert by_speaker[ids[STOLTENBERG]] != by_speaker[ids[SMITH]]


def test_side_panel_lists_who_said_what(page: Any, seed: tuple[Path, Analysis]) -> None:
    _, analysis = seed
    page.goto(f"/articles/{analysis.article.id}")
    links = page.locator("aside#who-said-what a.speaker")
    names = Counter(squash(t) for t in links.all_inner_texts())
    assert names[STOLTENBERG] >= 1
    assert names[SMITH] >= 1
    ids = speaker_ids(analysis)
    for name in (STOLTENBERG, SMITH):
        link = page.locator("aside#who-said-what a.speaker", has_text=name).first
        assert link.get_attribute("href") == f"/speakers/{ids[name]}"


def test_speaker_link_opens_page_with_all_nine_quotations(
    page: Any, seed: tuple[Path, Analysis]
) -> None:
    _, analysis = seed
    page.goto(f"/articles/{analysis.article.id}")
    speaker_id = speaker_ids(analysis)[STOLTENBERG]
    page.locator("aside#who-said-what a.speaker", has_text=STOLTENBERG).first.click()
    page.wait_for_url(f"**/speakers/{speaker_id}")
    assert STOLTENBERG in page.title() or STOLTENBERG in page.locator("h1").inner_text()
    body = squash(page.locator("main").inner_text())
    said = [q for q in analysis.quotes if q.speaker_id == speaker_id]
    assert len(said) == 9
    for quote in said:
        assert squash(quote.text) in body, quote.text
    for quote in analysis.quotes:
        if quote.speaker == SMITH:
            assert squash(quote.text) not in body, quote.text
    twin = page.request.get(f"/api/speakers/{speaker_id}")
    assert twin.status == 200
    assert twin.json()["quotes"]["total"] == 9


def test_search_form_finds_the_seed_article(page: Any, seed: tuple[Path, Analysis]) -> None:
    _, analysis = seed
    page.goto("/search")
    box = page.locator('form[role="search"] input[name="q"]').first
    box.fill("atrocités")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?.*q=atrocit"))
    results = page.locator("ol.results li.result a.article-link")
    assert results.count() >= 1
    hrefs = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert f"/articles/{analysis.article.id}" in hrefs
    assert page.errors == []


def test_search_for_an_absent_word_lists_no_article(page: Any) -> None:
    page.goto("/search?q=zzyzxquux")
    assert page.locator("li.result").count() == 0
    assert page.locator('form[role="search"] input[name="q"]').first.input_value() == "zzyzxquux"


def test_tab_reaches_the_skip_link_first(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const a = document.activeElement;
            const href = a.getAttribute('href') || '';
            const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
            const style = getComputedStyle(a);
            const box = a.getBoundingClientRect();
            return {tag: a.tagName, href,
                    target: target ? target.tagName : null,
                    inMain: target ? !!target.closest('main') : false,
                    outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
                    shadow: style.boxShadow !== 'none',
                    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0};
        }"""
    )
    assert focused["tag"] == "A", focused
    assert focused["target"] == "MAIN" or focused["inMain"], focused
    assert focused["visible"], focused
    assert focused["outline"] or focused["shadow"], focused


def narrow_pages(analysis: Analysis) -> list[str]:
    speaker_id = speaker_ids(analysis)[STOLTENBERG]
    return [
        "/",
        f"/articles/{analysis.article.id}",
        "/search?q=atrocit%C3%A9s",
        f"/speakers/{speaker_id}",
        "/quotes",
        "/entities",
        "/places",
    ]


def test_narrow_screen_has_no_horizontal_scroll(
    browser: Any, base_url: str, seed: tuple[Path, Analysis], request: pytest.FixtureRequest
) -> None:
    _, analysis = seed
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 812})
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        too_wide = {}
        for path in narrow_pages(analysis):
            assert page.goto(path).status == 200, path
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > 375 + 1:
                too_wide[path] = width
            name = re.sub(r"\W+", "_", path.split("?")[0]).strip("_") or "home"
            screenshot(page, f"{request.node.name}-{name[:40]}")
        assert too_wide == {}
    finally:
        context.close()
