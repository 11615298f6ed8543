"""Quotations on xx-pages against hand annotations: German, Spanish, and English pages of
outlets (Australian, Canadian, Mexican) that no other quotation set holds.

    .venv/bin/python benchmarks/xx_quotes.py [--verbose]

``xx_quotes.json`` (next to this script) holds, per page, the quotations annotated by hand in
the page's expected body (``body`` of its fundus record: summary, headlines and paragraphs, one
per line): their offsets, a hash of each span (never the text), kind and canonical speaker. The
body is read from ../shared at run time and analysed as an article of the page's language; a
page whose spans no longer hash the same is skipped with a message. Each page is in the ``dev``
part (its misses were read while building; ``--verbose`` lists them) or the ``score`` part
(only scored: the English pages, annotated once the quotation rules were written). A record
marked ``optional`` (a speech act whose object holds no quoted words, a text quoting a law) is
scored as DESIGN.md says: missing it is no error, finding it no false positive. Prints lenient
(30 %) and strict (80 %) precision, recall, F1 and speaker accuracy per language and part, with
the metric of ``newsdesk.evaluation``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from languages import EVAL, pages
from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.evaluation import (
    LENIENT,
    STRICT,
    GoldQuote,
    PredictedQuote,
    QuoteScores,
    compare_quotes,
)
from newsdesk.records import Article, article_id

GOLD = Path(__file__).with_name("xx_quotes.json")


Totals = dict[tuple[str, str, float], QuoteScores]


def score(analyzer: Analyzer, *, verbose: bool = False) -> Totals:
    """Lenient and strict scores per (language, part, threshold) of every annotated page;
    ``verbose`` prints the dev part's misses, false quotations and wrong speakers."""
    annotations = json.loads(GOLD.read_text("utf-8"))
    totals: Totals = {}
    for page in pages():
        gold_page = annotations.get(page.path.name)
        if gold_page is None:
            continue
        body = page.body
        rows = gold_page["quotes"]
        if any(
            hashlib.sha256(body[q["start"] : q["end"]].encode()).hexdigest()[:16] != q["sha256"]
            for q in rows
        ):
            print(f"  {page.path.name}: the page's body changed, skipped", file=sys.stderr)
            continue
        article = Article(article_id(body), body, None, None, gold_page["lang"])
        quotes = analyzer.analyze_one(article).quotes
        predicted = [PredictedQuote.of(q) for q in quotes]
        gold = [
            GoldQuote(
                ((q["start"], q["end"]),),
                q["speaker"],
                kind=q["kind"],
                optional=q.get("optional", False),
            )
            for q in rows
        ]
        for threshold in (LENIENT, STRICT):
            found = compare_quotes(predicted, gold, threshold)
            key = (gold_page["lang"], gold_page["part"], threshold)
            totals[key] = totals.get(key, QuoteScores()) + found.scores
            if verbose and gold_page["part"] == "dev" and threshold == LENIENT:
                for g in found.missed:
                    print(f"    missed {page.path.name} [{rows[g]['kind']}] {rows[g]['start']}")
                for p in found.spurious:
                    print(f"    spurious {page.path.name}: {quotes[p].text[:70]!r}")
                for pair in found.pairs:
                    if not pair.same_speaker:
                        said, truth = quotes[pair.predicted].speaker, rows[pair.gold]["speaker"]
                        print(f"    speaker {page.path.name}: {said} != {truth}")
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="misses of the dev part")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"evaluation data not found at {EVAL}", file=sys.stderr)
        return 1
    analyzer = Analyzer(Settings(), components=("entities", "quotes"))
    totals = score(analyzer, verbose=args.verbose)
    print("xx-pages quotations (hand annotations; P / R / F1, speaker accuracy of matched)")
    for (lang, part, threshold), s in sorted(totals.items()):
        name = "lenient" if threshold == LENIENT else "strict"
        print(
            f"  {lang} {part:<5} {name:<7} gold {s.gold:>2} predicted {s.predicted:>2}  "
            f"P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}  speaker {s.speaker_accuracy:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
