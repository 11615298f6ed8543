"""``newsdesk stories``, ``story`` and ``statements`` end to end, in child processes: the seed
ingested after an English version of the same story (written for this test) links their
shared statements across languages, with a lower confidence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ENGLISH = Path(__file__).parent / "data" / "relate" / "nato_en.txt"
Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def nato(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Cli:
    """A store holding the English version, then the seed; a runner of commands over it."""
    db = tmp_path_factory.mktemp("stories") / "newsdesk.db"

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        environ = {**os.environ, "NEWSDESK_DB": str(db), "COLUMNS": "200", **env}
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", *args],
            capture_output=True,
            text=True,
            env=environ,
            check=False,
        )

    done = run("ingest", str(ENGLISH), NEWSDESK_TIMEOUT="300")
    assert done.returncode == 0, done.stderr
    done = run("ingest", str(seed_path), NEWSDESK_TIMEOUT="300")
    assert done.returncode == 0, done.stderr
    return run


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_the_seed_and_its_english_version_share_statements_across_languages(nato: Cli) -> None:
    done = nato("statements", "--speaker", "Stoltenberg", "--min-carriers", "2", "--json")
    assert done.returncode == 0, done.stderr
    found = _lines(done.stdout)
    assert found, "no statement of Stoltenberg carried in both languages"
    for detail in found:
        statement = detail["statement"]
        variants = detail["variants"]
        assert isinstance(statement, dict) and isinstance(variants, list)
        assert statement["languages"] == ["en", "fr"]
        # The English version was published first (14:10, the seed at 16:43).
        assert variants[0]["article"]["language"] == "en" and variants[0]["wording"] == "first"
        (french,) = variants[1:]
        assert french["wording"] == "translated" and french["confidence"] < 1.0
    texts = [d["statement"]["text"] for d in found]  # type: ignore[index]
    assert any("Moscow is not giving up its ambitions" in t for t in texts)


def test_statements_of_a_speaker_never_link_quotations_of_another(nato: Cli) -> None:
    done = nato("statements", "--speaker", "Julianne Smith", "--json")
    assert done.returncode == 0, done.stderr
    for detail in _lines(done.stdout):
        assert detail["statement"]["speaker"] == "Julianne Smith"  # type: ignore[index]


def test_the_two_versions_are_one_story_first_seen_in_english(nato: Cli) -> None:
    done = nato("stories", "--json")
    assert done.returncode == 0, done.stderr
    (story,) = _lines(done.stdout)
    assert story["articles"] == 2 and story["languages"] == ["en", "fr"]
    assert story["first_seen"] == "2022-04-05T14:10:00"
    shown = nato("story", str(story["id"]))
    assert shown.returncode == 0, shown.stderr
    assert "2 article(s)" in shown.stdout and "NATO allies prepare" in shown.stdout


def test_an_unknown_story_is_an_error_naming_it(nato: Cli) -> None:
    done = nato("story", "no-such-story")
    assert done.returncode == 1
    assert "no-such-story" in done.stderr
