"""Fuzzing in the suite, bounded: every reader and analyzer of ``benchmarks/fuzz.py`` over
seeded mutations of generated inputs (and of real pages when ``../shared/eval`` is there),
and Hypothesis over any text for the finders. On every case no exception escapes but a
NewsdeskError with its reason, every offset points at its text, no route answers 500.
The longer run is ``benchmarks/fuzz.py --minutes N``."""

from __future__ import annotations

import importlib.util
import resource
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.analyze.dates import find_dates
from newsdesk.analyze.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsdesk_fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FUZZ = _load()
# Cases per target: enough to meet each reader's odd paths, few enough for the suite.
CASES = {"analyzer": 40, "routes": 60, "html": 60, "textdump": 60}
DEFAULT_CASES = 150
# Memory a fuzz run may add to the process (models loaded once included).
MEMORY_MB = 1500
# A case slower than this is a hang: generous, the suite may share a loaded machine; the
# benchmark counts hangs at 10 s.
CASE_SECONDS = 30.0


@pytest.fixture(scope="module")
def pools() -> dict[str, list[bytes]]:
    import random

    found = FUZZ.generated(random.Random(1))
    for kind, extra in FUZZ.real_inputs(limit=10).items():
        found.setdefault(kind, []).extend(extra)
    return found  # type: ignore[no-any-return]


@pytest.mark.slow
@pytest.mark.parametrize("target", FUZZ.TARGETS, ids=lambda t: t.name)
def test_fuzzed_inputs_fail_only_by_name_and_keep_their_offsets(
    target: object, pools: dict[str, list[bytes]]
) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    target.prepare()  # type: ignore[attr-defined]
    tally = FUZZ.Tally()
    wanted = CASES.get(target.name, DEFAULT_CASES)  # type: ignore[attr-defined]
    for data in FUZZ.cases(target, 1, pools):
        FUZZ.run_case(target, data, tally, seconds=CASE_SECONDS)
        if tally.cases >= wanted:
            break
    found = {kind: detail.strip().splitlines()[-1] for kind, (_, detail) in tally.first.items()}
    assert (tally.crashes, tally.hangs, tally.violations) == (0, 0, 0), found
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    assert grown < MEMORY_MB


# Text from the characters articles are made of, and the marks, digits and words the
# finders look for, in any order.
PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        "«",
        "»",
        '"',
        "“",
        "”",
        "'",
        ":",
        ",",
        ".",
        "—",
        "-",
        "0",
        "1",
        "9",
        "2022",
        "12",
        "/",
        "h",
        "mardi",
        "avril",
        "il y a",
        "said",
        "a déclaré",
        "a-t-il",
        "selon",
        "that",
        "que",
        "Stoltenberg",
        "Tuesday",
        "March",
        "ago",
        "next",
        "é",
        "\u00a0",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=120).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS, published=st.sampled_from([None, "2022-04-05T16:43:00", "0001-01-01", "9999-12-31"])
)
def test_dates_offsets_point_at_their_text_for_any_text(text: str, published: str | None) -> None:
    for language in ("fr", "en"):
        for d in find_dates(text, language, published):
            assert text[d.start : d.end] == d.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, language=st.sampled_from(["fr", "en", None]))
def test_quote_offsets_point_at_their_text_for_any_text(text: str, language: str | None) -> None:
    for q in find_quotes(text, language, ()):
        assert text[q.start : q.end] == q.text
        if q.cue is not None and q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
        if q.speaker_mention is not None and q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
