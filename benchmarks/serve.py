"""Latency of ``newsdesk serve`` under concurrent clients, on a store of many articles.

    .venv/bin/python benchmarks/serve.py [--articles 10000] [--clients 20] [--requests 2000]

The store is built from the fixtures: the seed and ``examples/nato-ministers-en.html`` are
extracted and analyzed once, then copied N times, each copy with a sentence of its own appended
at the end of the text (so every quote, entity and date offset stays valid), its own id, title,
outlet and publication date. ``newsdesk serve`` then runs in a child process on 127.0.0.1 and
``--clients`` threads, each with its own HTTP connection, share ``--requests`` requests: search
pages (``/search?q=WORD``), article pages (``/articles/ID``) and their JSON twins.

Prints, per kind of request, p50 / p95 / max latency and requests/s, and whether p95 is under the
100 ms target. Nothing is asserted; the exit status is 0 unless the server could not be run.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.ingest.files import InputFile, discover, read
from newsdesk.records import Analysis, Origin, Source, article_id
from newsdesk.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (ROOT / "tests" / "data" / "seed_fr.txt", ROOT / "examples" / "nato-ministers-en.html")
OUTLETS = (
    Source("Le Quotidien", "lequotidien.example"),
    Source("Daily Wire Service", "dailywire.example"),
    Source("Gazette du Nord", "gazettedunord.example"),
    Source("Evening Courier", "eveningcourier.example"),
    Source("La Voix de l'Est", "lavoixdelest.example"),
)
# Words of the fixtures and of the appended sentences: frequent, rare and absent ones.
WORDS = (
    "atrocités",
    "OTAN",
    "Ukraine",
    "Stoltenberg",
    "armes",
    "ministres",
    "NATO",
    "Russia",
    "weapons",
    "allies",
    "Kiev",
    "javelots",
    "bulletin",
    "correspondant",
    "Marseille",
    "Lisbonne",
    "quarterly",
    "zyxwvut",
)
CITIES = ("Marseille", "Lisbonne", "Bruxelles", "Varsovie", "Tallinn", "Oslo", "Madrid")
SERVE = (sys.executable, "-m", "newsdesk", "serve")
# kind, path, seconds, HTTP status (0: no answer)
Result = tuple[str, str, float, int]
KINDS = ("search", "search.json", "article", "article.json")


def base_analyses(settings: Settings) -> list[Analysis]:
    """The fixtures extracted and analyzed, once."""
    analyzer = Analyzer(settings)
    files = [f for f in discover(map(str, FIXTURES)) if isinstance(f, InputFile)]
    articles = [extract_one(read(f, settings.max_bytes), settings) for f in files]
    return list(analyzer.analyze(articles))


def variant(base: Analysis, i: int, rng: random.Random) -> Analysis:
    """A copy of ``base`` with text of its own at the end, so its offsets stay valid."""
    city = CITIES[i % len(CITIES)]
    extra = (
        f"\n\nBulletin {i} du correspondant à {city} : quarterly note number {i} "
        f"filed by desk {rng.randrange(1000)}."
    )
    text = base.article.text + extra
    published = datetime(2021, 1, 1) + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60))
    article = replace(
        base.article,
        id=article_id(text),
        text=text,
        title=f"{base.article.title or 'Untitled'} — {city} #{i}",
        published=published.isoformat(timespec="seconds"),
        source=OUTLETS[i % len(OUTLETS)],
        url=f"https://{OUTLETS[i % len(OUTLETS)].domain}/news/{i}",
        origins=(Origin(url=f"https://{OUTLETS[i % len(OUTLETS)].domain}/news/{i}"),),
    )
    return replace(base, article=article)


def build(db: Path, n: int, seed: int) -> list[str]:
    """A store of ``n`` variants of the fixtures at ``db``; their ids."""
    settings = Settings(db=db)
    start = time.perf_counter()
    bases = base_analyses(settings)
    analyzed_s = time.perf_counter() - start
    rng = random.Random(seed)
    ids = []
    start = time.perf_counter()
    with SQLiteStore(db) as store:
        for i in range(n):
            record = variant(bases[i % len(bases)], i, rng)
            store.put(record)
            ids.append(record.article.id)
    stored_s = time.perf_counter() - start
    quotes = sum(len(b.quotes) for b in bases)
    print(f"fixtures: {len(bases)} analyzed in {analyzed_s:.1f} s ({quotes} quotations in all)")
    print(f"store: {n} articles built in {stored_s:.1f} s ({n / stored_s:.0f} articles/s), {db}")
    return ids


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: Path, port: int, workers: int = 1) -> tuple[subprocess.Popen[str], str]:
    """``newsdesk serve`` in a child process, once it answers; its log goes next to ``db``
    (a pipe nobody reads would fill up with access lines and stall the server)."""
    log = db.with_suffix(".log")
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                *SERVE,
                *("--db", str(db), "--host", "127.0.0.1", "--port", str(port)),
                *("--workers", str(workers)),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"newsdesk serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    sys.exit(f"newsdesk serve did not answer at {base}:\n{log.read_text()}")


def plan(ids: list[str], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` requests as (kind, path), the four kinds in equal shares, shuffled."""
    requests = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        q = urllib.parse.quote(rng.choice(WORDS))
        if kind == "search":
            path = f"/search?q={q}"
        elif kind == "search.json":
            path = f"/api/search?q={q}"
        elif kind == "article":
            path = f"/articles/{rng.choice(ids)}"
        else:
            path = f"/api/articles/{rng.choice(ids)}"
        requests.append((kind, path))
    rng.shuffle(requests)
    return requests


def load(base: str, requests: list[tuple[str, str]], clients: int) -> tuple[list[Result], float]:
    """Send the requests from ``clients`` threads; (kind, path, seconds, status) each, and the
    wall time."""
    results: list[Result] = []
    lock = threading.Lock()
    queue = iter(requests)

    def client() -> None:
        # A generous timeout: under load a slow page waits behind the others, and its
        # latency is what is measured.
        with httpx.Client(base_url=base, timeout=600) as http:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                kind, path = item
                start = time.perf_counter()
                try:
                    status = http.get(path).status_code
                except httpx.HTTPError:
                    status = 0
                elapsed = time.perf_counter() - start
                with lock:
                    results.append((kind, path, elapsed, status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(results: list[Result], wall: float, clients: int) -> None:
    print(f"{len(results)} requests from {clients} clients in {wall:.1f} s")
    print(f"{'kind':<13}{'n':>6}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}")
    rows = [(kind, [r for r in results if r[0] == kind]) for kind in KINDS]
    rows.append(("all", results))
    for kind, rs in rows:
        if not rs:
            continue
        ms = [r[2] * 1000 for r in rs]
        errors = sum(not 200 <= r[3] < 300 for r in rs)
        # Requests of one kind per second of the whole run, the kinds being interleaved.
        rate = len(rs) / wall
        print(
            f"{kind:<13}{len(rs):>6}{errors:>8}{statistics.median(ms):>9.1f}"
            f"{percentile(ms, 95):>9.1f}{max(ms):>9.1f}{rate:>8.1f}"
        )
    print("slowest requests:")
    for _kind, path, seconds, status in sorted(results, key=lambda r: -r[2])[:5]:
        print(f"  {seconds * 1000:9.1f} ms  {status}  {path}")
    p95 = percentile([r[2] * 1000 for r in results], 95)
    verdict = "yes" if p95 < 100 else "no"
    print(f"p95 of all requests {p95:.1f} ms < 100 ms (target): {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7, help="random seed of the store and load")
    parser.add_argument("--db", type=Path, default=None, help="keep the store at this path")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "serve-bench.db"
        if db.exists():
            sys.exit(f"{db} exists; give a new path")
        ids = build(db, args.articles, args.seed)
        proc, base = start_server(db, free_port(), args.workers)
        try:
            rng = random.Random(args.seed)
            # Warm up: first requests of each kind pay for template compilation and caches.
            load(base, plan(ids, 4 * args.clients, rng), args.clients)
            # One client alone: the time the server takes per request, with no queue.
            alone, _ = load(base, plan(ids, 10 * len(KINDS), rng), 1)
            results, wall = load(base, plan(ids, args.requests, rng), args.clients)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(
        "one client alone, median ms per kind: "
        + ", ".join(
            f"{kind} {statistics.median(r[2] * 1000 for r in alone if r[0] == kind):.1f}"
            for kind in KINDS
        )
    )
    report(results, wall, args.clients)


if __name__ == "__main__":
    main()
