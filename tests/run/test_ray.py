"""Distributed runs on Ray Data (real local Ray) give the records of the sequential path.

Ray takes seconds to start: one session-scoped run over a small input directory feeds most
tests here; only the time-limit test runs the pipeline a second time, in the same Ray.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

import pyarrow.parquet as pq
import pytest

from newsdesk.config import Settings
from newsdesk.errors import UsageError
from newsdesk.ingest.files import discover
from newsdesk.records import Analysis, Failure
from newsdesk.relate import fingerprint
from newsdesk.run.distributed import (
    CRASHED,
    Engine,
    ExtractAnalyze,
    Ledger,
    RunSummary,
    _pipeline,
    init_ray,
    run,
    run_local,
    run_ray,
    write_outcomes,
)
from newsdesk.run.local import analyze_paths, ingest, ingest_inputs
from newsdesk.run.sources import list_sources, read_documents, warc_reader
from newsdesk.serialize import analysis_to_json
from newsdesk.store import SQLiteStore
from newsdesk.store.parquet import load, read, read_errors

Cli = Callable[..., subprocess.CompletedProcess[str]]


HARBOUR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour strike ends after three weeks | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2022-04-07T08:30:00">
</head><body>
<nav><a href="/">Home</a> <a href="/ports">Ports</a></nav>
<article>
<h1>Harbour strike ends after three weeks</h1>
<p>Dock workers in Rotterdam returned to work on Thursday after a three-week strike over
night shifts, the port authority said.</p>
<p>"We have an agreement that protects the people who keep this port running," said Maria
Jansen, a spokeswoman for the dockers' union, outside the main terminal.</p>
<p>The Port of Rotterdam Authority said that about forty container ships had waited at anchor
during the dispute and that traffic would be back to normal by Monday.</p>
<p>Shipping companies in Antwerp and Hamburg had taken some of the diverted cargo, according
to the European Sea Ports Organisation.</p>
</article>
<footer>© 2022 Coastline Courier. All rights reserved.</footer>
</body></html>
"""

BUDGET_FR = """Le conseil municipal de Lyon adopte son budget

Jeudi 07 Avril 2022 18:10

Le conseil municipal de Lyon a adopté jeudi soir un budget de 850 millions d'euros pour 2022,
après plus de cinq heures de débat.

« Ce budget protège les services publics sans augmenter les impôts », a déclaré Grégory Doucet,
le maire de Lyon, devant les élus.

L'opposition a estimé que les dépenses d'investissement restaient trop faibles. Pierre Oliver,
conseiller municipal, a affirmé que la ville repoussait des travaux indispensables.
"""


@dataclass(frozen=True)
class RayRun:
    inputs: Path
    out: Path
    summary: RunSummary


def _write_inputs(root: Path, examples: Path) -> Path:
    inputs = root / "inputs"
    (inputs / "mirror").mkdir(parents=True)
    for example in sorted(examples.iterdir()):
        shutil.copy(example, inputs / example.name)
    (inputs / "harbour-en.html").write_text(HARBOUR_HTML, encoding="utf-8")
    (inputs / "budget-fr.txt.gz").write_bytes(gzip.compress(BUDGET_FR.encode("utf-8")))
    # A gzip header followed by bytes that are not a deflate stream.
    (inputs / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data" * 4)
    (inputs / "README.md").write_text("Pages for the distributed run tests.\n")
    shutil.copy(examples / "000_f57e383da64bcd99.txt", inputs / "mirror" / "seed-copy.txt")
    return inputs


@pytest.fixture(scope="session")
def ray_session() -> Iterator[None]:
    import ray

    started = not ray.is_initialized()
    init_ray(num_cpus=2)
    yield
    if started:
        ray.shutdown()


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    """The examples, two pages we wrote (one gzipped), a copy of the seed in a subdirectory,
    a broken .gz and a README."""
    return _write_inputs(tmp_path_factory.mktemp("inputs"), examples_dir)


@pytest.fixture(scope="session")
def ray_run(ray_session: None, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> RayRun:
    out = tmp_path_factory.mktemp("ray") / "out"
    summary = run_ray([str(inputs)], out, Settings(), actors=2)
    return RayRun(inputs, out, summary)


@pytest.fixture(scope="session")
def sequential(ray_run: RayRun) -> tuple[dict[str, Analysis], list[Failure]]:
    """What ``newsdesk analyze`` finds in the same inputs, in this process."""
    analyses: dict[str, Analysis] = {}
    failures: list[Failure] = []
    for item in analyze_paths([str(ray_run.inputs)], Settings()):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            analyses[item.article.id] = item
    return analyses, failures


def _records(out: Path) -> dict[str, Analysis]:
    records: dict[str, Analysis] = {}
    for analysis in read(out):
        assert analysis.article.id not in records, "an article written twice"
        records[analysis.article.id] = analysis
    return records


def test_ray_run_writes_one_row_per_distinct_article(
    ray_run: RayRun, sequential: tuple[dict[str, Analysis], list[Failure]]
) -> None:
    records = _records(ray_run.out)
    assert set(records) == set(sequential[0])
    assert ray_run.summary.articles == len(records) == 4
    assert (ray_run.summary.failed, ray_run.summary.skipped) == (1, 1)


def test_ray_records_are_those_of_the_sequential_path(
    ray_run: RayRun, sequential: tuple[dict[str, Analysis], list[Failure]]
) -> None:
    records = _records(ray_run.out)
    for article_id, expected in sequential[0].items():
        got = records[article_id]
        assert got.quotes == expected.quotes
        assert got.entities == expected.entities
        assert analysis_to_json(got) == analysis_to_json(expected)


def test_a_copy_is_one_row_with_both_origins_in_listing_order(ray_run: RayRun) -> None:
    seed = next(a for a in _records(ray_run.out).values() if "OTAN" in a.article.text)
    assert [o.path for o in seed.article.origins] == [
        str(ray_run.inputs / "000_f57e383da64bcd99.txt"),
        str(ray_run.inputs / "mirror" / "seed-copy.txt"),
    ]


def test_broken_file_is_an_error_row_with_its_name_and_reason(
    ray_run: RayRun, sequential: tuple[dict[str, Analysis], list[Failure]]
) -> None:
    errors = read_errors(ray_run.out)
    assert [e.input for e in errors] == [str(ray_run.inputs / "broken.html.gz")]
    assert "gzip" in errors[0].reason
    assert errors == sequential[1]


def test_load_gives_the_articles_ingest_stores(ray_run: RayRun, tmp_path: Path) -> None:
    settings = Settings()
    with SQLiteStore(tmp_path / "ingested.db") as ingested:
        statuses = [o.status for o in ingest([str(ray_run.inputs)], settings, ingested)]
        assert statuses.count("stored") == 4
        with SQLiteStore(tmp_path / "loaded.db") as loaded:
            summary = load(ray_run.out, loaded)
            assert (summary.stored, summary.present, summary.failed) == (4, 0, 1)
            ids = [row[0] for row in ingested.select("SELECT id FROM articles")]
            assert len(ids) == 4
            for article_id in ids:
                assert loaded.get(article_id) == ingested.get(article_id)


def test_loading_twice_does_not_duplicate(ray_run: RayRun, tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "twice.db") as store:
        load(ray_run.out, store)
        before = store.stats()
        again = load(ray_run.out, store)
        assert (again.stored, again.present) == (0, 4)
        assert store.stats() == before


def test_local_engine_writes_the_same_output(ray_run: RayRun, tmp_path: Path) -> None:
    summary = run_local([str(ray_run.inputs)], tmp_path / "out", Settings())
    assert (summary.articles, summary.failed, summary.skipped) == (4, 1, 1)
    assert _records(tmp_path / "out") == _records(ray_run.out)
    assert read_errors(tmp_path / "out") == read_errors(ray_run.out)


def test_the_relations_take_the_fingerprints_computed_beside_the_analyses(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings()
    documents = read_documents(list_sources([str(inputs)]), settings)
    stage = ExtractAnalyze(settings)  # what each Ray actor runs, here in this process
    size = settings.batch_size
    outcomes = [stage(documents.slice(i, size)) for i in range(0, documents.num_rows, size)]
    rows = [row for table in outcomes for row in table.to_pylist() if row["status"] == "article"]
    assert len(rows) == 5  # four articles, one of them in two files
    for row in rows:
        found = fingerprint.fingerprint(row["text"])
        assert row["prepared_digest"] == fingerprint.text_digest(row["text"])
        assert (row["prepared_signature"], row["prepared_shingles"]) == (
            found.signature,
            found.shingles,
        )

    def computed_again(text: str) -> fingerprint.Fingerprint:
        raise AssertionError("the driver computed a text's fingerprint again")

    monkeypatch.setattr(fingerprint, "fingerprint", computed_again)
    assert write_outcomes(lambda: outcomes, tmp_path / "out") == (4, 1, 1)
    related = pq.read_table(tmp_path / "out" / "relations" / "relation_articles.parquet")
    assert related.num_rows == 4


def test_time_limit_abandons_a_document_inside_a_ray_actor(
    ray_session: None, examples_dir: Path, tmp_path: Path
) -> None:
    # The limit is a SIGALRM timer: it fires only if the actor runs batches in its main thread.
    source = examples_dir / "000_f57e383da64bcd99.txt"
    summary = run_ray([str(source)], tmp_path / "out", Settings(timeout=0.001), actors=1)
    assert (summary.articles, summary.failed) == (0, 1)
    (error,) = read_errors(tmp_path / "out")
    assert error.input == str(source)
    assert "took longer than 0.001 s" in error.reason


def test_ledger_names_the_document_running_at_each_death() -> None:
    ledger = Ledger()
    assert ledger.attempt(64) == (0, [])  # first attempt: the batch runs whole, and dies
    assert ledger.attempt(64) == (1, [])  # one by one from now on
    ledger.begin(64, 64)
    ledger.begin(64, 65)  # dies here
    assert ledger.attempt(64) == (2, [65])
    ledger.begin(64, 64)
    ledger.begin(64, 66)  # dies here too
    assert ledger.attempt(64) == (3, [65, 66])
    ledger.begin(64, 67)
    ledger.begin(64, None)  # the batch ends: a later death names nothing
    assert ledger.attempt(64) == (4, [65, 66])
    assert ledger.attempt(128) == (0, [])  # batches are counted apart


class DiesOnPoison(ExtractAnalyze):
    """The stage, its process killed by one document as a crash in a C extension would."""

    def rows(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if any(str(doc["input"]).endswith("poison.txt") for doc in docs):
            os._exit(1)
        return super().rows(docs)


def test_a_document_that_kills_its_actor_is_an_error_row_and_the_rest_are_analyzed(
    ray_session: None, tmp_path: Path
) -> None:
    import ray.cloudpickle

    # Ray workers cannot import this test module: send the class itself.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "budget.txt").write_text(BUDGET_FR, encoding="utf-8")
    (folder / "poison.txt").write_text(BUDGET_FR.replace("Lyon", "Nantes"), encoding="utf-8")
    (folder / "strike.html").write_text(HARBOUR_HTML, encoding="utf-8")
    # The three documents in one batch; a time limit far beyond the run, so that a death on a
    # busy machine is never taken for one the limit caused.
    settings = Settings(batch_size=8, timeout=600.0)
    dataset = _pipeline(list_sources([str(folder)]), settings, 1, stage=DiesOnPoison)
    batches = dataset.iter_batches(batch_format="pyarrow", batch_size=None)
    rows = [row for batch in batches for row in batch.to_pylist()]
    by_input = {Path(row["input"] or row["origins"][0]["path"]).name: row for row in rows}
    assert sorted(by_input) == ["budget.txt", "poison.txt", "strike.html"]
    assert by_input["poison.txt"]["status"] == "failed"
    assert by_input["poison.txt"]["reason"] == CRASHED
    assert [by_input[n]["status"] for n in ("budget.txt", "strike.html")] == ["article"] * 2


def test_an_output_directory_is_never_overwritten(ray_run: RayRun) -> None:
    with pytest.raises(UsageError, match="already exists"):
        run_local([str(ray_run.inputs)], ray_run.out, Settings())


def test_missing_source_is_a_failure_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    rows = list_sources([missing]).to_pylist()
    assert [(r["name"], r["status"], r["reason"]) for r in rows] == [
        (missing, "failed", "no such file or directory")
    ]


def test_uri_sources_are_read_through_pyarrow_filesystems(inputs: Path) -> None:
    def documents(source: str) -> list[tuple[str, str, bytes | None]]:
        rows = read_documents(list_sources([source]), Settings()).to_pylist()
        return [(r["input"], r["status"], r["data"]) for r in rows]

    local = documents(str(inputs))
    remote = documents(f"file://{inputs}/")
    assert [(f"file://{name}", status, data) for name, status, data in local] == remote
    not_read = {name: status for name, status, _ in remote if status != "document"}
    base = f"file://{inputs}"
    assert not_read == {f"{base}/README.md": "skipped", f"{base}/broken.html.gz": "failed"}


def test_feed_files_read_through_a_uri_give_the_entries_read_locally(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    feed = FEED.format(base="https://coastline.example")
    (folder / "courier.rss").write_text(feed, encoding="utf-8")
    (folder / "courier-copy.xml.gz").write_bytes(gzip.compress(feed.encode("utf-8")))
    (folder / "notes.xml").write_text("<notes><note>not a feed</note></notes>", encoding="utf-8")

    def documents(source: str) -> list[tuple[str, str | None, str | None, bytes | None]]:
        rows = read_documents(list_sources([source]), Settings()).to_pylist()
        return [(r["status"], r["url"], r["reason"], r["data"]) for r in rows]

    local = documents(str(folder))
    assert local == documents(f"file://{folder}/")
    # Per feed: the ferry entry, whose text is in the feed, and the link-only harbour entry,
    # not fetched without the fetch setting; then the XML file that is not a feed.
    statuses = [(status, url) for status, url, _, _ in local]
    assert statuses == [
        ("document", "https://coastline.example/ferries.html"),
        ("skipped", None),
        ("document", "https://coastline.example/ferries.html"),
        ("skipped", None),
        ("skipped", None),
    ]
    assert "Calais and Dover" in (local[0][3] or b"").decode("utf-8")


def test_s3_uri_goes_to_pyarrow_s3_filesystem() -> None:
    # No network here: listing must fail, naming the URI and what S3 answered.
    uri = "s3://newsdesk-test-bucket-that-does-not-exist/news/"
    found: list[dict[str, object]] = []
    worker = threading.Thread(target=lambda: found.extend(list_sources([uri]).to_pylist()))
    worker.daemon = True
    worker.start()
    worker.join(90)
    if worker.is_alive():
        pytest.skip("S3 resolution did not give up within 90 s on this network")
    (row,) = found
    assert (row["name"], row["status"]) == (uri, "failed")
    reason = str(row["reason"])
    assert reason.startswith("cannot be listed")
    assert "newsdesk-test-bucket-that-does-not-exist" in reason


def _warc(page: bytes, url: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
    )
    content_type = [("Content-Type", "text/html; charset=utf-8")]
    headers = StatusAndHeaders("200 OK", content_type, protocol="HTTP/1.1")
    response = writer.create_warc_record(
        url, "response", payload=io.BytesIO(page), http_headers=headers
    )
    writer.write_record(response)
    return buffer.getvalue()


def test_warc_pages_become_documents_in_the_read_step(tmp_path: Path) -> None:
    if warc_reader() is None:
        pytest.skip("newsdesk.ingest.warc is not installed")
    url = "https://news.example/2022/04/harbour-strike"
    path = tmp_path / "capture.warc.gz"
    path.write_bytes(_warc(HARBOUR_HTML.encode("utf-8"), url))
    rows = read_documents(list_sources([str(path)]), Settings()).to_pylist()
    documents = [r for r in rows if r["status"] == "document"]
    assert [(d["path"], d["url"], d["kind"]) for d in documents] == [(str(path), url, "html")]
    assert documents[0]["data"] == HARBOUR_HTML.encode("utf-8")
    assert documents[0]["declared_charset"] == "utf-8"
    assert documents[0]["fetched"]
    assert [r["status"] for r in rows if r["status"] != "document"] == ["skipped"]

    summary = run_local([str(path)], tmp_path / "out", Settings())
    assert (summary.articles, summary.failed, summary.skipped) == (1, 0, 1)
    (record,) = read(tmp_path / "out")
    assert [(o.path, o.url) for o in record.article.origins] == [(str(path), url)]
    assert record.article.title == "Harbour strike ends after three weeks"


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coastline Courier</title><link>{base}/</link>
<item><title>Ferry fares rise in the spring</title><link>{base}/ferries.html</link>
<pubDate>Fri, 08 Apr 2022 07:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Ferry fares between Calais and Dover will rise by six percent in
the spring, the operators said on Friday.</p><p>"Fuel costs have doubled in a year," said Tom
Hale, a spokesman for the ferry operators, in Dover.</p><p>Passenger groups in Kent said the
rise would hit families who cross several times a year, and asked the operators to keep the
winter fares for children until the end of the school holidays.</p>]]></content:encoded></item>
<item><title>Harbour strike ends</title><link>{base}/harbour.html</link></item>
</channel></rss>
"""


class _News(BaseHTTPRequestHandler):
    """A news site on loopback: the harbour page and the feed that links to it."""

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_port}"  # type: ignore[attr-defined]
        pages = {
            "/harbour.html": ("text/html; charset=utf-8", HARBOUR_HTML),
            "/feed.xml": ("application/rss+xml", FEED.format(base=base)),
        }
        kind, body = pages.get(self.path, ("text/html", "<p>missing</p>"))
        self.send_response(200 if self.path in pages else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def news_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _News)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _without_origins(analysis: Analysis) -> dict[str, Any]:
    record = analysis_to_json(analysis)
    del record["origins"]
    return record


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_feeds_and_urls_give_the_records_ingest_stores(
    engine: str, news_site: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if engine == "ray":
        request.getfixturevalue("ray_session")
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "courier.rss").write_text(FEED.format(base=news_site), encoding="utf-8")
    (folder / "notes.xml").write_text("<notes><note>not a feed</note></notes>", encoding="utf-8")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# pages to read\n{news_site}/harbour.html\nftp://old.example/\n")
    sources = [str(folder), f"{news_site}/feed.xml"]
    settings = Settings(fetch=True, allow_private=True)
    out = tmp_path / "out"
    summary = run(cast(Engine, engine), sources, out, settings, 1, url_files=[str(listing)])
    with SQLiteStore(tmp_path / "ingest.db") as store:
        outcomes = list(
            ingest_inputs(discover(sources, settings, url_files=[str(listing)]), settings, store)
        )
        stored = {o.article_id for o in outcomes if o.status == "stored"}
        expected = {i: store.get(i) for i in stored}
    records = _records(out)
    # The ferry entry (its text in the feed) and the harbour page, reached three ways: the link
    # of the feed file, the link of the fetched feed and the URL list.
    assert len(records) == 2 == summary.articles
    # The same records but for their origins' fetch times (each run fetched the pages).
    assert {i: _without_origins(a) for i, a in records.items()} == {
        i: _without_origins(a) for i, a in expected.items() if a is not None
    }
    harbour = next(a for a in records.values() if "Rotterdam" in a.article.text)
    assert sorted(o.url or "" for o in harbour.article.origins) == [f"{news_site}/harbour.html"] * 3
    assert read_errors(out) == [Failure(f"{listing}:3", "not an http(s) URL: 'ftp://old.example/'")]
    assert summary.skipped == 1  # notes.xml, met in a directory


def test_cli_run_reports_failures_and_load_reports_the_run(
    cli: Cli, ray_run: RayRun, tmp_path: Path
) -> None:
    only_broken = tmp_path / "broken"
    only_broken.mkdir()
    shutil.copy(ray_run.inputs / "broken.html.gz", only_broken)
    shutil.copy(ray_run.inputs / "README.md", only_broken)
    out = tmp_path / "out"
    result = cli("run", "--engine", "local", str(only_broken), "--out", str(out))
    assert result.returncode == 1
    assert result.stdout.startswith("articles 0, failed 1, skipped 1 ")
    assert f"{only_broken / 'broken.html.gz'}: " in result.stderr

    loaded = cli("load", str(ray_run.out))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith("stored 4, already present 0, failed in the run 1 ")
    assert "broken.html.gz: " in loaded.stderr


def test_cli_run_without_sources_says_what_to_give(cli: Cli, tmp_path: Path) -> None:
    result = cli("run", "--engine", "local", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "nothing to run: give files, directories, URIs, URLs or --urls FILE" in result.stderr
    assert not (tmp_path / "out").exists()
