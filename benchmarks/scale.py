"""Scaling of newsdesk ingest on real pages: 1 and 2 pool workers against bare trafilatura +
spaCy over the same documents, in one run.

    nice -n 10 .venv/bin/python benchmarks/scale.py [--documents 1500] [--limit N] [--rounds 1]

Inputs (``realpages``): every real page and text of ../shared/eval, shuffled, written as files
into a temporary folder; when ``--documents`` asks for more, the list is gone through again and
each repeat is made a distinct text (a sentence of its own after its first paragraph), so it is
analyzed and stored anew while copy detection finds it a near-copy of one stored before.
1,500 documents by default (1,257 real ones, 243 repeats). ``--limit`` runs only the first N,
to iterate quickly.

Measured, each configuration in a child process of its own (nothing cached across them):
- bare: ``trafilatura.extract(favor_precision=True, include_comments=False)`` on each page (a
  text as it is), then the language's full default spaCy pipeline over the texts (``nlp.pipe``,
  batch 32), in one process; models loaded before the clock starts; the language of each
  document is newsdesk's, given to it;
- pool 1 / pool 2: ``ingest_pool`` (``newsdesk ingest --workers N``) into a fresh SQLite file,
  timed from the call to the last outcome: the fork server's loading of models and tables and
  the workers' start are inside the time (``newsdesk.run.profile.profile_pool``).

Printed: pages/s of the whole run and ÷ bare; CPU ms per page of the workers and of the parent
(the writer; target under an eighth of a worker's); each worker's time to be ready and its
peak memory (target < 1 GB = 954 MiB): resident (RSS, counting in full the model pages shared
copy-on-write with the fork server), proportional (PSS, shared pages divided among the processes
sharing them: what a worker costs) and its own (USS); pool 2 ÷ pool 1 (target ≥ 1.8); the load
average (the
machine is shared: wall-clock rates fall with it, CPU per page does not) and what two idle
cores give for the CPU measured: documents ÷ (start-up CPU + documents × CPU per page ÷ 2).
Target: ≥ 21 pages/s with 2 workers, whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realpages

# --- children -------------------------------------------------------------------------------


def child_bare(folder: str, languages_file: str) -> dict[str, Any]:
    import spacy
    import trafilatura

    from newsdesk.config import Settings

    languages: dict[str, str] = json.loads(Path(languages_file).read_text(encoding="utf-8"))
    models = Settings.from_env().models
    nlps = {lang: spacy.load(name) for lang, name in models.items()}
    for nlp in nlps.values():
        nlp("Warm up.")
    files = sorted(Path(folder).iterdir())
    start, cpu0 = time.perf_counter(), time.process_time()
    texts: dict[str, list[str]] = {}
    for path in files:
        data = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".html":
            data = trafilatura.extract(data, favor_precision=True, include_comments=False) or ""
        language = languages.get(path.name)
        if language in nlps:
            texts.setdefault(language, []).append(data)
    for language, batch in texts.items():
        for _doc in nlps[language].pipe(batch, batch_size=32):
            pass
    return {
        "pages": len(files),
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu0,
    }


def child_pool(workers: str, folder: str) -> dict[str, Any]:
    from newsdesk.config import Settings
    from newsdesk.ingest.files import discover
    from newsdesk.run.profile import profile_pool

    settings = Settings.from_env()
    items = list(discover([folder], settings))
    pool = profile_pool(items, settings, int(workers))
    return {
        "pages": pool.pages,
        "seconds": pool.seconds,
        "parent_cpu": pool.parent_cpu,
        "workers_cpu": pool.workers_cpu,
        "ready": pool.ready,
        "peak_mb": pool.peak_mb,
        "peak_pss_mb": pool.peak_pss_mb,
        "peak_uss_mb": pool.peak_uss_mb,
        "forkserver_cpu": pool.forkserver_cpu,
    }


def run_child(*args: str) -> dict[str, Any] | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    answers = [line for line in proc.stdout.splitlines() if line.startswith('{"')]
    if proc.returncode != 0 or not answers:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        print(f"  {args[0]}: failed (exit {proc.returncode})\n{tail}", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(answers[-1])
    return result


# --- main -----------------------------------------------------------------------------------


def languages_of(files: list[Path]) -> dict[str, str]:
    """newsdesk's language of each file (given to the bare stack, which has no detector)."""
    from newsdesk.config import Settings
    from newsdesk.extract import extract_one
    from newsdesk.records import Origin, RawDocument

    settings = Settings.from_env()
    found = {}
    for path in files:
        kind = "html" if path.suffix == ".html" else "text"
        try:
            article = extract_one(RawDocument(path.read_bytes(), Origin(path=str(path)), kind),
                                  settings)  # fmt: skip
        except Exception:
            continue
        found[path.name] = article.language or "?"
    return found


def report(rounds: list[dict[str, dict[str, Any] | None]], documents: int) -> None:
    def rate(result: dict[str, Any] | None) -> float | None:
        return result["pages"] / result["seconds"] if result and result["seconds"] else None

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):7.2f}" if values else "      -"

    print(f"{len(rounds)} round(s); medians; ratios taken within a round")
    print(f"{'':10} {'pages/s':>8} {'÷ bare':>7} {'worker ms':>10} {'parent ms':>10} "
          f"{'parent÷worker':>13} {'ready s':>9} {'RSS MiB':>8} {'PSS MiB':>8} "
          f"{'USS MiB':>8}")  # fmt: skip
    for name in ("bare", "pool-1", "pool-2"):
        results = [r[name] for r in rounds if r.get(name)]
        rates = [x for r in results if (x := rate(r)) is not None]
        ratios = [a / b for r in rounds if (a := rate(r.get(name))) and (b := rate(r.get("bare")))]
        line = f"{name:10} {median(rates)} {median(ratios)}"
        if name != "bare" and results:
            worker = [1000 * r["workers_cpu"] / r["pages"] for r in results]
            parent = [1000 * r["parent_cpu"] / r["pages"] for r in results]
            share = [p / w for p, w in zip(parent, worker, strict=True) if w]
            ready = max((s for r in results for s in r["ready"]), default=0.0)
            peaks = [max(r.get(key, 0.0) for r in results)
                     for key in ("peak_mb", "peak_pss_mb", "peak_uss_mb")]  # fmt: skip
            line += f" {median(worker):>10} {median(parent):>10} {median(share):>13}"
            line += f" {ready:9.2f}" + "".join(f" {peak:8.0f}" for peak in peaks)
        elif results:
            line += f" {median([1000 * r['cpu'] / r['pages'] for r in results]):>10}"
        print(line)
    two = [a / b for r in rounds if (a := rate(r.get("pool-2"))) and (b := rate(r.get("pool-1")))]
    if two:
        print(f"pool 2 ÷ pool 1: {statistics.median(two):.2f} (target ≥ 1.8)")
    for r in rounds:
        if (pool := r.get("pool-2")) is not None:
            per_page = (pool["workers_cpu"] + pool["parent_cpu"]) / pool["pages"]
            idle = documents / (pool["forkserver_cpu"] + documents * per_page / 2)
            print(
                f"2 idle cores, for the CPU measured (start-up {pool['forkserver_cpu']:.1f} s, "
                f"{1000 * per_page:.0f} ms per page): {idle:.1f} pages/s whole run "
                "(target ≥ 21)"
            )
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1500, help="at least this many")
    parser.add_argument("--limit", type=int, help="only the first N documents (iterating)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of every configuration")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_bare(*rest) if kind == "bare" else child_pool(*rest)
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="newsdesk-scale-") as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        count = max(args.documents, len(realpages.sources()))
        files = realpages.write_inputs(folder, count)
        if args.limit:
            for path in files[args.limit :]:
                path.unlink()
            files = files[: args.limit]
        languages_file = Path(tmp) / "languages.json"
        languages = languages_of(files)
        languages_file.write_text(json.dumps(languages), encoding="utf-8")
        counts: dict[str, int] = {}
        for language in languages.values():
            counts[language] = counts.get(language, 0) + 1
        repeats = max(0, len(files) - len(realpages.sources()))
        print(
            f"inputs: {len(files)} documents ({repeats} distinct repeats), languages "
            + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda x: -x[1]))
        )
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (shared)")
        rounds: list[dict[str, dict[str, Any] | None]] = []
        for _ in range(args.rounds):
            results: dict[str, dict[str, Any] | None] = {}
            results["bare"] = run_child("bare", str(folder), str(languages_file))
            for workers in (1, 2):
                results[f"pool-{workers}"] = run_child("pool", str(workers), str(folder))
            rounds.append(results)
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
    report(rounds, len(files))
    if any(result is None for results in rounds for result in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
