"""The hard limit in Ray actors (real Ray, local): a page that keeps libxml2 busy in C code,
where the per-document timer cannot reach, has its actor's process ended and replaced; the
page queued behind it in the same batch is analyzed, and the stuck one is an error row naming
its input and the limit."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_hard_limits import BULLETIN, FRENCH, _many_attributes

from newsdesk.config import Settings
from newsdesk.run.distributed import ExtractAnalyze, _pipeline, init_ray
from newsdesk.run.recovery import Ledger
from newsdesk.run.sources import list_sources


@pytest.fixture(scope="module")
def ray_local() -> Iterator[None]:
    import ray

    started = not ray.is_initialized()
    init_ray(num_cpus=2)
    yield
    if started:
        ray.shutdown()


class QuickHardLimit(ExtractAnalyze):
    """The stage with a short grace past the time limit, so the test waits seconds."""

    grace = 2.0


@pytest.mark.slow
def test_ray_ends_an_actor_stuck_in_c_code_and_analyzes_the_page_behind_it(
    ray_local: None, tmp_path: Path
) -> None:
    import ray.cloudpickle

    # Ray workers cannot import this test module: send the class itself.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    folder = tmp_path / "inputs"
    folder.mkdir()
    # 100,000 attributes take libxml2 about 12 s here, too close to the hard limit (10 s + 2 s
    # grace); 250,000 take over a minute, so the limit, not the parse, ends the call.
    (folder / "a_attributes.html").write_text(_many_attributes(250_000), "utf-8")
    (folder / "b_bulletin.txt").write_text(BULLETIN, "utf-8")
    # Both in one batch on one actor: the bulletin waits behind the page.
    # Time enough for the bulletin on a busy machine; the page alone takes over a minute.
    settings = Settings(timeout=10.0, batch_size=8, models=FRENCH)
    dataset = _pipeline(list_sources([str(folder)]), settings, 1, stage=QuickHardLimit)
    batches = dataset.iter_batches(batch_format="pyarrow", batch_size=None)
    rows = [row for batch in batches for row in batch.to_pylist()]
    by_input = {Path(row["input"] or row["origins"][0]["path"]).name: row for row in rows}
    assert sorted(by_input) == ["a_attributes.html", "b_bulletin.txt"]
    assert by_input["b_bulletin.txt"]["status"] == "article", by_input["b_bulletin.txt"]["reason"]
    stuck = by_input["a_attributes.html"]
    assert stuck["status"] == "failed"
    assert stuck["input"] == str(folder / "a_attributes.html")
    assert "still running after 12 s" in stuck["reason"], stuck["reason"]
    assert "process was stopped" in stuck["reason"]


def test_the_ledger_tells_a_stop_by_the_hard_limit_from_a_crash() -> None:
    ledger = Ledger()
    assert ledger.attempt(8) == (0, [])
    assert ledger.attempt(8) == (1, [])
    ledger.begin(8, 8, limit=0.0)  # its limit is already past when the process dies
    ledger.begin(8, 9, limit=0.0)
    assert ledger.attempt(8) == (2, [9])
    assert ledger.stopped(8) == [9]
    ledger.begin(8, 10, limit=3600.0)  # dies long before its limit: a crash
    assert ledger.attempt(8) == (3, [9, 10])
    assert ledger.stopped(8) == [9]
