"""Builds kept between runs: read back when their inputs are unchanged, rebuilt otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk import cache
from newsdesk.analyze import gazetteer


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "newsdesk"


class Builder:
    def __init__(self, value: dict[str, int]) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return dict(self.value)


def test_second_call_reads_what_the_first_built(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "table.txt"
    data.write_text("one", encoding="utf-8")
    build = Builder({"a": 1})
    first = cache.cached("table", ["v1", data], build, dict)
    second = cache.cached("table", ["v1", data], build, dict)
    assert first == second == {"a": 1}
    assert build.calls == 1
    assert [p.name.split("-")[0] for p in home.iterdir()] == ["table"]


def test_changed_input_builds_again_and_drops_the_stale_file(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "table.txt"
    data.write_text("one", encoding="utf-8")
    cache.cached("table", ["v1", data], Builder({"a": 1}), dict)
    data.write_text("two", encoding="utf-8")  # a data file edited
    rebuilt = Builder({"a": 2})
    assert cache.cached("table", ["v1", data], rebuilt, dict) == {"a": 2}
    assert cache.cached("table", ["v2", data], rebuilt, dict) == {"a": 2}  # a new version
    assert rebuilt.calls == 2
    assert len(list(home.glob("table-*.pickle"))) == 1


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x07."], ids=str)
def test_unreadable_or_wrong_file_is_rebuilt(home: Path, content: bytes) -> None:
    build = Builder({"a": 1})
    cache.cached("table", ["v1"], build, dict)
    (path,) = home.glob("table-*.pickle")
    path.write_bytes(content)  # truncated, garbage, or an int where a dict is expected
    assert cache.cached("table", ["v1"], build, dict) == {"a": 1}
    assert build.calls == 2
    assert cache.cached("table", ["v1"], build, dict) == {"a": 1}
    assert build.calls == 2  # written again, whole


def test_folder_that_cannot_be_written_costs_only_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build = Builder({"a": 1})
    assert cache.cached("table", ["v1"], build, dict) == {"a": 1}
    assert cache.cached("table", ["v1"], build, dict) == {"a": 1}
    assert build.calls == 2
    assert not list(tmp_path.glob("**/*.pickle"))


def test_fingerprint_reads_paths_by_content(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("same", encoding="utf-8")
    two.write_text("same", encoding="utf-8")
    assert cache.fingerprint([one]) == cache.fingerprint([two])
    two.write_text("other", encoding="utf-8")
    assert cache.fingerprint([one]) != cache.fingerprint([two])


def test_gazetteer_read_from_the_cache_equals_the_one_built(home: Path) -> None:
    # A fresh process writes the file; this one reads it and compares with its own build.
    code = "from newsdesk.analyze import gazetteer; gazetteer.load()"
    env = {**os.environ, "XDG_CACHE_HOME": str(home.parent)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert len(list(home.glob("gazetteer-*.pickle"))) == 1
    built = gazetteer._build(gazetteer.DATA)
    read = gazetteer._load.__wrapped__(gazetteer.DATA)
    assert read is not built
    assert read == built
    assert [m.candidate.geonameid for m in read.lookup("Kyïv", "fr")] == [703448]
