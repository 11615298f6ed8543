"""Pages beyond French: language, title, day, main text and quotations on ../shared/eval/xx-pages.

    .venv/bin/python benchmarks/languages.py [--verbose] [--timing]

Each page goes through ``extract_one`` (decoding, main text, metadata, language) and the
analyzer, as ``newsdesk ingest`` runs them. The pages are split by a hash of their file name
into a development half and a check half, scored apart; ``--verbose`` lists the misses of the
development half only (the check half's errors are never read). Scores: language right, exact
whitespace-normalized title, exact publication day, ScrapingHub main-text F1 (4-word shingles),
and the share of pages whose expected body carries quotation marks that get at least one
quotation. ``--timing`` adds the language detector's CPU time per page by script and its
resident memory, against the French and English pages of the same run.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import resource
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.evaluation import f1_of_averages, shingle_scores
from newsdesk.extract import extract_one
from newsdesk.extract.language import detect_language, dominant_script
from newsdesk.records import Article, Origin, RawDocument

EVAL = Path(__file__).resolve().parent.parent / ".." / "shared" / "eval" / "xx-pages"
# Marks that open a quotation in some language's convention.
_QUOTE_MARKS = re.compile(r"[«»„“”「」『』‹›\"]")


@dataclass(frozen=True)
class Page:
    path: Path
    lang: str
    url: str | None
    title: str | None
    day: str | None
    body: str

    @property
    def check(self) -> bool:
        """The check half: fixed by the file name, never read while building."""
        return hashlib.sha256(self.path.name.encode()).digest()[0] % 2 == 1


def _body(record: dict) -> str:  # type: ignore[type-arg]
    body = record.get("body") or {}
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n".join(parts)


def pages() -> list[Page]:
    listed = json.loads((EVAL / "pages.json").read_text("utf-8"))
    found = []
    for item in listed:
        folder = EVAL / "fundus" / item["country"]
        record = json.loads((folder / f"{item['publisher']}.json").read_text("utf-8"))
        gold = record[item["version"]]
        meta = json.loads((folder / "meta.info").read_text("utf-8")).get(item["file"], {})
        date = gold.get("publishing_date")
        found.append(
            Page(
                folder / item["file"],
                item["lang"],
                meta.get("url"),
                gold.get("title"),
                date[:10] if date else None,
                _body(gold),
            )
        )
    return found


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _raw(page: Page) -> RawDocument:
    data = gzip.decompress(page.path.read_bytes())
    return RawDocument(data, Origin(path=str(page.path), url=page.url), "html")


def score(name: str, chosen: list[Page], analyzer: Analyzer, verbose: bool) -> None:
    settings = Settings()
    right = titles = days = day_total = quoted = quoted_total = 0
    shingles = []
    for page in chosen:
        try:
            article: Article | None = extract_one(_raw(page), settings)
        except NewsdeskError as exc:
            article = None
            if verbose:
                print(f"    {page.path.name}: {exc}")
        language = article.language if article else None
        right += language == page.lang
        titles += _norm(article.title if article else None) == _norm(page.title)
        if page.day:
            day_total += 1
            days += bool(article and article.published and article.published[:10] == page.day)
        shingles.append(shingle_scores(article.text if article else "", page.body))
        if _QUOTE_MARKS.search(page.body):
            quoted_total += 1
            quotes = analyzer.analyze_one(article).quotes if article else ()
            quoted += bool(quotes)
            if verbose and not quotes:
                print(f"    no quotation: {page.path.name} ({page.lang})")
        if verbose and language != page.lang:
            print(f"    language {page.path.name}: {language} != {page.lang}")
        if verbose and article and _norm(article.title) != _norm(page.title):
            print(f"    title {page.path.name}: {article.title!r} != {page.title!r}")
    n = max(len(chosen), 1)
    f1 = f1_of_averages(shingles)[2]
    print(
        f"  {name:<12} {len(chosen):>2} pages  language {right / n:.3f}  title {titles / n:.3f}"
        f"  day {days / max(day_total, 1):.3f}  main-text F1 {f1:.3f}"
        f"  ≥1 quotation {quoted}/{quoted_total} = {quoted / max(quoted_total, 1):.3f}"
    )


# The detector as it was before scripts and declarations counted: lingua, low accuracy mode,
# among thirteen configured languages: the baseline of the same run.
_LANGUAGES = Settings().languages
_FORMER = ("fr", "en", "de", "es", "it", "pt", "nl", "ar", "ru", "zh", "uk", "pl", "tr")


def _now(text: str, hint: str | None) -> str | None:
    return detect_language(text, _LANGUAGES, hint)


def _former(text: str, hint: str | None) -> str | None:
    language = _former_detector().detect_language_of(text[:3000])
    return language.iso_code_639_1.name.lower() if language else None


@cache
def _former_detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in _FORMER]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def timing(chosen: list[Page], repeat: int) -> None:
    """CPU time of language identification per page, by script, best of ``repeat``, beside the
    former detector's on the same texts; and the former detector's accuracy."""
    settings = Settings()
    texts: dict[str, list[tuple[str, str]]] = {}
    for page in chosen:
        try:
            article = extract_one(_raw(page), settings)
        except NewsdeskError:
            continue
        script = dominant_script(article.text) or "none"
        key = {"fr": "French", "en": "English"}.get(page.lang, script)
        texts.setdefault(key, []).append((article.text, page.lang))
    right = sum(_former(text, hint) == hint for items in texts.values() for text, hint in items)
    total = sum(len(items) for items in texts.values())
    print(f"    former detector (13 languages, no script, no declaration): {right / total:.3f}")
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        for key, items in texts.items():
            for name, detect in (("now", _now), ("former", _former)):
                start = time.process_time()
                for text, hint in items:
                    detect(text, hint)
                spent = (time.process_time() - start) / len(items)
                best[key, name] = min(best.get((key, name), spent), spent)
    for key in sorted(texts):
        now, former = best[key, "now"], best[key, "former"]
        print(
            f"    {key:<10} {now * 1000:7.2f} ms/page, former {former * 1000:7.2f}"
            f"  ({now / former:.2f}× the former)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"    peak resident memory of this process: {rss:.0f} MB")


def analysis_cost(chosen: list[Page], repeat: int) -> None:
    """CPU time per page of extract and of analyze: German and Japanese pages (no spaCy
    pipeline) against the French fundus pages, best of ``repeat``."""
    settings = Settings()
    analyzer = Analyzer(settings)
    french = EVAL.parent / "fr-pages" / "fundus"
    raws = {
        "French": [
            RawDocument(gzip.decompress(p.read_bytes()), Origin(path=str(p)), "html")
            for p in sorted(french.glob("*.html.gz"))
        ],
        "German": [_raw(p) for p in chosen if p.lang == "de"],
        "Japanese": [_raw(p) for p in chosen if p.lang == "ja"],
    }
    articles = {name: [extract_one(r, settings) for r in items] for name, items in raws.items()}
    for items in articles.values():  # load the pipelines and the gazetteer before timing
        for article in items:
            analyzer.analyze_one(article)
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        for name, items in raws.items():
            start = time.process_time()
            for raw in items:
                extract_one(raw, settings)
            spent = (time.process_time() - start) / len(items)
            best[name, "extract"] = min(best.get((name, "extract"), spent), spent)
            start = time.process_time()
            for article in articles[name]:
                analyzer.analyze_one(article)
            spent = (time.process_time() - start) / len(items)
            best[name, "analyze"] = min(best.get((name, "analyze"), spent), spent)
    for name, items in articles.items():
        chars = sum(len(a.text) for a in items) // len(items)
        extract, analyze = best[name, "extract"], best[name, "analyze"]
        print(
            f"    {name:<9} {len(items)} pages of {chars:>5} characters on average: extract "
            f"{extract * 1000:6.1f} ms, analyze {analyze * 1000:6.1f} ms per page "
            f"({analyze / best['French', 'analyze']:.2f}× French analysis)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="misses of the development half")
    parser.add_argument("--timing", action="store_true", help="language detector cost by script")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"evaluation data not found at {EVAL}", file=sys.stderr)
        return 1
    everything = pages()
    analyzer = Analyzer(Settings(), components=("entities", "quotes"))
    print("xx-pages (language, exact title, exact day, main-text F1, pages with a quotation)")
    score("development", [p for p in everything if not p.check], analyzer, args.verbose)
    score("check", [p for p in everything if p.check], analyzer, verbose=False)
    score("all", everything, analyzer, verbose=False)
    if args.timing:
        print("  language identification, CPU per page (best of 3)")
        timing(everything, 3)
        print("  extract and analyze, CPU per page (best of 3)")
        analysis_cost(everything, 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
