"""WARC archives written here with warcio: pages in several charsets, and everything else a
crawl archive holds beside them (requests, metadata, 404s, images, revisits, a cut record)."""

from __future__ import annotations

import gzip
import io
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.ingest.files import Skipped, discover
from newsdesk.ingest.warc import warc_documents
from newsdesk.records import RawDocument


def _page(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head>{head}<title>{title}</title></head><body><nav>Home - World</nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>All rights reserved</footer>"
        "</body></html>"
    )


UTF8_PAGE = _page(
    "Le conseil municipal vote le budget des écoles",
    [
        "Le conseil municipal de Lyon a voté mardi soir un budget de douze millions d'euros "
        "pour rénover les écoles élémentaires de la ville, après trois heures de débat.",
        "« Nous avons choisi de donner la priorité aux bâtiments les plus anciens », a déclaré "
        "l'adjointe chargée de l'éducation, qui promet des travaux dès l'été prochain.",
        "L'opposition a dénoncé un calendrier trop serré et réclamé un audit des chantiers "
        "déjà engagés dans les quartiers du nord.",
    ],
)
CP1252_PAGE = _page(
    "Grève des contrôleurs aériens à Marseille",
    [
        "Les contrôleurs aériens de l’aéroport de Marseille ont cessé le travail jeudi à "
        "l’appel de deux syndicats, entraînant l’annulation de quarante vols.",
        "Le préavis court jusqu’à dimanche ; la direction évalue la perte à 300 000 € par "
        "journée de grève et appelle à reprendre les négociations.",
        "Les voyageurs ont été invités à vérifier l’état de leur vol avant de se rendre à "
        "l’aérogare, où de longues files d’attente se sont formées dès l’aube.",
    ],
)
LATIN1_PAGE = _page(
    "La récolte de maïs en baisse dans le Sud-Ouest",
    [
        "La sécheresse de l'été a réduit d'un quart la récolte de maïs dans le Sud-Ouest, "
        "selon les chiffres publiés vendredi par la chambre d'agriculture régionale.",
        "Les exploitants irrigués s'en sortent mieux, mais le coût de l'eau a doublé en deux "
        "ans et pèse sur les trésoreries déjà fragilisées par la hausse des engrais.",
        "Plusieurs coopératives envisagent de diversifier les cultures dès la saison prochaine "
        "avec du sorgho, plus résistant à la chaleur.",
    ],
    head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
)
KOI8R_PAGE = _page(
    "Городской совет утвердил бюджет",
    [
        "Городской совет Новосибирска во вторник утвердил бюджет на следующий год, "
        "увеличив расходы на школы и общественный транспорт.",
        "По словам председателя комиссии, новые автобусы выйдут на линии уже весной, "
        "а ремонт трёх школ начнётся летом.",
        "Депутаты оппозиции голосовали против, указав на рост долга города и "
        "задержки прошлых строительных проектов.",
    ],
)
SJIS_PAGE = _page(
    "市議会が来年度予算を可決",
    [
        "大阪市議会は火曜日、来年度の予算案を賛成多数で可決した。学校の改修と公共交通の"
        "拡充に重点を置いた内容となっている。",
        "市長は記者会見で、新しいバス路線を春から運行すると述べ、三つの小学校の改修工事を"
        "夏に始める方針を明らかにした。",
        "野党側は市の借金が増えていることを指摘し、反対票を投じた。",
    ],
    head='<meta charset="Shift_JIS">',
)


@dataclass
class Archive:
    """A WARC written record by record, remembering where each record starts."""

    gzipped: bool = True
    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.writer = WARCWriter(self.buffer, gzip=self.gzipped)

    def _write(self, record: Any) -> None:
        self.offsets.append(self.buffer.tell())
        self.writer.write_record(record)

    def response(
        self, url: str, body: bytes, content_type: str | None, status: str = "200 OK"
    ) -> None:
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        self._write(
            self.writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
        )

    def request(self, url: str) -> None:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        self._write(self.writer.create_warc_record(url, "request", http_headers=http))

    def metadata(self, url: str) -> None:
        data = b"fetchTimeMs: 412\r\n"
        self._write(
            self.writer.create_warc_record(
                url,
                "metadata",
                payload=io.BytesIO(data),
                length=len(data),
                warc_content_type="application/warc-fields",
            )
        )

    def warcinfo(self) -> None:
        self._write(self.writer.create_warcinfo_record("news.warc.gz", {"software": "test"}))

    def page(self, url: str, body: bytes, content_type: str | None) -> None:
        """A capture as Common Crawl writes it: request, response, metadata."""
        self.request(url)
        self.response(url, body, content_type)
        self.metadata(url)

    @property
    def data(self) -> bytes:
        return self.buffer.getvalue()


def _crawl() -> Archive:
    archive = Archive()
    archive.warcinfo()
    archive.page("https://news.example/lyon-budget", UTF8_PAGE.encode(), "text/html; charset=UTF-8")
    archive.page(
        "https://news.example/greve",
        CP1252_PAGE.encode("cp1252"),
        "text/html; charset=windows-1252",
    )
    archive.page("https://news.example/mais", LATIN1_PAGE.encode("iso-8859-1"), "text/html")
    archive.page(
        "https://news.example/novosibirsk",
        KOI8R_PAGE.encode("koi8-r"),
        'text/html; charset="koi8-r"',
    )
    archive.page("https://news.example/osaka", SJIS_PAGE.encode("shift_jis"), "text/html")
    archive.page("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    archive.page("https://news.example/rapport.pdf", b"%PDF-1.4\n%...", "application/pdf")
    archive.request("https://news.example/missing")
    archive.response(
        "https://news.example/missing",
        b"<html><body><p>Page introuvable</p></body></html>",
        "text/html",
        status="404 Not Found",
    )
    return archive


def _items(data: bytes, name: str = "crawl.warc.gz") -> list[RawDocument | Skipped]:
    return list(warc_documents(io.BytesIO(data), name))


def test_warc_html_responses_become_documents_with_url_date_and_header_charset() -> None:
    docs = [i for i in _items(_crawl().data) if isinstance(i, RawDocument)]
    assert [d.origin.url for d in docs] == [
        "https://news.example/lyon-budget",
        "https://news.example/greve",
        "https://news.example/mais",
        "https://news.example/novosibirsk",
        "https://news.example/osaka",
    ]
    assert [d.declared_charset for d in docs] == ["UTF-8", "windows-1252", None, "koi8-r", None]
    assert all(d.kind == "html" and d.origin.path == "crawl.warc.gz" for d in docs)
    assert all(d.origin.fetched and d.origin.fetched.endswith("Z") for d in docs)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/lyon-budget", "douze millions d'euros pour rénover les écoles"),
        ("https://news.example/greve", "l’aéroport de Marseille ont cessé le travail"),
        ("https://news.example/greve", "300 000 € par journée de grève"),
        ("https://news.example/mais", "La sécheresse de l'été a réduit d'un quart"),
        ("https://news.example/novosibirsk", "Городской совет Новосибирска во вторник"),
        ("https://news.example/osaka", "大阪市議会は火曜日、来年度の予算案を賛成多数で可決した"),
    ],
)
def test_warc_pages_extract_with_their_characters_decoded(url: str, expected: str) -> None:
    docs = {i.origin.url: i for i in _items(_crawl().data) if isinstance(i, RawDocument)}
    article = extract_one(docs[url], Settings())
    assert expected in article.text
    assert "\ufffd" not in article.text
    assert article.url == url


def test_warc_other_records_are_skipped_and_counted_by_reason() -> None:
    skipped = [i for i in _items(_crawl().data) if isinstance(i, Skipped)]
    assert all(s.status == "skipped" for s in skipped)
    assert Counter(s.reason for s in skipped) == {
        "WARC warcinfo record": 1,
        "WARC request record": 8,
        "WARC metadata record": 7,
        "not HTML (image/png)": 1,
        "not HTML (application/pdf)": 1,
        "HTTP status 404": 1,
    }


def test_warc_skipped_records_are_named_by_file_and_offset() -> None:
    archive = _crawl()
    items = _items(archive.data)
    assert len(items) == len(archive.offsets)
    for item, offset in zip(items, archive.offsets, strict=True):
        if isinstance(item, Skipped):
            assert item.input == f"crawl.warc.gz#{offset}"


def test_warc_revisit_records_are_skipped() -> None:
    archive = Archive()
    archive.response("https://news.example/a", UTF8_PAGE.encode(), "text/html")
    archive._write(
        archive.writer.create_revisit_record(
            "https://news.example/a",
            digest="sha1:AAAA",
            refers_to_uri="https://news.example/a",
            refers_to_date="2022-04-05T16:43:00Z",
        )
    )
    items = _items(archive.data)
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], Skipped) and items[1].reason == "WARC revisit record"


def test_warc_uncompressed_archive_reads_the_same() -> None:
    archive = Archive(gzipped=False)
    archive.page("https://news.example/lyon-budget", UTF8_PAGE.encode(), "text/html")
    items = _items(archive.data, "plain.warc")
    assert [type(i).__name__ for i in items] == ["Skipped", "RawDocument", "Skipped"]


def test_warc_truncated_last_record_fails_after_the_good_records() -> None:
    archive = _crawl()
    archive.response("https://news.example/last", UTF8_PAGE.encode() * 20, "text/html")
    cut = archive.data[: archive.offsets[-1] + 300]
    items = _items(cut)
    assert sum(isinstance(i, RawDocument) for i in items) == 5
    last = items[-1]
    assert isinstance(last, Skipped) and last.status == "failed"
    assert last.input == f"crawl.warc.gz#{archive.offsets[-1]}"
    assert f"offset {archive.offsets[-1]}" in last.reason
    assert [i for i in items if isinstance(i, Skipped) and i.status == "failed"] == [last]


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_cut_anywhere_never_crashes_and_keeps_what_came_before(gzipped: bool) -> None:
    archive = Archive(gzipped=gzipped)
    for n in range(3):
        archive.response(f"https://news.example/{n}", UTF8_PAGE.encode(), "text/html")
    data = archive.data
    for cut in range(0, len(data), 7):
        items = _items(data[:cut])
        complete = sum(1 for end in [*archive.offsets[1:], len(data)] if end <= cut)
        started = sum(1 for start in archive.offsets if start < cut)
        docs = [i for i in items if isinstance(i, RawDocument)]
        assert len(docs) >= complete
        assert all(d.data == UTF8_PAGE.encode() for d in docs)
        failed = [i for i in items if isinstance(i, Skipped) and i.status == "failed"]
        assert len(failed) <= 1
        # A record cut short is either whole (only its gzip trailer or blank lines lost) or
        # reported.
        if len(docs) < started:
            assert failed, f"no failure reported for a cut at {cut}"


def test_warc_corrupt_gzip_member_fails_naming_its_offset() -> None:
    archive = Archive()
    for n in range(3):
        archive.response(f"https://news.example/{n}", UTF8_PAGE.encode(), "text/html")
    data = bytearray(archive.data)
    middle = (archive.offsets[1] + archive.offsets[2]) // 2
    data[middle : middle + 16] = bytes(16)
    items = _items(bytes(data))
    assert isinstance(items[0], RawDocument)
    failed = items[-1]
    assert isinstance(failed, Skipped) and failed.status == "failed"
    assert failed.input == f"crawl.warc.gz#{archive.offsets[1]}"
    assert f"offset {archive.offsets[1]}" in failed.reason


def test_warc_page_over_the_size_limit_fails_alone() -> None:
    archive = Archive()
    archive.response("https://news.example/big", UTF8_PAGE.encode() * 50, "text/html")
    archive.response("https://news.example/small", UTF8_PAGE.encode(), "text/html")
    items = list(warc_documents(io.BytesIO(archive.data), "x.warc.gz", max_bytes=10_000))
    assert isinstance(items[0], Skipped) and items[0].status == "failed"
    assert "limit of 10,000 bytes" in items[0].reason
    assert isinstance(items[1], RawDocument)


def test_warc_that_is_not_an_archive_fails() -> None:
    items = _items(b"<html><body>not an archive</body></html>", "page.warc")
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].status == "failed" and "offset 0" in items[0].reason


def test_arc_files_are_read_as_warcio_converts_them(tmp_path: Path) -> None:
    body = (
        b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n"
        + LATIN1_PAGE.encode("iso-8859-1")
    )
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    header = b"filedesc://t.arc 0.0.0.0 20220405164300 text/plain %d\n" % len(version)
    record = b"http://news.example/mais 192.0.2.1 20220405164300 text/html %d\n" % len(body)
    path = tmp_path / "old.arc.gz"
    # One gzip member per record, as archives are written to be read from any offset.
    path.write_bytes(gzip.compress(header + version + b"\n") + gzip.compress(record + body + b"\n"))
    docs = [i for i in discover([str(path)]) if isinstance(i, RawDocument)]
    assert [(d.origin.url, d.origin.fetched) for d in docs] == [
        ("http://news.example/mais", "2022-04-05T16:43:00Z")
    ]
    assert "sécheresse" in extract_one(docs[0], Settings()).text


def test_discover_streams_archives_met_in_directories(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(_crawl().data)
    (tmp_path / "notes.md").write_text("x")
    items = list(discover([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 5
    assert {d.origin.path for d in docs} == {str(tmp_path / "crawl.warc.gz")}


def test_cli_ingest_of_a_warc_stores_pages_and_counts_skipped_by_reason(
    tmp_path: Path, db_path: Path, cli: Any
) -> None:
    archive = _crawl()
    archive.response("https://news.example/last", UTF8_PAGE.encode() * 20, "text/html")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(archive.data[: archive.offsets[-1] + 300])
    result = cli("ingest", str(path), "--db", str(db_path))
    assert result.returncode == 1, result.stderr
    assert "stored 5, already present 0, skipped 19, failed 1" in result.stdout
    assert (
        "skipped: 8 WARC request record · 7 WARC metadata record · 1 WARC warcinfo record · "
        "1 not HTML (image/png) · 1 not HTML (application/pdf) · 1 HTTP status 404"
    ) in result.stdout
    assert f"{path}#{archive.offsets[-1]}: truncated" in result.stderr
    assert "WARC request record" not in result.stderr
    with sqlite3.connect(db_path) as conn:
        urls = sorted(row[0] for row in conn.execute("SELECT url FROM origins"))
        texts = [row[0] for row in conn.execute("SELECT text FROM articles")]
    assert urls == sorted(
        f"https://news.example/{p}"
        for p in ("lyon-budget", "greve", "mais", "novosibirsk", "osaka")
    )
    assert any("300 000 € par journée de grève" in t for t in texts)
