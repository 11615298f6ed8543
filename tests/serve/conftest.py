"""A store for the web layer's tests: the seed analyzed for real, and records written to attack
the pages (markup in every text field, a ``javascript:`` address) or to stress the article
markup (a nested quotation, a mention across a quotation's edge, a located place)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.config import Settings
from newsdesk.records import (
    Analysis,
    Article,
    DateExpression,
    Entity,
    Mention,
    Origin,
    Place,
    Quote,
    Source,
    article_id,
)
from newsdesk.run.local import analyze_paths
from newsdesk.serve.app import create_app
from newsdesk.store import SQLiteStore

MALLORY = "a1b2c3d4e5f60718"
EVIL_CORP = "0f0e0d0c0b0a0908"
RUIZ = "1111222233334444"
LYON = "5555666677778888"
CROSSING = "9999aaaabbbbcccc"

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_TEXT = (
    'Breaking: "><img src=x onerror=alert(1)> was posted by <i>Evil</i> Corp. '
    '"<script>alert(2)</script> is harmless," said <b>Mallory</b> on Monday. '
    "See javascript:alert(1) for details."
)
HOSTILE_URL = "javascript:alert(1)"

CALM_TEXT = (
    "Mayor Ana Ruiz said \"the river will rise and 'we are ready' for it\" before leaving "
    "Lyon on Tuesday.\n\nIn Lyon, officials agreed with Ana Ruiz."
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _mentions(text: str, part: str) -> tuple[Mention, ...]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(Mention(at, at + len(part), part))
        at = text.find(part, at + 1)
    return tuple(found)


def hostile_analysis() -> Analysis:
    text = HOSTILE_TEXT
    said = "<script>alert(2)</script> is harmless"
    start, end = _span(text, said)
    who_start, who_end = _span(text, "<b>Mallory</b>")
    return Analysis(
        article=Article(
            id=article_id(text),
            text=text,
            title=HOSTILE_TITLE,
            published="2022-05-01T10:00:00",
            language="en",
            url=HOSTILE_URL,
            source=Source(name="<svg onload=alert(3)>", domain="evil.example"),
            origins=(Origin(path="<b>x</b>.txt", url=HOSTILE_URL),),
            authors=("<em>Eve</em>",),
        ),
        quotes=(
            Quote(
                said,
                start,
                end,
                "direct",
                cue="said",
                speaker_mention="<b>Mallory</b>",
                speaker_start=who_start,
                speaker_end=who_end,
                speaker="<b>Mallory</b>",
                speaker_id=MALLORY,
            ),
        ),
        entities=(
            Entity(MALLORY, "<b>Mallory</b>", "PER", _mentions(text, "<b>Mallory</b>")),
            Entity(EVIL_CORP, "<i>Evil</i> Corp", "ORG", _mentions(text, "<i>Evil</i> Corp")),
        ),
    )


def calm_analysis() -> Analysis:
    text = CALM_TEXT
    outer = "the river will rise and 'we are ready' for it"
    start, end = _span(text, outer)
    inner_start, inner_end = _span(text, "we are ready")
    cross_start, cross_end = _span(text, 'said "the river')
    lyon = _mentions(text, "Lyon")
    return Analysis(
        article=Article(
            id=article_id(text),
            text=text,
            title="The river will rise, the mayor says",
            published="2022-06-10T09:00:00",
            language="en",
            url="https://metro.example/river",
            source=Source(name="Metro Daily", domain="metro.example"),
            origins=(Origin(url="https://metro.example/river"),),
        ),
        quotes=(
            Quote(outer, start, end, "direct", speaker="Ana Ruiz", speaker_id=RUIZ),
            Quote("we are ready", inner_start, inner_end, "direct"),
        ),
        entities=(
            Entity(RUIZ, "Ana Ruiz", "PER", _mentions(text, "Ana Ruiz")),
            Entity(LYON, "Lyon", "LOC", lyon),
            Entity(
                CROSSING,
                'said "the river',
                "MISC",
                (Mention(cross_start, cross_end, text[cross_start:cross_end]),),
            ),
        ),
        places=(Place(LYON, "Lyon", 2996944, 45.75, 4.85, "FR"),),
        dates=(DateExpression("Tuesday", *_span(text, "Tuesday"), "2022-06-07", "DATE"),),
    )


@dataclass(frozen=True)
class Served:
    """The test store: its file, the records in it and the file's digest once written."""

    db: Path
    seed: Analysis
    hostile: Analysis
    calm: Analysis
    digest: str


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Served:
    # A shared machine can be slow to load the models the first time: no timeout applies here.
    (seed,) = analyze_paths([str(seed_path)], Settings(timeout=3600.0))
    assert isinstance(seed, Analysis)
    db = tmp_path_factory.mktemp("serve") / "newsdesk.db"
    hostile, calm = hostile_analysis(), calm_analysis()
    with SQLiteStore(db) as store:
        for analysis in (seed, hostile, calm):
            assert store.put(analysis) == "stored"
    return Served(db, seed, hostile, calm, file_digest(db))


@pytest.fixture(scope="session")
def ids() -> dict[str, str]:
    """The entity ids of the hand-written records, by name."""
    return {
        "mallory": MALLORY,
        "evil_corp": EVIL_CORP,
        "ruiz": RUIZ,
        "lyon": LYON,
        "crossing": CROSSING,
    }


@pytest.fixture(scope="session")
def client(served: Served) -> Iterator[TestClient]:
    with TestClient(create_app(served.db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def stoltenberg(served: Served) -> str:
    """The entity id the seed's quotations of Jens Stoltenberg are attributed to."""
    ids = {q.speaker_id for q in served.seed.quotes if q.speaker == "Jens Stoltenberg"}
    assert len(ids) == 1
    (found,) = ids
    assert found is not None
    return found


ENGLISH = Path(__file__).parents[1] / "data" / "relate" / "nato_en.txt"


@pytest.fixture(scope="session")
def nato(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> dict[str, Analysis]:
    """A store of related articles: the seed, an English version of it (written for the tests)
    and a cut copy of the seed made here; under ``"db"``, the store's file."""
    folder = tmp_path_factory.mktemp("nato")
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    cut = [*lines[: lines.index("Afficher Plus") - 6], "", "Partagez cet article sur vos réseaux."]
    copy = folder / "copie.txt"
    copy.write_text("\n".join(cut) + "\n", encoding="utf-8")
    found = {}
    for name, path in (("en", ENGLISH), ("seed", seed_path), ("copy", copy)):
        (analysis,) = analyze_paths([str(path)], Settings(timeout=3600.0))
        assert isinstance(analysis, Analysis)
        found[name] = analysis
    db = folder / "newsdesk.db"
    with SQLiteStore(db) as store:
        for analysis in found.values():
            assert store.put(analysis) == "stored"
    found["db"] = db  # type: ignore[assignment]
    return found
