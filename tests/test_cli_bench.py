"""``newsdesk bench``: a user's own pages measured stage by stage, nothing stored."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples"


def _bench(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "bench", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NEWSDESK_DB": str(cwd / "never.db")},
        timeout=900,
    )


def test_bench_times_each_stage_of_the_pages_and_keeps_nothing(tmp_path: Path) -> None:
    done = _bench(str(EXAMPLES), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pages = len([p for p in EXAMPLES.iterdir() if p.is_file()])
    assert f"{pages} pages (0 failed) in one process" in done.stdout
    rows = {
        line.split("  ")[0]: line
        for line in done.stdout.splitlines()
        if re.match(r"^\S.*\s+\d+\.\d\s+\d+\.\d%", line)
    }
    # The HTML page and the text dump go through extraction, then both through the models.
    assert "main text (trafilatura)" in rows and "spaCy" in rows and "quotes" in rows
    assert "whole, one core" in rows
    shares = [float(m.group(1)) for m in re.finditer(r"(\d+\.\d)%", done.stdout)]
    assert shares and all(0.0 <= s <= 100.0 for s in shares)
    assert not (tmp_path / "never.db").exists()


def test_bench_on_a_folder_without_pages_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _bench(str(empty), cwd=tmp_path)
    assert done.returncode == 2
    assert "nothing to measure" in done.stderr + done.stdout
