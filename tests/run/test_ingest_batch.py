"""A batch of broken inputs beside good ones: each bad file gets its reason, the rest is stored."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64,
    "noise.txt": bytes((i * 97 + 13) % 256 for i in range(20_000)),
    "truncated.html.gz": gzip.compress(
        b"<html><body>" + b"".join(b"<p>news item %d of the day</p>" % i for i in range(5000))
    )[:4000],
}
PDF = b"%PDF-1.4 not a news page"


def _deep_page(depth: int) -> bytes:
    body = "<div>" * depth + "<p>Deep inside the page, a sentence.</p>" + "</div>" * depth
    return f"<html><body>{body}</body></html>".encode()


def _batch(tmp_path: Path, seed_path: Path, examples_dir: Path) -> Path:
    batch = tmp_path / "batch"
    batch.mkdir()
    for name, data in BAD_INPUTS.items():
        (batch / name).write_bytes(data)
    (batch / "deep.html").write_bytes(_deep_page(100_000))
    with open(batch / "huge.html", "wb") as fh:
        fh.write(b"<html><body>")
        paragraph = b"<p>" + b"A long page of filler words that goes on. " * 20 + b"</p>\n"
        while fh.tell() < 50_000_000:
            fh.write(paragraph)
        fh.write(b"</body></html>")
    shutil.copy(seed_path, batch / "seed.txt")
    shutil.copy(examples_dir / "nato-ministers-en.html", batch / "nato.html")
    (batch / "notes.md").write_text("A file of another kind, met while walking the folder.")
    return batch


def _stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles")]


@pytest.mark.slow
def test_ingest_batch_reports_each_bad_file_and_stores_the_good_ones(
    tmp_path: Path, seed_path: Path, examples_dir: Path, db_path: Path, cli: Any
) -> None:
    batch = _batch(tmp_path, seed_path, examples_dir)
    named_pdf = tmp_path / "slides.pdf"
    named_pdf.write_bytes(PDF)
    result = cli("ingest", str(batch), str(named_pdf))
    assert result.returncode == 1, result.stderr
    errors = {
        Path(line.split(":", 1)[0]).name: line.split(":", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith(str(tmp_path))
    }
    assert set(BAD_INPUTS) | {"huge.html", "slides.pdf"} <= set(errors), result.stderr
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert "gzip" in errors["truncated.html.gz"]
    assert "limit" in errors["huge.html"]
    assert "unsupported file type" in errors["slides.pdf"]
    assert not any("internal error" in reason for reason in errors.values()), errors
    assert "seed.txt" not in errors and "nato.html" not in errors
    # The deep page is either read correctly or refused with a clear reason.
    if "deep.html" in errors:
        assert errors["deep.html"]
    assert len(_stored_ids(db_path)) in (2, 3)
    # A file of another kind inside a folder is skipped and counted, not a failure.
    assert "notes.md" not in errors
    assert "skipped 1" in result.stdout
    assert f"failed {len(errors)}" in result.stdout


@pytest.mark.slow
def test_ingest_batch_peak_memory_stays_under_two_gigabytes(
    tmp_path: Path, seed_path: Path, examples_dir: Path, db_path: Path
) -> None:
    batch = _batch(tmp_path, seed_path, examples_dir)
    # Raise the size limit so the 50 MB page is really parsed, not refused at the door.
    probe = textwrap.dedent(
        f"""
        import os, resource, subprocess, sys
        env = dict(os.environ, NEWSDESK_DB={str(db_path)!r}, NEWSDESK_MAX_BYTES="60000000",
                   NEWSDESK_TIMEOUT="20")
        subprocess.run([sys.executable, "-m", "newsdesk", "ingest", {str(batch)!r}], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    peak_kib = int(out.stdout.strip())
    assert peak_kib < 2 * 1024 * 1024, f"peak RSS {peak_kib / 1024:.0f} MB"
    assert len(_stored_ids(db_path)) >= 2
