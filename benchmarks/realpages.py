"""Real pages and texts for the speed benchmarks, read from ../shared/eval at run time.

Every HTML page (``.html``, ``.html.gz``) under ../shared/eval and every article text (the
``text`` of fr-gold and fr-gold-more, PolNeAR's ``text/*.txt``) is written into a temporary
folder as one input file, so that ingest reads files as it does in production; nothing is kept.
When more documents are asked for than there are, the list is gone through again and each
repeat is made a distinct text, as a crawl meets them (the same story, updated): a sentence of
its own is inserted after the first paragraph. Copy detection then has real work to do: each
repeat is a near-copy of an article stored before it.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
UPDATE = "This dispatch was updated ({k}) after it first ran, with details confirmed since."


def sources() -> list[tuple[str, bytes]]:
    """(name, content) of every real page and text, in a fixed order."""
    found: list[tuple[str, bytes]] = []
    for path in sorted(EVAL.rglob("*")):
        if path.name.endswith(".html"):
            found.append((path.name, path.read_bytes()))
        elif path.name.endswith(".html.gz"):
            found.append((path.name.removesuffix(".gz"), gzip.decompress(path.read_bytes())))
    for folder in ("fr-gold", "fr-gold-more"):
        for path in sorted((EVAL / folder).glob("*.json")):
            text = json.loads(path.read_text(encoding="utf-8"))["text"]
            found.append((path.stem + ".txt", text.encode("utf-8")))
    for path in sorted((EVAL / "polnear").rglob("text/*.txt")):
        found.append((path.name, path.read_bytes()))
    return found


def _distinct(name: str, data: bytes, k: int) -> bytes:
    """The document with a sentence of its own after its first paragraph."""
    own = UPDATE.format(k=k)
    if name.endswith(".html"):
        html = data.decode("utf-8", errors="replace")
        at = html.find("</p>")
        if at != -1:
            return (html[: at + 4] + f"<p>{own}</p>" + html[at + 4 :]).encode("utf-8")
        return data
    text = data.decode("utf-8", errors="replace")
    parts = text.split("\n\n", 1)
    return "\n\n".join([parts[0], own, *parts[1:]]).encode("utf-8")


def write_inputs(folder: Path, documents: int | None = None, *, seed: int = 18) -> list[Path]:
    """Every real page and text as a file under ``folder``, in a shuffled order (languages and
    kinds mixed through the run), repeated with distinct texts to reach ``documents``."""
    found = sources()
    if not found:
        raise SystemExit(f"evaluation data not found at {EVAL}")
    order = list(range(len(found)))
    random.Random(seed).shuffle(order)
    count = documents if documents is not None else len(found)
    files = []
    for k in range(count):
        name, data = found[order[k % len(order)]]
        if k >= len(order):  # a repeat: its own text
            data = _distinct(name, data, k)
        path = folder / f"{k:05d}_{name}"
        path.write_bytes(data)
        files.append(path)
    return files
