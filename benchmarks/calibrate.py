"""Write the confidence table (src/newsdesk/analyze/data/confidence.toml) from the articles the
quotation rules are worked on: French fr-gold and the worked half of fr-gold-more, English
PolNeAR dev. The check articles (the other half of fr-gold-more, PolNeAR train) are never read
here: ``benchmarks/quotes.py`` reports on them whether the calibration holds.

    .venv/bin/python benchmarks/calibrate.py [--dry-run]

Each predicted quotation is right when it is paired with a gold one (French: the DESIGN.md
lenient pairing; English: at least half of its characters inside a gold attribution's content,
since PolNeAR annotates contents its records cut in pieces), its speaker right when the pair's
canonical speaker agrees (French) or its mention overlaps the gold source (English).

The rate of a reader (with the quotation's kind) or of a speaker path is the share right,
smoothed toward the language's overall rate by a number of pseudo-observations, then drawn
toward that overall rate by a shrink factor. Both are chosen by leave-one-outlet-out: the
articles of each outlet (its domain, else its name) are given the rates the other outlets'
articles would have written, and the smoothing and shrink that score those predictions best
(Brier score) are kept, so that a path right on the outlets the rules were worked on is not
trusted beyond what other outlets confirm (leaving one article out cannot see that: an
outlet's other articles share its style). The overall rate itself is the mean of the outlets'
own rates (each outlet counts once), since an outlet worked on at length would otherwise
weigh for many unseen ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import quotes as bench
from newsdesk.analyze import quotes as finder
from newsdesk.analyze.confidence import TABLE, Evidence
from newsdesk.evaluation import LENIENT, GoldQuote, PredictedQuote, compare_quotes
from newsdesk.records import Quote

# The candidate smoothings (pseudo-observations) and shrink factors leave-one-article-out picks.
PRIOR_WEIGHTS = (2.0, 5.0, 10.0, 20.0, 40.0, 80.0)
SHRINKS = tuple(i / 20 for i in range(21))
# An article (name) with its (evidence, quote right, speaker right) rows.
Row = tuple[Evidence, bool, bool | None]


class Spy:
    """Keeps the evidence of every quotation ``read_quotes`` returns, by article text."""

    def __init__(self) -> None:
        self.found: dict[str, list[tuple[Quote, Evidence]]] = {}
        self._read = finder.read_quotes

    def __call__(self, text: str, *args: object, **kwargs: object) -> list[tuple[Quote, Evidence]]:
        result = self._read(text, *args, **kwargs)  # type: ignore[arg-type]
        self.found[text] = result
        return result


def outlet(name: str, language: str) -> str:
    """The outlet of an evaluation article: the domain of its address (``lemonde.fr``), else
    the outlet its source names, else the article itself; PolNeAR names start with it."""
    if language != "fr":
        return name.split("_")[0]
    for folder in ("fr-gold", "fr-gold-more"):
        path = bench.EVAL / folder / f"{name}.json"
        if path.is_file():
            data = json.loads(path.read_text("utf-8"))
            source = data.get("source") or {}
            address = data.get("url") or source.get("url") or ""
            domain = urlsplit(address).hostname or ""
            return domain.removeprefix("www.") or source.get("outlet") or name
    return name


def _french(found: Sequence[tuple[Quote, Evidence]], gold: Sequence[GoldQuote]) -> list[Row]:
    predicted = [PredictedQuote.of(q) for q, _ in found]
    comparison = compare_quotes(predicted, gold, LENIENT)
    pairs = {pair.predicted: pair for pair in comparison.pairs}
    rows: list[Row] = []
    for p, (_, evidence) in enumerate(found):
        if p in pairs:
            rows.append((evidence, True, pairs[p].same_speaker))
        elif p in comparison.spurious:
            rows.append((evidence, False, None))
    return rows


def _english(found: Sequence[tuple[Quote, Evidence]], gold: Sequence[GoldQuote]) -> list[Row]:
    rows: list[Row] = []
    for quote, evidence in found:
        best = max(gold, key=lambda g: _inside(quote, g), default=None)
        if best is None or _inside(quote, best) < 0.5:
            rows.append((evidence, False, None))
            continue
        span = (quote.speaker_start, quote.speaker_end)
        if span[0] is None or span[1] is None:
            right = not best.source_spans
        else:
            right = any(min(span[1], e) > max(span[0], s) for s, e in best.source_spans)
        rows.append((evidence, True, right))
    return rows


def _inside(quote: Quote, gold: GoldQuote) -> float:
    """Share of the quotation's own characters inside the gold content."""
    size = quote.end - quote.start
    if size <= 0:
        return 0.0
    shared = sum(max(0, min(quote.end, e) - max(quote.start, s)) for s, e in gold.spans)
    return shared / size


@dataclass(frozen=True)
class Fit:
    """How one kind of rate (quotations or speakers) is estimated: smoothing and shrink."""

    weight: float
    shrink: float


def _rate(hits: float, count: float, overall: float, fit: Fit) -> float:
    smoothed = (hits + fit.weight * overall) / (count + fit.weight)
    return overall + fit.shrink * (smoothed - overall)


def _overall(articles: Sequence[Sequence[tuple[str, bool]]]) -> float:
    """The mean of the groups' own rates (groups with no outcome left out)."""
    rates = [sum(r for _, r in a) / len(a) for a in articles if a]
    return sum(rates) / len(rates) if rates else 0.5


def _counts(articles: Sequence[Sequence[tuple[str, bool]]]) -> dict[str, tuple[int, int]]:
    """(right, seen) of each key over ``articles``."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for article in articles:
        for key, right in article:
            counts[key][0] += right
            counts[key][1] += 1
    return {key: (hits, seen) for key, (hits, seen) in counts.items()}


def _brier(articles: Sequence[Sequence[tuple[str, bool]]], fit: Fit) -> float:
    """The Brier score of each group's outcomes (an outlet's articles) under the rates of the
    other groups."""
    everyone = _counts(articles)
    rated = [sum(r for _, r in a) / len(a) for a in articles if a]
    total, count = 0.0, 0
    for article in articles:
        if not article or len(rated) < 2:
            continue
        own = _counts([article])
        overall = (sum(rated) - sum(r for _, r in article) / len(article)) / (len(rated) - 1)
        for key, right in article:
            hits = everyone[key][0] - own[key][0]
            seen = everyone[key][1] - own[key][1]
            total += (_rate(hits, seen, overall, fit) - right) ** 2
            count += 1
    return total / count if count else 0.0


def fit(articles: Sequence[Sequence[tuple[str, bool]]]) -> Fit:
    """The smoothing and shrink whose leave-one-group-out predictions score best."""
    candidates = [Fit(w, s) for w in PRIOR_WEIGHTS for s in SHRINKS]
    return min(candidates, key=lambda f: (_brier(articles, f), -f.shrink, f.weight))


def _rates(articles: Sequence[Sequence[tuple[str, bool]]]) -> tuple[float, dict[str, float], Fit]:
    """The overall rate, the rate of each key and the fit they were written with."""
    chosen = fit(articles)
    overall = _overall(articles)
    rates = {
        key: round(_rate(hits, seen, overall, chosen), 3)
        for key, (hits, seen) in sorted(_counts(articles).items())
    }
    return overall, rates, chosen


def table(articles: Sequence[Sequence[Row]]) -> dict[str, object]:
    """One language's table from the (evidence, quote right, speaker right) rows of each
    group of articles (an outlet's)."""
    quotes = [
        [
            (key, right)
            for evidence, right, _ in rows
            for key in (evidence.quote_key, evidence.reader)
        ]
        for rows in articles
    ]
    speakers = [
        [(evidence.speaker_path, speaker) for evidence, _, speaker in rows if speaker is not None]
        for rows in articles
    ]
    quote_default, quote_rates, quote_fit = _rates(quotes)
    speaker_default, speaker_rates, speaker_fit = _rates(speakers)
    return {
        "quote_default": round(quote_default, 3),
        "speaker_default": round(speaker_default, 3),
        "quotes": quote_rates,
        "speakers": speaker_rates,
        "counts": {
            "quotes": sum(len(rows) for rows in articles),
            "speakers": sum(len(s) for s in speakers),
            "articles": len(articles),
        },
        "fits": {"quotes": quote_fit, "speakers": speaker_fit},
    }


def _toml(tables: dict[str, dict[str, object]]) -> str:
    lines = [
        "# The share of quotations (by reader and kind) and of speakers (by resolution path)",
        "# that were right on the articles the rules are worked on. Written by",
        "# benchmarks/calibrate.py; do not edit by hand.",
    ]
    for language, data in tables.items():
        counts = data["counts"]
        assert isinstance(counts, dict)
        lines += [
            "",
            f"[{language}]",
            f"# from {counts['quotes']} quotations and {counts['speakers']} speakers of "
            f"{counts['articles']} outlets",
            f"quote_default = {data['quote_default']}",
            f"speaker_default = {data['speaker_default']}",
        ]
        fits = data["fits"]
        assert isinstance(fits, dict)
        for name in ("quotes", "speakers"):
            chosen = fits[name]
            lines.append(
                f"# {name}: smoothed by {chosen.weight:g} pseudo-observations, shrunk by "
                f"{chosen.shrink:g} toward the overall rate (leave-one-outlet-out)"
            )
            rates = data[name]
            assert isinstance(rates, dict)
            lines.append(f"[{language}.{name}]")
            lines += [f'"{key}" = {value}' for key, value in rates.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the table, write nothing")
    args = parser.parse_args()
    if not (bench.EVAL / "fr-gold").is_dir() or not (bench.EVAL / "polnear").is_dir():
        print(f"evaluation data not found at {bench.EVAL}", file=sys.stderr)
        return 2
    spy = Spy()
    finder.read_quotes = spy  # type: ignore[assignment]
    analyzer = bench.quotes_analyzer()
    rows: dict[str, list[list[Row]]] = {"fr": [], "en": []}
    french = [d for d in bench.french_documents() if d.subset == "worked"]
    english = bench.english_documents(split="dev")
    for language, documents, score in (("fr", french, _french), ("en", english, _english)):
        outlets: dict[str, list[Row]] = defaultdict(list)
        for document, _ in zip(
            documents, analyzer.analyze(d.article for d in documents), strict=True
        ):
            found = spy.found.get(document.article.text, [])
            outlets[outlet(document.name, language)] += score(found, document.quotes)
        rows[language] = list(outlets.values())
    text = _toml({language: table(r) for language, r in rows.items()})
    if args.dry_run:
        print(text)
    else:
        Path(TABLE).write_text(text, encoding="utf-8")
        print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
