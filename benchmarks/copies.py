"""Copies, stories and statements on real articles and realistic copies of them.

    .venv/bin/python benchmarks/copies.py [--split dev|train] [--no-analyze] [--json]

The corpus (``copies_data.py``): a PolNeAR split (English political news of 2015–16, read from
``../shared/eval`` at run time; many articles about the same campaign events, the hard
negatives, and successive versions of one story) plus copies made from 60 % of its articles.
Everything goes through the real store (``SQLiteStore.put_many`` into a scratch file), which
finds the relations as each article arrives, in a shuffled order. Printed:

- copies: pairwise precision and recall over every pair of articles (gold: same family), and
  how often a found pair is rightly called a version (same outlet) or a copy;
- stories: B-cubed precision, recall and F1 against the families (a limit: two families
  about the same event are counted apart, though they may rightly be one story);
- statements: pairwise precision and recall over the quotations with a speaker, in different
  articles, gold being the original quotation each one was traced to through its paragraph;
- wire credits: found in the real texts, against PolNeAR's record of the agency an article
  came from.

The thresholds were set on ``dev``; ``train`` (840 articles) was never looked at while
building and is the figure to report. Without ``--no-analyze`` every article is analyzed
(entities, quotations) first, which takes most of the run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from copies_data import EVAL, Doc, corpus, metadata, originals
from newsdesk.records import Analysis, Article, Origin, Source, article_id
from newsdesk.relate.signals import wire_credits
from newsdesk.store.sqlite import SQLiteStore


def to_article(doc: Doc) -> Article:
    return Article(
        id=article_id(doc.text),
        text=doc.text,
        title=doc.title,
        published=doc.published,
        language="en",
        url=None,
        source=Source(name=doc.outlet, domain=doc.outlet),
        origins=(Origin(path=doc.id),),
    )


def analyses(docs: list[Doc], analyze: bool, cache: Path | None = None) -> list[Analysis]:
    """The records of ``docs``; with ``cache``, analyses are kept in (and read from) that
    file, so the relations can be measured again without analyzing again."""
    articles = [to_article(d) for d in docs]
    if not analyze:
        return [Analysis(a) for a in articles]
    if cache is not None and cache.is_file():
        stored = {a.article.id: a for a in pickle.loads(cache.read_bytes())}
        if all(a.id in stored for a in articles):
            return [stored[a.id] for a in articles]
    from newsdesk.analyze import Analyzer
    from newsdesk.config import Settings

    found = list(Analyzer(Settings()).analyze(articles))
    if cache is not None:
        cache.write_bytes(pickle.dumps(found))
    return found


def pairwise(gold: dict[str, str], predicted: set[frozenset[str]]) -> tuple[float, float, int]:
    by_label = defaultdict(list)
    for key, label in gold.items():
        by_label[label].append(key)
    true = {frozenset(p) for keys in by_label.values() for p in itertools.combinations(keys, 2)}
    hits = len(true & predicted)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(true) if true else 1.0
    return precision, recall, len(true)


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    g, p = defaultdict(set), defaultdict(set)
    for key in gold:
        g[gold[key]].add(key)
        p[predicted[key]].add(key)
    precision = sum(len(p[predicted[k]] & g[gold[k]]) / len(p[predicted[k]]) for k in gold)
    recall = sum(len(p[predicted[k]] & g[gold[k]]) / len(g[gold[k]]) for k in gold)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def _paragraph_spans(doc: Doc) -> list[tuple[int, int]]:
    spans, at = [], 0
    for paragraph in doc.paragraphs:
        spans.append((at, at + len(paragraph)))
        at += len(paragraph) + 2
    return spans


def _relative(doc: Doc, start: int, end: int) -> tuple[int, float, float] | None:
    for k, (a, b) in enumerate(_paragraph_spans(doc)):
        if a <= start < b:
            width = max(1, b - a)
            return k, (start - a) / width, (min(end, b) - a) / width
    return None


def statement_gold(docs: list[Doc], found: dict[str, Analysis]) -> dict[tuple[str, int], str]:
    """Each quotation with a speaker, labelled by the quotation of the real article its
    paragraph was taken from (found by position in the paragraph, not by its words)."""
    by_id = {d.id: d for d in docs}
    labels = {}
    for doc in docs:
        for i, quote in enumerate(found[doc.id].quotes):
            if not quote.speaker:
                continue
            label = f"{doc.id}:{i}"
            where = _relative(doc, quote.start, quote.end)
            source = doc.sources[where[0]] if where is not None else None
            if source is not None and source[0] != doc.id:
                origin = by_id[source[0]]
                for j, other in enumerate(found[origin.id].quotes):
                    theirs = _relative(origin, other.start, other.end)
                    if theirs is None or theirs[0] != source[1] or not other.speaker:
                        continue
                    assert where is not None
                    overlap = min(where[2], theirs[2]) - max(where[1], theirs[1])
                    if overlap > 0.5 * min(where[2] - where[1], theirs[2] - theirs[1]):
                        label = f"{origin.id}:{j}"
                        break
            labels[(doc.id, i)] = label
    return labels


def wire_signals(split: str) -> tuple[float, float, int]:
    """Wire credits found in the split's real texts against PolNeAR's ``wire`` column (the
    agency the article came from, when it did): precision, recall, articles from a wire."""
    meta = metadata()
    hits = found = gold = 0
    for doc in originals(split):
        is_wire = (meta.get(doc.id, {}).get("wire") or "None") not in ("None", "NA", "")
        credited = bool(wire_credits(doc.text))
        hits += is_wire and credited
        found += credited
        gold += is_wire
    return (hits / found if found else 1.0), (hits / gold if gold else 1.0), gold


def run(split: str, analyze: bool, cache: Path | None = None) -> dict[str, object]:
    docs = corpus(split)
    started = time.monotonic()
    records = analyses(docs, analyze, cache)
    analysis_seconds = time.monotonic() - started
    by_doc = {d.id: a for d, a in zip(docs, records, strict=True)}
    # A made copy may come out identical to its original: one text is one stored article.
    docs_of: dict[str, list[str]] = defaultdict(list)
    for d, a in zip(docs, records, strict=True):
        docs_of[a.article.id].append(d.id)
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "bench.db")
        started = time.monotonic()
        for i in range(0, len(records), 64):
            store.put_many(records[i : i + 64])
        store_seconds = time.monotonic() - started
        pairs = store.select("SELECT article_id, other_id, kind FROM copies")
        stories = dict(store.select("SELECT article_id, story_id FROM relation_articles"))
        statement_rows = store.select(
            "SELECT article_id, position, statement_id FROM statement_quotes"
        )
        store.close()
    predicted = {frozenset((x, y)) for a, b, _ in pairs for x in docs_of[a] for y in docs_of[b]} | {
        frozenset(p) for same in docs_of.values() for p in itertools.combinations(same, 2)
    }
    gold = {d.id: d.family for d in docs}
    precision, recall, true_pairs = pairwise(gold, predicted)
    by_id = {d.id: d for d in docs}
    kinds = [
        (by_id[docs_of[a][0]].outlet == by_id[docs_of[b][0]].outlet) == (k == "version")
        for a, b, k in pairs
    ]
    story_of = {d: s for a, s in stories.items() for d in docs_of[a]}
    story_p, story_r, story_f = bcubed(gold, story_of)
    # Quotations of a text stored once count once (under the first of its documents).
    stored = {same[0] for same in docs_of.values()}
    quote_gold = {k: v for k, v in statement_gold(docs, by_doc).items() if k[0] in stored}
    statement_of = {(docs_of[a][0], p): s for a, p, s in statement_rows}
    linked = defaultdict(list)
    for key in quote_gold:
        if key in statement_of:
            linked[statement_of[key]].append(key)
    quote_pred = {
        frozenset(pair)
        for keys in linked.values()
        for pair in itertools.combinations(keys, 2)
        if pair[0][0] != pair[1][0]
    }
    gold_quotes = {k: v for k, v in quote_gold.items()}
    qp, qr, q_true = _cross_article(gold_quotes, quote_pred)
    wire_p, wire_r, wire_gold = wire_signals(split)
    return {
        "split": split,
        "articles": len(docs),
        "copies made": sum(d.kind != "original" for d in docs),
        "copy pairs (gold)": true_pairs,
        "copies P": round(precision, 3),
        "copies R": round(recall, 3),
        "version/copy right": round(sum(kinds) / max(1, len(kinds)), 3),
        "stories B3 P": round(story_p, 3),
        "stories B3 R": round(story_r, 3),
        "stories B3 F1": round(story_f, 3),
        "statement pairs (gold)": q_true,
        "statements P": round(qp, 3),
        "statements R": round(qr, 3),
        "wire credits P": round(wire_p, 3),
        "wire credits R": round(wire_r, 3),
        "wire articles (gold)": wire_gold,
        "analysis s": round(analysis_seconds, 1),
        "store ms/article (relations included)": round(1000 * store_seconds / len(docs), 2),
    }


def _cross_article(
    gold: dict[tuple[str, int], str], predicted: set[frozenset[tuple[str, int]]]
) -> tuple[float, float, int]:
    by_label = defaultdict(list)
    for key, label in gold.items():
        by_label[label].append(key)
    true = {
        frozenset(p)
        for keys in by_label.values()
        for p in itertools.combinations(keys, 2)
        if p[0][0] != p[1][0]
    }
    hits = len(true & predicted)
    return (
        (hits / len(predicted) if predicted else 1.0),
        (hits / len(true) if true else 1.0),
        len(true),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument(
        "--no-analyze", action="store_true", help="Copies only (no entities, quotations)."
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cache", type=Path, help="Keep the analyses in this file.")
    args = parser.parse_args(argv)
    if not (EVAL / "polnear").is_dir():
        print(f"no evaluation data at {EVAL}: nothing to measure", file=sys.stderr)
        return 1
    result = run(args.split, not args.no_analyze, args.cache)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
