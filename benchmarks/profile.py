"""Where ingest spends its time on real pages, stage by stage, in one process and in the pool.

    nice -n 10 .venv/bin/python benchmarks/profile.py [--limit N] [--workers 1,2] [--sweep]
        [--components] [--gemm]

Inputs: every real page and text of ../shared/eval (``realpages``), shuffled; ``--limit``
takes the first N. One process (``newsdesk.run.profile.profile_stages``, what ``newsdesk
bench`` prints): per stage, CPU ms per page, share, the pages/s that stage alone would allow
on one core, and wall ms. Then ``ingest_pool`` with each number of ``--workers``: whole-run
pages/s (worker start included), the workers' and the parent's CPU per page, workers' start
and peak memory. CPU seconds are what a stage costs whatever else runs on the machine; wall
seconds move with its load, printed with them, and so does the estimate for two idle cores:
2 ÷ (workers' + parent's CPU per page).

``--sweep`` times ``nlp.pipe`` (the parse newsdesk does) per document at several batch sizes
on the same texts, per language, to choose ``batch_size``. ``--components`` times, on the same
texts again, newsdesk's parse, each pipe it runs alone (the tokenizer, then each component's
``pipe`` over the documents the one before made) and the language's whole default pipeline as
the bare baseline loads it: where the parse's time goes, against bare spaCy's, text for text.
``--gemm`` times newsdesk's parse with its matrix products done by numpy's BLAS (as it runs)
and by blis (thinc's default), alternated on the same texts, and says whether every head, label
and entity came out the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "profile":
    # This file shares its name with the standard library's profile module, and every script
    # in this folder has the folder first on its import path: imported as ``profile`` (spaCy
    # imports cProfile, which imports it), it stands in for the standard module, whole.
    import importlib.util as _util
    import os as _os

    _std = _util.spec_from_file_location("profile", Path(_os.__file__).parent / "profile.py")
    assert _std is not None and _std.loader is not None
    _module = _util.module_from_spec(_std)
    _std.loader.exec_module(_module)
    globals().update({k: v for k, v in vars(_module).items() if not k.startswith("__")})
    __all__ = _module.__all__

import argparse
import os
import tempfile
import time

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realpages

SWEEP = (1, 4, 8, 16, 32, 64)


def sweep(texts: dict[str, list[str]], analyzer: object) -> None:
    from newsdesk.analyze import Analyzer
    from newsdesk.analyze.pipelines import parse

    assert isinstance(analyzer, Analyzer)
    print("nlp.pipe CPU ms per document by batch_size (the parse newsdesk runs)")
    for language, batch in sorted(texts.items()):
        nlp = analyzer.pipelines.get(language)
        if nlp is None or len(batch) < 8:
            continue
        batch = batch[:160]
        cells = []
        for size in SWEEP:
            start = time.process_time()
            for _doc in parse(nlp, batch, size):
                pass
            cells.append(f"{size}: {1000 * (time.process_time() - start) / len(batch):.1f}")
        print(f"  {language} ({len(batch)} texts)  " + "  ".join(cells))


def components(texts: dict[str, list[str]], analyzer: object) -> None:
    import spacy

    from newsdesk.analyze import Analyzer
    from newsdesk.analyze.pipelines import parse

    assert isinstance(analyzer, Analyzer)
    print("spaCy CPU ms per document, newsdesk's parse and each of its pipes, then bare spaCy")
    for language, batch in sorted(texts.items()):
        nlp = analyzer.pipelines.get(language)
        if nlp is None:
            continue
        tokens = 0
        start = time.process_time()
        for doc in parse(nlp, batch, analyzer.settings.batch_size):
            tokens += len(doc)
        cells = [f"parse {1000 * (time.process_time() - start) / len(batch):.1f}"]
        start = time.process_time()
        docs = [nlp.make_doc(text) for text in batch]
        cells.append(f"tokenizer {1000 * (time.process_time() - start) / len(batch):.1f}")
        for name, pipe in nlp.pipeline:
            start = time.process_time()
            docs = list(pipe.pipe(docs, batch_size=analyzer.settings.batch_size))
            cells.append(f"{name} {1000 * (time.process_time() - start) / len(batch):.1f}")
        bare = spacy.load(analyzer.settings.models[language])
        bare("Warm up.")
        start = time.process_time()
        for _doc in bare.pipe(batch, batch_size=32):
            pass
        ms = 1000 * (time.process_time() - start) / len(batch)
        cells.append(f"bare {'+'.join(bare.pipe_names)} {ms:.1f}")
        size = sum(map(len, batch)) / len(batch)
        print(f"  {language} ({len(batch)} texts, {tokens / len(batch):.0f} tokens, "
              f"{size:.0f} characters each)  " + "  ".join(cells))  # fmt: skip


def gemm(texts: dict[str, list[str]], analyzer: object, rounds: int = 3) -> None:
    from thinc.api import NumpyOps

    from newsdesk.analyze import Analyzer
    from newsdesk.analyze.pipelines import parse

    assert isinstance(analyzer, Analyzer)
    print("newsdesk's parse, CPU ms per document: products by numpy's BLAS (as run) and by blis")
    blis = NumpyOps(use_blis=True)
    for language, batch in sorted(texts.items()):
        nlp = analyzer.pipelines.get(language)
        if nlp is None or len(batch) < 8:
            continue
        batch = batch[:120]
        layers = [
            node
            for _, pipe in nlp.components
            for node in getattr(getattr(pipe, "model", None), "walk", list)()
        ]
        numpy_ops = {id(node): node.ops for node in layers}
        times: dict[str, list[float]] = {"numpy": [], "blis": []}
        outputs: dict[str, object] = {}
        for _ in range(rounds):  # alternated, so that the machine's load falls on both alike
            for name in ("numpy", "blis"):
                for node in layers:
                    node.ops = numpy_ops[id(node)] if name == "numpy" else blis
                start = time.process_time()
                docs = list(parse(nlp, batch, analyzer.settings.batch_size))
                times[name].append(1000 * (time.process_time() - start) / len(batch))
                outputs[name] = [
                    (
                        [(t.head.i, t.dep_) for t in doc],
                        [(e.start, e.end, e.label_) for e in doc.ents],
                    )
                    for doc in docs
                ]
        for node in layers:
            node.ops = numpy_ops[id(node)]
        numpy_ms, blis_ms = min(times["numpy"]), min(times["blis"])
        same = "identical" if outputs["numpy"] == outputs["blis"] else "DIFFERENT"
        print(
            f"  {language} ({len(batch)} texts)  numpy {numpy_ms:.1f}  blis {blis_ms:.1f}  "
            f"ratio {numpy_ms / blis_ms:.2f}; heads, labels and entities {same}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--workers", default="1,2", help="pool sizes to run, comma-separated")
    parser.add_argument("--sweep", action="store_true", help="nlp.pipe cost by batch_size")
    parser.add_argument(
        "--components", action="store_true", help="the parse pipe by pipe, and bare spaCy"
    )
    parser.add_argument(
        "--gemm", action="store_true", help="the parse with numpy's BLAS against blis"
    )
    args = parser.parse_args()

    from newsdesk.config import Settings
    from newsdesk.extract import extract_one
    from newsdesk.ingest.files import discover
    from newsdesk.run.local import read_input
    from newsdesk.run.profile import profile_pool, profile_stages, warmed_analyzer

    settings = Settings.from_env()
    with tempfile.TemporaryDirectory(prefix="newsdesk-profile-") as tmp:
        files = realpages.write_inputs(Path(tmp))
        files = files[: args.limit] if args.limit else files
        items = list(discover([str(f) for f in files], settings))
        print(f"{len(items)} documents (real pages and texts of ../shared/eval)")
        start = time.process_time()
        analyzer = warmed_analyzer(settings)
        print(f"start-up (models, tables, warm-up) in one process: "
              f"{time.process_time() - start:.1f} s CPU")  # fmt: skip
        profile = profile_stages(items, settings, analyzer)
        load = os.getloadavg()[0]
        print(
            f"one process: {profile.pages} pages ({profile.failed} failed), "
            f"{profile.pages / profile.wall:.1f} pages/s wall, "
            f"{profile.pages / profile.cpu:.1f} pages/s per core of CPU; "
            f"load average {load:.2f} on {os.cpu_count()} CPUs (shared)"
        )
        for line in profile.clock.table(profile.pages):
            print("  " + line)
        for workers in [int(w) for w in args.workers.split(",") if w]:
            pool = profile_pool(items, settings, workers)
            for line in pool.lines():
                print(line)
            per_page = (pool.workers_cpu + pool.parent_cpu) / max(pool.pages, 1)
            print(
                f"  load average {os.getloadavg()[0]:.2f}; on 2 idle cores this CPU per page "
                f"gives {2 / per_page if workers >= 2 else 1 / per_page:.1f} pages/s"
            )
        if args.sweep or args.components or args.gemm:
            texts: dict[str, list[str]] = {}
            for item in items[:600]:
                try:
                    article = extract_one(read_input(item, settings), settings)  # type: ignore[arg-type]
                except Exception:
                    continue
                texts.setdefault(article.language or "?", []).append(article.text)
            if args.components:
                components(texts, analyzer)
            if args.sweep:
                sweep(texts, analyzer)
            if args.gemm:
                gemm(texts, analyzer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
