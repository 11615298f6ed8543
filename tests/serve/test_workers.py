"""``newsdesk serve --workers N``: several server processes answer on one port, each reading
the store itself, and all of them stop with the server."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil
import pytest

from .test_browser import SERVE, free_port, wait_until_up

Served = Any  # the ``served`` fixture: db, seed, hostile, calm, digest


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


@pytest.mark.slow
def test_two_workers_share_the_port_and_stop_together(served: Served, tmp_path: Path) -> None:
    db = served.db
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*SERVE, "--db", str(db), "--port", str(port), "--workers", "2"],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        wait_until_up(base, proc, log)
        server = psutil.Process(proc.pid)
        workers = [p for p in server.children(recursive=True) if "python" in p.name().lower()]
        assert len(workers) >= 2, log.read_text()
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(get_json, [f"{base}/api/articles"] * 40))
        assert all(isinstance(a, dict) and a["total"] == 3 for a in answers)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"worker processes left running: {alive}"
    assert "newsdesk serving" in log.read_text()
