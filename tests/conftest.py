from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

Cli = Callable[..., subprocess.CompletedProcess[str]]


def pytest_configure(config: pytest.Config) -> None:
    # Builds kept between runs (newsdesk.cache) go to a folder of this session, never the
    # user's: each session builds them once, and its child processes read them.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="newsdesk-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The first real input: a scraped, machine-translated French article."""
    return ROOT / "tests" / "data" / "seed_fr.txt"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


@pytest.fixture(scope="session")
def eval_dir() -> Callable[..., Path]:
    """A folder of the evaluation data, or skip the test when it is absent."""

    def find(*parts: str) -> Path:
        path = EVAL.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"evaluation data absent: {path} (expected in ../shared/eval)")
        return path

    return find


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "newsdesk.db"


@pytest.fixture
def cli(db_path: Path) -> Cli:
    """Run ``python -m newsdesk ARGS`` in a child process against a fresh database."""

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        environ = {**os.environ, "NEWSDESK_DB": str(db_path), "COLUMNS": "200", **env}
        return subprocess.run(
            [sys.executable, "-m", "newsdesk", *args],
            capture_output=True,
            text=True,
            env=environ,
            check=False,
        )

    return run
