"""The HTTP Content-Language header travels with a page (fetched or archived) to the language
detector, where it weighs as the page's declaration does."""

from __future__ import annotations

import io

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.ingest.fetch import Fetcher, FetchOptions
from newsdesk.ingest.warc import warc_documents
from newsdesk.records import Origin, RawDocument

# Written to sit between Danish and Bokmål; the page itself declares nothing.
PAGE = (
    "<html><head><title>Nye regler for skatten</title></head><body><article>"
    "<p>Regeringen vil i dag fremlægge et forslag om nye regler for skatten, og forslaget "
    "skal behandles i løbet af foråret.</p></article></body></html>"
)


def test_fetched_page_keeps_its_content_language_header() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Language": "nb-NO"}
        return httpx.Response(200, content=PAGE.encode(), headers=headers)

    transport = httpx.MockTransport(answer)
    options = FetchOptions()
    with Fetcher(options, transport=transport, resolver=lambda h, p: ["93.184.215.14"]) as f:
        raw = f.page("https://news.example/skatt")
    assert raw.declared_language == "nb-NO"
    assert extract_one(raw, Settings()).language == "nb"


def test_archived_page_keeps_its_content_language_header() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Language", "nb")]
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    body = PAGE.encode()
    url = "https://news.example/skatt"
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
    )
    writer.write_record(record)
    (raw,) = list(warc_documents(io.BytesIO(buffer.getvalue()), "crawl.warc.gz"))
    assert isinstance(raw, RawDocument) and raw.declared_language == "nb"


def test_without_a_declaration_the_text_decides() -> None:
    raw = RawDocument(PAGE.encode(), Origin(url="https://news.example/skatt"), "html")
    assert extract_one(raw, Settings()).language == "da"
