"""Scaling of newsdesk ingest: in this process, 1 and 2 pool workers, Ray local mode, against
bare spaCy over the same texts, in one run.

    .venv/bin/python benchmarks/scale.py [--articles 200] [--rounds 1] [--no-ray]

Inputs: ``--articles`` distinct articles made from the project's own fixtures (examples/,
tests/data/), French and English, HTML and text dumps: each is one fixture with two paragraphs
of another fixture in its language and a sentence of its own inserted after its first paragraph,
so no two have the same text. No evaluation data is used.

Measured, each configuration in a child process of its own (so memory is its own):
- bare: ``spacy.load(model)`` with all its default pipes, ``nlp.pipe`` over the texts newsdesk
  extracted (extraction not timed, model loading not timed);
- in-process: ``ingest_inputs`` (``newsdesk ingest --workers 1``) into a fresh SQLite file,
  models loaded before the clock starts;
- pool 1 / pool 2: ``ingest_pool`` (``newsdesk ingest --workers N``) into a fresh SQLite file;
- ray: ``newsdesk.run.distributed.run_ray(..., actors=2)`` into a fresh Parquet directory.

Each rate is articles/s over the whole call ("total": worker start and model loading included)
and, for the runners that stream outcomes, between the 10th and the 90th percentile outcome
("steady": what a long run approaches). Peak RSS per worker process: psutil, every 0.1 s.
With ``--rounds N`` every configuration runs N times, in turn; each figure is the median, and
each ratio is taken within a round (this machine is shared: its speed drifts over minutes).
Workers read the gazetteer from the user's cache (``newsdesk.cache``), as every run after a
machine's first does.
Targets: pool 2 >= 1.7 x pool 1; end-to-end >= 0.85 x bare; peak memory per worker < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
BASES = {
    "fr": [
        ROOT / "examples" / "000_f57e383da64bcd99.txt",
        DATA / "analyze" / "articles_fr.txt",
        DATA / "analyze" / "honorifics_fr.txt",
        DATA / "textdump" / "fr_regional.txt",
        DATA / "html" / "fr_jsonld_news.html",
    ],
    "en": [
        ROOT / "examples" / "nato-ministers-en.html",
        DATA / "analyze" / "nato_en.txt",
        DATA / "analyze" / "honorifics_en.txt",
        DATA / "textdump" / "en_article.txt",
        DATA / "html" / "en_no_metadata.html",
        DATA / "html" / "en_opengraph_only.html",
    ],
}
PARAGRAPHS = {
    "fr": [DATA / "analyze" / "articles_fr.txt", DATA / "analyze" / "honorifics_fr.txt"],
    "en": [DATA / "analyze" / "nato_en.txt", DATA / "analyze" / "honorifics_en.txt"],
}
OWN_SENTENCE = {
    "fr": "Cette dépêche porte le numéro {k} et a été mise à jour {k} fois depuis sa parution.",
    "en": "This dispatch is number {k} and has been updated {k} times since it first ran.",
}
SAMPLE_EVERY = 0.1


# --- inputs ---------------------------------------------------------------------------------


def _paragraphs(language: str) -> list[str]:
    found = []
    for path in PARAGRAPHS[language]:
        text = path.read_text(encoding="utf-8")
        found += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 120]
    return found


def _variant(base: Path, extra: list[str], own: str) -> str:
    text = base.read_text(encoding="utf-8")
    if base.suffix == ".html":
        inserted = "".join(f"<p>{p}</p>\n" for p in [*extra, own])
        at = text.find("</p>")
        return text[: at + 4] + "\n" + inserted + text[at + 4 :]
    parts = text.split("\n\n")
    at = min(len(parts), 3)  # after the title, the dateline and the first paragraph
    return "\n\n".join([*parts[:at], *extra, own, *parts[at:]])


def build_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` article files under ``folder``, each a distinct variant of a fixture."""
    rng = random.Random(405)
    bases = [(lang, path) for lang, paths in BASES.items() for path in paths]
    extras = {lang: _paragraphs(lang) for lang in BASES}
    files = []
    for k in range(count):
        language, base = bases[k % len(bases)]
        extra = rng.sample(extras[language], 2)
        own = OWN_SENTENCE[language].format(k=k)
        path = folder / f"{k:04d}_{base.name}"
        path.write_text(_variant(base, extra, own), encoding="utf-8")
        files.append(path)
    return files


# --- sampling -------------------------------------------------------------------------------


class PeakMemory:
    """Peak RSS of each process ``pids()`` names, sampled in a thread."""

    def __init__(self, pids: Callable[[], list[int]]) -> None:
        self._pids = pids
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self._pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss)
            self._stop.wait(SAMPLE_EVERY)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 2**20


def _ray_workers() -> list[int]:
    pids = []
    for process in psutil.Process().children(recursive=True):
        try:
            if process.name().startswith("ray::") or "ray::" in " ".join(process.cmdline()[:1]):
                pids.append(process.pid)
        except psutil.Error:
            continue
    return pids


# --- children -------------------------------------------------------------------------------


def _timed_outcomes(outcomes: Any) -> dict[str, Any]:
    start = time.perf_counter()
    stamps = []
    statuses: dict[str, int] = {}
    for outcome in outcomes:
        stamps.append(time.perf_counter())
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    end = time.perf_counter()
    articles = statuses.get("stored", 0) + statuses.get("present", 0)
    # Steady: between the 10th and the 90th percentile outcome, past start-up and before the
    # last batches, where fewer workers than started still have work.
    low, high = len(stamps) // 10, len(stamps) * 9 // 10
    span = stamps[high] - stamps[low] if high > low else 0.0
    return {
        "articles": articles,
        "statuses": statuses,
        "seconds": end - start,
        "steady": (high - low) / span if span > 0 else None,
    }


def child_bare(texts_file: str) -> dict[str, Any]:
    import spacy

    from newsdesk.config import Settings

    texts: dict[str, list[str]] = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    models = Settings.from_env().models
    seconds = 0.0
    with PeakMemory(lambda: [os.getpid()]) as memory:
        for language, batch in texts.items():
            nlp = spacy.load(models[language])
            list(nlp.pipe(batch[:4]))  # warm up
            start = time.perf_counter()
            for _doc in nlp.pipe(batch, batch_size=32):
                pass
            seconds += time.perf_counter() - start
    count = sum(len(batch) for batch in texts.values())
    return {"articles": count, "seconds": seconds, "peak_mb": memory.peak_mb}


def child_ingest(mode: str, folder: str, db: str) -> dict[str, Any]:
    from newsdesk.analyze import Analyzer
    from newsdesk.config import Settings
    from newsdesk.extract.language import detect_language
    from newsdesk.ingest.files import discover
    from newsdesk.records import Article
    from newsdesk.run.local import ingest_inputs
    from newsdesk.run.pool import ingest_pool
    from newsdesk.store.sqlite import SQLiteStore

    settings = Settings.from_env(db=Path(db))
    inputs = list(discover([folder], settings))
    with SQLiteStore(settings.db) as store:
        if mode == "in-process":
            analyzer = Analyzer(settings)
            for language in settings.models:
                warm = Article(id="w", text="Il a dit. He said.", title=None, published=None,
                               language=language)  # fmt: skip
                analyzer.analyze_one(warm)
            detect_language("Warm the language detector up.", settings.languages)
            with PeakMemory(lambda: [os.getpid()]) as memory:
                result = _timed_outcomes(ingest_inputs(inputs, settings, store, analyzer))
        else:
            workers = int(mode.removeprefix("pool-"))
            pids: list[int] = []
            with PeakMemory(lambda: list(pids)) as memory:
                run = ingest_pool(
                    inputs, settings, store, workers, total=len(inputs), on_start=pids.append
                )
                result = _timed_outcomes(run)
    return {**result, "peak_mb": memory.peak_mb}


def child_ray(folder: str, out: str) -> dict[str, Any]:
    from newsdesk.config import Settings
    from newsdesk.run.distributed import run_ray

    settings = Settings.from_env()
    warm_dir = Path(out).with_name("ray-warm")
    warm_src = Path(out).with_name("ray-warm-src")
    warm_src.mkdir()
    for path in sorted(Path(folder).iterdir())[:2]:
        shutil.copy(path, warm_src / path.name)
    # Ray itself starts on the first call: leave that out of the timing.
    run_ray([str(warm_src)], warm_dir, settings, actors=2)
    with PeakMemory(_ray_workers) as memory:
        start = time.perf_counter()
        summary = run_ray([folder], Path(out), settings, actors=2)
        seconds = time.perf_counter() - start
    return {
        "articles": summary.articles,
        "failed": summary.failed,
        "seconds": seconds,
        "steady": None,
        "peak_mb": memory.peak_mb,
    }


def run_child(*args: str) -> dict[str, Any] | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    # The child's answer is its last line that is a JSON object: libraries (Ray) may print too.
    answers = [line for line in proc.stdout.splitlines() if line.startswith('{"')]
    if proc.returncode != 0 or not answers:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        print(f"  {args[0]}: failed (exit {proc.returncode})\n{tail}", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(answers[-1])
    return result


# --- main -----------------------------------------------------------------------------------


def extracted_texts(files: list[Path]) -> tuple[dict[str, list[str]], int, int]:
    """Texts by language as newsdesk extracts them; distinct article count; total chars."""
    from newsdesk.config import Settings
    from newsdesk.extract import extract_one
    from newsdesk.records import Origin, RawDocument

    settings = Settings.from_env()
    texts: dict[str, list[str]] = {}
    ids = set()
    for path in files:
        kind = "html" if path.suffix == ".html" else "text"
        article = extract_one(
            RawDocument(path.read_bytes(), Origin(path=str(path)), kind), settings
        )
        ids.add(article.id)
        texts.setdefault(article.language or "?", []).append(article.text)
    chars = sum(len(t) for batch in texts.values() for t in batch)
    return texts, len(ids), chars


def _rate(result: dict[str, Any] | None) -> float | None:
    return result["articles"] / result["seconds"] if result and result["seconds"] else None


def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    return f"{value:7.{digits}f}{unit}" if value is not None else "      -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1, help="runs of every configuration")
    parser.add_argument("--no-ray", action="store_true", help="leave Ray local mode out")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            result = child_bare(*rest)
        elif kind == "ray":
            result = child_ray(*rest)
        else:
            result = child_ingest(kind, *rest)
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="newsdesk-scale-") as tmp:
        work = Path(tmp)
        folder = work / "inputs"
        folder.mkdir()
        files = build_inputs(folder, args.articles)
        texts, distinct, chars = extracted_texts(files)
        print(
            f"inputs: {len(files)} files, {distinct} distinct articles, "
            f"{chars / len(files):,.0f} chars each on average, "
            + ", ".join(f"{lang}: {len(t)}" for lang, t in sorted(texts.items()))
        )
        unmodelled = set(texts) - {"fr", "en"}
        if unmodelled:
            print(f"  (languages without a pipeline: {sorted(unmodelled)})")
        texts_file = work / "texts.json"
        texts_file.write_text(json.dumps({k: v for k, v in texts.items() if k in {"fr", "en"}}))
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (shared)")

        # Rounds run every configuration in turn, so that each ratio is taken between runs
        # close in time: this machine is shared, and its speed drifts over minutes.
        rounds: list[dict[str, dict[str, Any] | None]] = []
        for _ in range(args.rounds):
            results: dict[str, dict[str, Any] | None] = {}
            results["bare spaCy nlp.pipe"] = run_child("bare", str(texts_file))
            for mode in ("in-process", "pool-1", "pool-2"):
                db = work / f"{mode}-{len(rounds)}.db"
                results[f"newsdesk {mode}"] = run_child(mode, str(folder), str(db))
            rounds.append(results)
        if not args.no_ray:
            try:
                import newsdesk.run.distributed  # noqa: F401
            except ImportError:
                print("ray: not available")
            else:
                rounds[-1]["newsdesk ray (2 actors)"] = run_child(
                    "ray", str(folder), str(work / "ray")
                )
    report(rounds)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def report(rounds: list[dict[str, dict[str, Any] | None]]) -> None:
    """Each figure is the median over the rounds; ratios are taken within a round."""
    names = list(dict.fromkeys(name for results in rounds for name in results))

    def figures(name: str, key: str) -> list[float]:
        found = []
        for results in rounds:
            result = results.get(name)
            value = _rate(result) if key == "total" else (result or {}).get(key)
            if value is not None:
                found.append(float(value))
        return found

    def ratios(name: str, base: str, key: str, base_key: str | None = None) -> list[float]:
        found = []
        base_key = base_key or key
        for results in rounds:
            top, bottom = results.get(name), results.get(base)
            a = _rate(top) if key == "total" else (top or {}).get(key)
            b = _rate(bottom) if base_key == "total" else (bottom or {}).get(base_key)
            if a and b:
                found.append(a / b)
        return found

    bare = "bare spaCy nlp.pipe"
    print(f"{len(rounds)} round(s); medians")
    print(f"{'':28} {'total':>9} {'÷ bare':>7} {'steady':>9} {'÷ bare':>7} {'peak RSS/worker':>16}")
    for name in names:
        total, steady = _median(figures(name, "total")), _median(figures(name, "steady"))
        peak = max(figures(name, "peak_mb"), default=None)
        print(
            f"{name:28} {_fmt(total, '/s')} {_fmt(_median(ratios(name, bare, 'total')), '', 2)}"
            f" {_fmt(steady, '/s')} {_fmt(_median(ratios(name, bare, 'steady', 'total')), '', 2)}"
            f" {_fmt(peak, ' MB'):>16}"
        )
    one, two = "newsdesk pool-1", "newsdesk pool-2"
    for key in ("total", "steady"):
        each = ratios(two, one, key)
        if each:
            print(
                f"pool 2 workers ÷ 1 worker, {key}: median {statistics.median(each):.2f}"
                f" (each round: {', '.join(f'{r:.2f}' for r in each)}; target >= 1.7)"
            )
    print("targets: end-to-end >= 0.85 x bare; peak memory per worker < 1024 MB")
    failed = sorted({name for results in rounds for name, result in results.items() if not result})
    if failed:
        print(f"failed: {', '.join(failed)}")
    if any(re.search(r"pool|process", name) for name in failed):
        sys.exit(1)


if __name__ == "__main__":
    main()
