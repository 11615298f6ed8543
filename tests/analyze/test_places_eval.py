"""Places on real articles of ../shared/eval, annotated by hand (benchmarks/places_real.py):
precision and recall over place mentions stay above their floors, which only go up."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings

ROOT = Path(__file__).resolve().parents[2]
BENCHMARK = ROOT / "benchmarks" / "places_real.py"
EVAL = ROOT / ".." / "shared" / "eval"

pytestmark = pytest.mark.skipif(
    not EVAL.is_dir(), reason="../shared/eval (the real articles) is not present"
)


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("places_real", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["places_real"] = module
    spec.loader.exec_module(module)
    return module


def test_places_on_real_articles_stay_above_their_floors() -> None:
    bench = _benchmark()
    gold = bench.read_gold()
    analyzer = Analyzer(Settings(), components=("entities", "places"))
    tally = bench.run(sorted(gold), gold, analyzer)
    assert tally.gold >= 70  # every annotated span was read back (the hashes matched)
    assert tally.right / tally.predicted >= 0.95, tally.errors
    assert tally.found / tally.gold >= 0.90, tally.errors


def test_places_on_pages_annotated_after_the_rules_stay_above_their_floors() -> None:
    # Pages annotated once the place rules were written, from outlets none of the rules saw:
    # the errors are not printed (they are never read).
    bench = _benchmark()
    later = bench.read_gold(bench.LATER)
    analyzer = Analyzer(Settings(), components=("entities", "places"))
    tally = bench.run(sorted(later), later, analyzer)
    assert tally.gold >= 120  # every annotated span was read back (the hashes matched)
    assert tally.right / tally.predicted >= 0.95
    assert tally.found / tally.gold >= 0.89


def test_entities_labelled_people_are_people_on_real_articles() -> None:
    bench = _benchmark()
    people = bench.read_gold(bench.PEOPLE)
    analyzer = Analyzer(Settings(), components=("entities", "places"))
    first = bench.people_share(sorted(bench.read_gold()), people, analyzer)
    assert first.counted >= 40
    assert first.people / first.counted >= 0.95, first.errors
    # The later pages' others are not printed: they are never read.
    later = bench.people_share(sorted(bench.read_gold(bench.LATER)), people, analyzer)
    assert later.counted >= 35
    assert later.people / later.counted >= 0.88
