"""Copy detection at scale: time per article and memory as the corpus grows.

    .venv/bin/python benchmarks/copies_scale.py [--articles 100000] [--block 10000]

Articles are made at run time from the sentences of the PolNeAR texts (``../shared/eval``):
each one 12–20 sentences drawn at random, and one in five a copy of an earlier article (cut,
with other boilerplate). They go one by one through ``relations.record`` — fingerprint, LSH
lookup, share in common, copy signals, story features — into a SQLite file holding the
relation tables alone, one transaction per 500 articles as a batch ingest would. Printed per
block: milliseconds per article in that block, of wall time and of this process's CPU time
(the figure that holds on a machine shared with other work), and the process's peak memory.
Linear cost shows as a flat time per article from block to block (a quadratic pass would grow
with the corpus).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from copies_data import POLNEAR
from newsdesk.records import Analysis, Article, Source, article_id
from newsdesk.store import relations, relations_schema

OUTLETS = [f"outlet-{i}.example" for i in range(50)]
HEAD = ["Share this article", "Advertisement", "Home | News | Politics"]
TAIL = ["All rights reserved.", "Subscribe to our newsletter.", "Comments are closed."]


def sentences() -> list[str]:
    found = []
    for path in sorted((POLNEAR / "train" / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 8]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--block", type=int, default=10_000)
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"no evaluation data at {POLNEAR}: nothing to measure", file=sys.stderr)
        return 1
    pool = sentences()
    rng = random.Random(15)
    made: list[list[int]] = []  # each article as sentence indices, to make copies from
    seen: set[str] = set()  # the same text twice is one article, as in the store
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "relations.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        for statement in relations_schema.TABLES:
            conn.execute(statement)
        print(f"{len(pool):,} sentences; {args.articles:,} articles, one in five a copy")
        print(
            f"{'articles':>10} {'wall ms/article':>16} {'CPU ms/article':>15}"
            f" {'peak RSS MB':>12} {'copy pairs':>11}"
        )
        block_start, block_cpu = time.perf_counter(), time.process_time()
        total_start = block_start
        conn.execute("BEGIN")
        for n in range(args.articles):
            if made and rng.random() < 0.2:
                original = rng.choice(made)
                keep = original[: max(6, int(len(original) * rng.uniform(0.5, 1.0)))]
                chosen = keep
                text = "\n\n".join([rng.choice(HEAD), *(pool[i] for i in keep), rng.choice(TAIL)])
            else:
                chosen = [rng.randrange(len(pool)) for _ in range(rng.randint(12, 20))]
                text = "\n\n".join(pool[i] for i in chosen)
            made.append(chosen)
            if article_id(text) in seen:
                chosen.append(rng.randrange(len(pool)))
                text += "\n\n" + pool[chosen[-1]]
            seen.add(article_id(text))
            day = f"2016-{1 + n * 12 // args.articles:02d}-{1 + n % 28:02d}"
            article = Article(
                id=article_id(text),
                text=text,
                title=pool[chosen[0]][:80],
                published=day,
                language="en",
                source=Source(domain=rng.choice(OUTLETS)),
            )
            relations.record(conn, n, Analysis(article))
            if (n + 1) % 500 == 0:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
            if (n + 1) % args.block == 0:
                now, cpu = time.perf_counter(), time.process_time()
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                pairs = conn.execute("SELECT count(*) FROM copies").fetchone()[0] // 2
                print(
                    f"{n + 1:>10,} {1000 * (now - block_start) / args.block:>16.2f}"
                    f" {1000 * (cpu - block_cpu) / args.block:>15.2f} {rss:>12.0f} {pairs:>11,}",
                    flush=True,
                )
                block_start, block_cpu = now, cpu
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - total_start
        size = (Path(folder) / "relations.db").stat().st_size / 2**20
        conn.close()
    print(
        f"whole run: {1000 * elapsed / args.articles:.2f} ms/article, relation tables {size:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
