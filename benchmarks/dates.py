"""Quality and cost of the dates component on the test tables.

    .venv/bin/python benchmarks/dates.py [--verbose] [--repeat N]

Reads ``tests/data/dates/dates_<lang>.tsv`` (columns: publication date, sentence, expected
expressions written ``text|value|type`` and separated by `` ; ``; an empty value means none) and
prints, per language, span precision/recall/F1 with exact span match and with overlap match
(greedy, one-to-one, in text order), and the share of overlap-matched spans whose value (and
type) equals the expected one. ``--verbose`` lists every miss, false alarm and wrong value.

Cost: CPU microseconds of ``find_dates`` per 1000 characters on the seed article repeated 20 times
(one text of about 60 000 characters), best of --repeat runs, and how many dateparser calls that
took (the rules normalize everything they find there, so it should be none).
``score_table`` returns the same figures for the quality tests.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdesk.analyze import datevalues
from newsdesk.analyze.dates import find_dates

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "tests" / "data" / "dates"
SEED = ROOT / "examples" / "000_f57e383da64bcd99.txt"


@dataclass(frozen=True)
class Gold:
    text: str
    value: str | None
    type: str


@dataclass(frozen=True)
class Row:
    published: str | None
    sentence: str
    expected: tuple[Gold, ...]


@dataclass(frozen=True)
class Scores:
    gold: int
    predicted: int
    exact: int
    overlap: int
    values: int  # overlap-matched pairs with the expected value and type
    notes: tuple[str, ...] = ()

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, matched: int) -> tuple[float, float, float]:
        p = matched / self.predicted if self.predicted else 1.0
        r = matched / self.gold if self.gold else 1.0
        return p, r, self.f1(p, r)

    @property
    def value_accuracy(self) -> float:
        return self.values / self.overlap if self.overlap else 0.0


def read_table(path: Path) -> list[Row]:
    """The rows of one test table."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            expected = []
            for item in filter(None, (s.strip() for s in record["expected"].split(" ; "))):
                text, value, kind = item.split("|")
                expected.append(Gold(text, value or None, kind))
            rows.append(Row(record["published"] or None, record["sentence"], tuple(expected)))
    return rows


def _locate(sentence: str, golds: Iterable[Gold]) -> list[tuple[int, int, Gold]]:
    spans, cursor = [], 0
    for gold in golds:
        start = sentence.find(gold.text, cursor)
        if start == -1:
            raise ValueError(f"expected {gold.text!r} is not in {sentence!r}")
        spans.append((start, start + len(gold.text), gold))
        cursor = start + len(gold.text)
    return spans


def score_table(path: Path, language: str) -> Scores:
    """Span and value scores of ``find_dates`` on one table."""
    gold_n = pred_n = exact = overlap = values = 0
    notes: list[str] = []
    for row in read_table(path):
        golds = _locate(row.sentence, row.expected)
        found = find_dates(row.sentence, language, row.published)
        gold_n, pred_n = gold_n + len(golds), pred_n + len(found)
        exact += len({(s, e) for s, e, _ in golds} & {(d.start, d.end) for d in found})
        free = list(found)
        for start, end, gold in golds:
            match = next((d for d in free if d.start < end and start < d.end), None)
            if match is None:
                notes.append(f"miss  {gold.text!r} in {row.sentence!r}")
                continue
            free.remove(match)
            overlap += 1
            if (match.value, match.type) == (gold.value, gold.type):
                values += 1
            else:
                notes.append(
                    f"value {match.text!r}: {match.value} {match.type}, "
                    f"expected {gold.value} {gold.type}"
                )
        notes.extend(f"extra {d.text!r} ({d.value}) in {row.sentence!r}" for d in free)
    return Scores(gold_n, pred_n, exact, overlap, values, tuple(notes))


def cost(repeat: int) -> tuple[float, int]:
    """Best µs per 1000 characters of ``find_dates`` on the seed repeated, and dateparser calls."""
    text = "\n\n".join([SEED.read_text(encoding="utf-8")] * 20)
    find_dates(text, "fr", "2022-04-05T16:43:00")  # loads the rules
    datevalues.dateparser_for.cache_clear()
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        find_dates(text, "fr", "2022-04-05T16:43:00")
        best = min(best, time.process_time() - started)
    return best * 1e6 / (len(text) / 1000), datevalues.dateparser_for.cache_info().misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for language in ("fr", "en"):
        scores = score_table(TABLES / f"dates_{language}.tsv", language)
        print(f"{language}: {scores.gold} expected, {scores.predicted} found")
        for name, matched in (("exact", scores.exact), ("overlap", scores.overlap)):
            p, r, f = scores.prf(matched)
            print(f"  {name:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        print(f"  value accuracy on overlap-matched spans {scores.value_accuracy:.3f}")
        if args.verbose:
            for note in scores.notes:
                print("   ", note)
    micros, calls = cost(args.repeat)
    print(f"cost: {micros:.0f} µs per 1000 characters (seed x20), dateparser parsers built {calls}")


if __name__ == "__main__":
    main()
