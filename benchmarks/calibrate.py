"""Write the confidence table (src/newsdesk/analyze/data/confidence.toml) from the articles the
quotation rules are worked on: French fr-gold and the worked half of fr-gold-more, English
PolNeAR dev. The check articles (the other half of fr-gold-more, PolNeAR train) are never read
here: ``benchmarks/quotes.py`` reports on them whether the calibration holds.

    .venv/bin/python benchmarks/calibrate.py [--dry-run]

Each predicted quotation is right when it is paired with a gold one (French: the DESIGN.md
lenient pairing; English: at least half of its characters inside a gold attribution's content,
since PolNeAR annotates contents its records cut in pieces), its speaker right when the pair's
canonical speaker agrees (French) or its mention overlaps the gold source (English). The rate
of a reader (with the quotation's kind) or of a speaker path is smoothed toward the language's
overall rate with ``PRIOR_WEIGHT`` pseudo-observations.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import quotes as bench
from newsdesk.analyze import quotes as finder
from newsdesk.analyze.confidence import TABLE, Evidence
from newsdesk.evaluation import LENIENT, GoldQuote, PredictedQuote, compare_quotes
from newsdesk.records import Quote

PRIOR_WEIGHT = 5.0

Outcomes = dict[str, list[bool]]


class Spy:
    """Keeps the evidence of every quotation ``read_quotes`` returns, by article text."""

    def __init__(self) -> None:
        self.found: dict[str, list[tuple[Quote, Evidence]]] = {}
        self._read = finder.read_quotes

    def __call__(self, text: str, *args: object, **kwargs: object) -> list[tuple[Quote, Evidence]]:
        result = self._read(text, *args, **kwargs)  # type: ignore[arg-type]
        self.found[text] = result
        return result


def _french(
    found: Sequence[tuple[Quote, Evidence]], gold: Sequence[GoldQuote]
) -> list[tuple[Evidence, bool, bool | None]]:
    predicted = [PredictedQuote.of(q) for q, _ in found]
    comparison = compare_quotes(predicted, gold, LENIENT)
    pairs = {pair.predicted: pair for pair in comparison.pairs}
    rows: list[tuple[Evidence, bool, bool | None]] = []
    for p, (_, evidence) in enumerate(found):
        if p in pairs:
            rows.append((evidence, True, pairs[p].same_speaker))
        elif p in comparison.spurious:
            rows.append((evidence, False, None))
    return rows


def _english(
    found: Sequence[tuple[Quote, Evidence]], gold: Sequence[GoldQuote]
) -> list[tuple[Evidence, bool, bool | None]]:
    rows: list[tuple[Evidence, bool, bool | None]] = []
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


def _rates(outcomes: Outcomes, overall: float) -> dict[str, float]:
    return {
        key: round((sum(values) + PRIOR_WEIGHT * overall) / (len(values) + PRIOR_WEIGHT), 3)
        for key, values in sorted(outcomes.items())
    }


def table(rows: Sequence[tuple[Evidence, bool, bool | None]]) -> dict[str, object]:
    """One language's table from its (evidence, quote right, speaker right) rows."""
    quotes: Outcomes = defaultdict(list)
    speakers: Outcomes = defaultdict(list)
    for evidence, right, speaker in rows:
        quotes[evidence.quote_key].append(right)
        quotes[evidence.reader].append(right)
        if speaker is not None:
            speakers[evidence.speaker_path].append(speaker)
    all_quotes = [r for _, r, _ in rows]
    all_speakers = [s for _, _, s in rows if s is not None]
    quote_default = sum(all_quotes) / len(all_quotes) if all_quotes else 0.5
    speaker_default = sum(all_speakers) / len(all_speakers) if all_speakers else 0.5
    return {
        "quote_default": round(quote_default, 3),
        "speaker_default": round(speaker_default, 3),
        "quotes": _rates(quotes, quote_default),
        "speakers": _rates(speakers, speaker_default),
        "counts": {"quotes": len(all_quotes), "speakers": len(all_speakers)},
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
            f"# from {counts['quotes']} quotations and {counts['speakers']} speakers",
            f"quote_default = {data['quote_default']}",
            f"speaker_default = {data['speaker_default']}",
        ]
        for name in ("quotes", "speakers"):
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
    rows: dict[str, list[tuple[Evidence, bool, bool | None]]] = {"fr": [], "en": []}
    french = [d for d in bench.french_documents() if d.subset == "worked"]
    english = bench.english_documents(split="dev")
    for language, documents, score in (("fr", french, _french), ("en", english, _english)):
        for document, _ in zip(
            documents, analyzer.analyze(d.article for d in documents), strict=True
        ):
            found = spy.found.get(document.article.text, [])
            rows[language] += score(found, document.quotes)
    text = _toml({language: table(r) for language, r in rows.items()})
    if args.dry_run:
        print(text)
    else:
        Path(TABLE).write_text(text, encoding="utf-8")
        print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
