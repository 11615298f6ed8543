"""How a pool worker's memory grows over a long run: the worker's own steps (extract, analyze,
fingerprint, in batches as ``ingest --workers`` sends them) over the real pages, in this one
process, with the process's memory and spaCy's string store printed every ``--every`` documents.

    nice -n 10 .venv/bin/python benchmarks/worker_memory.py [--documents 1500] [--every 100]

Printed per step: documents done, resident memory (RSS), proportional set size (PSS) and memory
of this process alone (USS) in MiB, and the entries of each pipeline's string store and vocab.
A store that keeps growing with the documents is memory the worker never gives back. Then the
batches whose peak resident memory was highest (the kernel's peak is reset before each batch),
with the resident memory before them and the characters of their inputs.
``--tracemalloc`` adds the Python allocations that grew most between the first step and the
last (slower).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realpages
from newsdesk.analyze.names import _tokenizer
from newsdesk.config import Settings
from newsdesk.ingest.files import discover
from newsdesk.run.pool import _process
from newsdesk.run.profile import memory_figures, warmed_analyzer

MIB = 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--every", type=int, default=100, help="documents between two lines")
    parser.add_argument("--tracemalloc", action="store_true", help="top Python allocations")
    args = parser.parse_args()
    settings = Settings.from_env()
    analyzer = warmed_analyzer(settings)
    with tempfile.TemporaryDirectory(prefix="newsdesk-memory-") as tmp:
        folder = Path(tmp)
        realpages.write_inputs(folder, max(args.documents, 1))
        items = [i for i in discover([str(folder)], settings) if not hasattr(i, "status")]
        items = items[: args.documents]
        first = None
        print(f"{'docs':>6} {'RSS MiB':>8} {'PSS MiB':>8} {'USS MiB':>8}  strings / lexemes")
        if args.tracemalloc:
            tracemalloc.start()
        done = 0
        peaks: list[tuple[int, int, int, str]] = []  # peak, before, characters, first input
        for start in range(0, len(items), 16):
            batch = items[start : start + 16]
            resident = memory_figures(os.getpid())[0]
            _reset_peak()
            _process(batch, settings, analyzer, None)
            size = sum(Path(str(getattr(i, "path", ""))).stat().st_size for i in batch)
            peaks.append((_peak(), resident, size, str(getattr(batch[0], "path", "?"))))
            before, done = done, min(start + 16, len(items))
            if done // args.every == before // args.every and done != len(items):
                continue
            figures = memory_figures(os.getpid())
            pipelines = dict(analyzer.pipelines.loaded)
            if _tokenizer.cache_info().currsize:  # languages without a pipeline
                pipelines["others"] = _tokenizer()
            stores = ", ".join(
                f"{lang}: {len(nlp.vocab.strings)} / {sum(1 for _ in nlp.vocab)}"
                for lang, nlp in pipelines.items()
            )
            rss, pss, uss = (f"{v / MIB:8.0f}" if v else "       -" for v in figures)
            print(f"{done:6d} {rss} {pss} {uss}  {stores}", flush=True)
            if args.tracemalloc:
                if first is None:
                    first = tracemalloc.take_snapshot()
                elif done == len(items):
                    last = tracemalloc.take_snapshot()
                    for stat in last.compare_to(first, "lineno")[:15]:
                        print(" ", stat)
        print("batches of the highest peaks: peak, before, input bytes, first input")
        for peak, before, size, name in sorted(peaks, reverse=True)[:8]:
            print(f"  {peak / MIB:6.0f} {before / MIB:6.0f} {size:9d}  {Path(name).name}")


def _reset_peak() -> None:
    """Reset this process's peak resident memory to its current one (Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


if __name__ == "__main__":
    main()
