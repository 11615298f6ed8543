"""What entities, places and dates add to the time of ``analyze``.

    .venv/bin/python benchmarks/analysis.py [--repeat 3] [--json]

The articles are the French (fr-gold) and English (PolNeAR dev) texts of the quotations
benchmark, read from ``../shared/eval`` at run time. One analyzer with every component runs over
them; each component's calls are timed (CPU time) inside the run, so the parse and the other
components are measured in the same run, on the same documents, under the same load. Printed:
the seconds of each component, the rest of ``analyze`` (spaCy's parse, batching, quotes), and
the ratio (entities + places + dates) ÷ the rest, whose target is at most 0.10. The gazetteer
is loaded once per process, before the runs, and its load time is printed apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc

from newsdesk.analyze import Analyzer
from newsdesk.analyze.gazetteer import load as load_gazetteer
from newsdesk.analyze.pipelines import Component
from newsdesk.config import Settings
from newsdesk.records import Analysis, Article
from quotes import EVAL, english_documents, french_documents

MEASURED = ("entities", "places", "dates")
TARGET = 0.10


@dataclass
class Timed:
    """A component whose calls add up their CPU time."""

    inner: Component
    seconds: float = 0.0
    name: str = field(init=False)
    requires: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.inner.name
        self.requires = self.inner.requires

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        start = time.process_time()
        try:
            return self.inner(doc, analysis)
        finally:
            self.seconds += time.process_time() - start


def articles(root: Path = EVAL) -> list[Article]:
    """The benchmark's articles, dated (so relative dates are resolved, as in real use)."""
    found = [d.article for d in french_documents(root)] + [
        d.article for d in english_documents(root)
    ]
    return [a if a.published else replace(a, published="2022-04-05T12:00:00") for a in found]


def measure(texts: Sequence[Article], repeat: int) -> dict[str, float]:
    """Best of ``repeat`` runs: CPU seconds of the whole analysis and of each component."""
    analyzer = Analyzer(Settings())
    timed = [Timed(c) for c in analyzer._components]
    analyzer._components = tuple(timed)
    for _ in analyzer.analyze(texts):  # models loaded, caches warm
        pass
    best: dict[str, float] = {}
    for _ in range(repeat):
        for t in timed:
            t.seconds = 0.0
        start = time.process_time()
        for _ in analyzer.analyze(texts):
            pass
        total = time.process_time() - start
        if not best or total < best["total"]:
            best = {"total": total} | {t.name: t.seconds for t in timed}
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (EVAL / "fr-gold").is_dir() or not (EVAL / "polnear").is_dir():
        print(f"evaluation data not found at {EVAL}", file=sys.stderr)
        return 2
    start = time.process_time()
    load_gazetteer()
    gazetteer_s = time.process_time() - start
    texts = articles()
    best = measure(texts, args.repeat)
    added = sum(best.get(name, 0.0) for name in MEASURED)
    rest = best["total"] - added
    ratio = added / rest if rest else 0.0
    figures = best | {
        "texts": len(texts),
        "characters": sum(len(a.text) for a in texts),
        "rest": rest,
        "ratio": ratio,
        "gazetteer_load": gazetteer_s,
    }
    if args.json:
        print(json.dumps(figures, sort_keys=True))
        return 0
    print(
        f"{len(texts)} articles, {figures['characters']:,} characters, "
        f"best of {args.repeat} runs (CPU seconds)"
    )
    for name in ("total", *[n for n in best if n != "total"]):
        print(f"  {name:<10} {best[name]:8.3f}")
    print(f"  rest of analyze (parse, batching, quotes) {rest:.3f}")
    print(f"gazetteer loaded once per process in {gazetteer_s:.2f} s")
    verdict = "yes" if ratio <= TARGET else "no"
    print(
        f"entities + places + dates ÷ rest of analyze = {ratio:.3f} "
        f"(target <= {TARGET:.2f}: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
