"""Every quality benchmark's headline figures, saved once and compared side by side later.

    .venv/bin/python benchmarks/quality.py --save before.json [--only quotes,dates]
    .venv/bin/python benchmarks/quality.py --compare before.json [--only ...]

Runs, each in a child process: quotations (``quotes.py --json``), places on the test table
(``places.py --json``), places on real articles (``places_real.py``), dates (``dates.py``),
languages beyond French (``languages.py``) and page metadata (``metadata.py``). From each it
keeps the quality figures only, never a timing (CPU, seconds, µs, MB, ratios of cost), since
those move with the machine's load. ``--compare`` runs them again and prints every figure as
``before | after``, then how many differ; it exits 1 when any does. A change in how or when the
analysis runs (batching, loading, processes) must leave every figure the same.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# name -> (arguments of the benchmark script, whether it prints one JSON object)
BENCHMARKS: dict[str, tuple[list[str], bool]] = {
    "quotes": (["quotes.py", "--json", "--repeat", "1"], True),
    "places": (["places.py", "--json", "--repeat", "1"], True),
    "places_real": (["places_real.py"], False),
    "dates": (["dates.py", "--repeat", "1"], False),
    "languages": (["languages.py"], False),
    "metadata": (["metadata.py"], False),
}
# Figures and lines about cost, not quality: left out of the comparison.
_COST_KEY = re.compile(r"cost|seconds|_s$|_us$|us_per|rss|_mb$|load_", re.IGNORECASE)
_COST_LINE = re.compile(r"µs|\bCPU\b|\bMB\b|\bseconds?\b|\d\s*s\b|\bms\b|cost", re.IGNORECASE)


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for key, inner in value.items():
            found |= _flatten(inner, f"{prefix}.{key}" if prefix else str(key))
        return found
    return {prefix: value}


def figures(name: str) -> dict[str, Any]:
    """The quality figures of one benchmark, by key (a JSON key, or a line's number)."""
    argv, is_json = BENCHMARKS[name]
    proc = subprocess.run(
        [sys.executable, str(HERE / argv[0]), *argv[1:]],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"{name}: exit {proc.returncode}\n{tail}")
    lines = proc.stdout.splitlines()
    if is_json:
        answer = next(line for line in reversed(lines) if line.startswith("{"))
        flat = _flatten(json.loads(answer))
        return {k: v for k, v in sorted(flat.items()) if not _COST_KEY.search(k)}
    kept = [line.rstrip() for line in lines if line.strip() and not _COST_LINE.search(line)]
    return {f"line {i + 1:02d}": line for i, line in enumerate(kept)}


def run_all(names: list[str]) -> dict[str, dict[str, Any]]:
    found = {}
    for name in names:
        start = time.monotonic()
        found[name] = figures(name)
        print(f"  {name}: {len(found[name])} figures, {time.monotonic() - start:.0f} s",
              file=sys.stderr)  # fmt: skip
    return found


def compare(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> int:
    """Print every figure before | after; the number of figures that differ."""
    differ = 0
    for name in after:
        print(f"== {name}")
        old, new = before.get(name, {}), after[name]
        for key in sorted(set(old) | set(new)):
            a, b = old.get(key, "(none)"), new.get(key, "(none)")
            same = a == b
            differ += not same
            mark = "  " if same else "≠ "
            if isinstance(a, str) and isinstance(b, str) and key.startswith("line"):
                print(f"{mark}{a}\n{'' if same else '  ' + b}".rstrip())
            else:
                print(f"{mark}{key:48} {a!s:>12} | {b!s:<12}")
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with figures saved before")
    parser.add_argument("--only", default="", help="comma-separated benchmarks to run")
    parser.add_argument("--load", type=Path, help="take the figures from a saved file, not a run")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)}; there are {', '.join(BENCHMARKS)}")
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    if args.load:
        saved = json.loads(args.load.read_text(encoding="utf-8"))
        found = {name: saved[name] for name in names if name in saved}
    else:
        found = run_all(names)
    if args.save:
        args.save.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    if before is None:
        for name, values in found.items():
            print(f"== {name}")
            for key, value in values.items():
                print(f"  {value}" if key.startswith("line") else f"  {key:48} {value}")
        return 0
    differ = compare(before, found)
    print(f"{differ} figure(s) differ" if differ else "every figure is the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
