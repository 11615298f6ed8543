"""RSS and Atom feeds written here: entries with their whole text become articles, entries with
only a link are fetched when fetching is allowed and skipped with a reason otherwise."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.ingest.feeds import feed_documents, parse_feed
from newsdesk.ingest.files import Skipped, UrlInput, discover
from newsdesk.records import RawDocument

BRIDGE = (
    "<p>Le pont suspendu de Tancarville sera fermé à la circulation pendant six semaines à "
    "partir du 2 mai, a annoncé lundi la chambre de commerce qui en assure l’exploitation.</p>"
    "<p>« Les câbles porteurs doivent être remplacés avant l’hiver », a expliqué le directeur "
    "des ouvrages d’art, qui promet une déviation balisée par Honfleur et le pont de "
    "Normandie.</p><p>Les transporteurs routiers redoutent des détours de plus de quarante "
    "kilomètres et demandent une réduction du péage pendant la durée des travaux.</p>"
)
HARBOUR = (
    "The harbour authority in Aberdeen said on Tuesday it would spend 40 million pounds on a "
    "new deep-water quay, the largest investment at the port in two decades.\n\n"
    "Cruise ships and offshore supply vessels will be able to berth at the quay from next "
    "spring, the authority's chief executive told reporters at a briefing.\n\n"
    "Local businesses welcomed the plan but warned that road access to the harbour remained "
    "congested during the morning rush."
)

RSS = f"""<?xml version="1.0" encoding="iso-8859-1"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>La Gazette de l'Estuaire</title>
  <link>https://gazette.example/</link>
  <language>fr</language>
  <item>
    <title>Le pont de Tancarville fermé six semaines</title>
    <link>https://gazette.example/2022/04/pont-tancarville</link>
    <pubDate>Mon, 04 Apr 2022 18:30:00 +0200</pubDate>
    <dc:creator>Claire Lemoine</dc:creator>
    <description>Travaux sur le pont suspendu.</description>
    <content:encoded><![CDATA[{BRIDGE}<script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Le marché de Honfleur déménage</title>
    <link>/2022/04/marche-honfleur</link>
    <description>Le marché du samedi s'installe quai Saint-Étienne.</description>
  </item>
  <item>
    <title>Brève sans lien</title>
    <description>Une ligne.</description>
  </item>
</channel>
</rss>
""".encode("iso-8859-1", errors="xmlcharrefreplace")

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Northern Ports Review</title>
  <link href="https://ports.example/"/>
  <id>urn:uuid:1f6b8c2e-0000-4000-8000-000000000001</id>
  <updated>2022-04-05T09:00:00Z</updated>
  <entry>
    <title>Aberdeen to build a deep-water quay</title>
    <link rel="alternate" href="https://ports.example/aberdeen-quay"/>
    <id>urn:uuid:1f6b8c2e-0000-4000-8000-000000000002</id>
    <published>2022-04-05T08:15:00+01:00</published>
    <author><name>Ian Mackay</name></author>
    <content type="text">{HARBOUR}</content>
  </entry>
  <entry>
    <title>Ferry timetable changes</title>
    <link rel="alternate" href="https://ports.example/ferry-timetable"/>
    <id>urn:uuid:1f6b8c2e-0000-4000-8000-000000000003</id>
    <updated>2022-04-04T10:00:00Z</updated>
    <summary>New sailings from May.</summary>
  </entry>
</feed>
""".encode()


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_rss_entry_with_content_becomes_an_article_with_its_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.rss", RSS)
    docs = [i for i in discover([path]) if isinstance(i, RawDocument)]
    assert len(docs) == 1
    assert docs[0].origin.path == path
    assert docs[0].origin.url == "https://gazette.example/2022/04/pont-tancarville"
    assert docs[0].origin.fetched is not None
    article = extract_one(docs[0], Settings())
    assert article.title == "Le pont de Tancarville fermé six semaines"
    assert article.published == "2022-04-04T18:30:00+02:00"
    assert article.language == "fr"
    assert article.url == "https://gazette.example/2022/04/pont-tancarville"
    assert article.source.name == "La Gazette de l'Estuaire"
    assert "Claire Lemoine" in article.authors
    assert "« Les câbles porteurs doivent être remplacés avant l’hiver »" in article.text
    assert "track()" not in article.text


def test_rss_entry_with_only_a_link_is_skipped_without_fetching(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.rss", RSS)
    skipped = [i for i in discover([path]) if isinstance(i, Skipped)]
    assert [(s.input, s.reason, s.status) for s in skipped] == [
        (
            "https://gazette.example/2022/04/marche-honfleur",
            "link only (use --fetch)",
            "skipped",
        ),
        (f"{path}#entry-3", "feed entry with neither text nor link", "skipped"),
    ]


def test_rss_entry_with_only_a_link_is_listed_for_fetching_when_allowed(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.rss", RSS)
    items = list(discover([path], Settings(fetch=True)))
    assert [i for i in items if isinstance(i, UrlInput)] == [
        UrlInput("https://gazette.example/2022/04/marche-honfleur", via=path)
    ]


def test_atom_text_content_becomes_an_article_in_paragraphs(tmp_path: Path) -> None:
    path = _write(tmp_path, "ports.atom", ATOM)
    items = list(discover([path]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 1
    article = extract_one(docs[0], Settings())
    assert article.title == "Aberdeen to build a deep-water quay"
    assert article.published == "2022-04-05T08:15:00+01:00"
    assert article.language == "en"
    assert article.text.startswith("The harbour authority in Aberdeen said on Tuesday")
    assert "\n" in article.text  # the entry's paragraphs stay apart
    assert [(i.input, i.reason) for i in items if isinstance(i, Skipped)] == [
        ("https://ports.example/ferry-timetable", "link only (use --fetch)")
    ]


def test_long_summary_counts_as_the_article_but_a_teaser_does_not() -> None:
    long_summary = "<p>" + "The council met again on Thursday evening. " * 30 + "</p>"
    feed = f"""<rss version="2.0"><channel><title>T</title>
      <item><title>A</title><link>https://t.example/a</link>
        <description><![CDATA[{long_summary}]]></description></item>
      <item><title>B</title><link>https://t.example/b</link>
        <description>The council met again.</description></item>
    </channel></rss>""".encode()
    parsed = parse_feed(feed)
    items = list(
        feed_documents(
            parsed, "t.rss", path="t.rss", base_url=None, fetched=None, fetch_links=False
        )
    )
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], Skipped) and items[1].input == "https://t.example/b"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (
            b'<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
            "s.xml",
        ),
        (b"<html><body><p>Not a feed</p></body></html>", "page.rss"),
    ],
)
def test_xml_that_is_not_a_feed_fails_when_named_and_is_skipped_in_a_folder(
    tmp_path: Path, data: bytes, name: str
) -> None:
    path = _write(tmp_path, name, data)
    (named,) = discover([path])
    assert isinstance(named, Skipped)
    assert (named.status, named.reason) == ("failed", "not an RSS or Atom feed")
    (walked,) = discover([str(tmp_path)])
    assert isinstance(walked, Skipped) and walked.status == "skipped"


def test_gzipped_feed_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.rss.gz", gzip.compress(RSS))
    assert sum(isinstance(i, RawDocument) for i in discover([path])) == 1


def test_cli_ingest_of_a_feed_stores_full_entries_and_counts_link_only(
    tmp_path: Path, db_path: Path, cli: Any
) -> None:
    path = _write(tmp_path, "gazette.rss", RSS)
    result = cli("ingest", path, "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "stored 1, already present 0, skipped 2, failed 0" in result.stdout
    assert (
        "skipped: 1 link only (use --fetch) · 1 feed entry with neither text nor link"
        in result.stdout
    )
