"""A real ``newsdesk serve`` under 20 clients asking every route (pages and API) while a real
``newsdesk ingest`` writes the same SQLite file: no error, and the new articles are seen while
the clients ask. The latency is printed, never asserted; the longer run is
``benchmarks/serve_write.py --seconds 60``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    path = ROOT / "benchmarks" / "serve_write.py"
    spec = importlib.util.spec_from_file_location("newsdesk_serve_write", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCH = _load()
CLIENTS = 20
SECONDS = 15.0


@pytest.mark.slow
def test_twenty_clients_on_every_route_while_an_ingest_writes(tmp_path: Path) -> None:
    report, missing = BENCH.run(tmp_path, CLIENTS, SECONDS, articles=40)
    print(BENCH.summary(report, SECONDS))
    assert missing == [], f"no address found for these routes: {missing}"
    assert report.errors == []
    assert report.requests > CLIENTS
    seen = report.articles_seen
    assert seen and max(seen) > seen[0], f"no new article seen during the load: {seen}"
