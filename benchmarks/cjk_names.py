"""People named in Japanese and Korean pages without a model, against hand annotations.

    .venv/bin/python benchmarks/cjk_names.py [--verbose]

``cjk_names.json`` (next to this script) holds, per page of ../shared/eval/xx-pages, the
mentions of people annotated by hand in the page's expected body (the name as written, without
its title or honorific; a surname alone counts): offsets and a hash of each span, never the
text. The body is read from ../shared at run time and analysed with an empty corpus (gazetteer
and honorifics only), as the first page of its language would be. A page is in the ``dev`` part
(its misses were read while building; ``--verbose`` lists them) or the ``score`` part (only
scored). A predicted ``PER`` mention is right when it overlaps an annotated one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from languages import EVAL, pages
from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article, article_id

GOLD = Path(__file__).with_name("cjk_names.json")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="misses of the dev part")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"evaluation data not found at {EVAL}", file=sys.stderr)
        return 1
    annotations = json.loads(GOLD.read_text("utf-8"))
    analyzer = Analyzer(Settings(), components=("entities",))
    # part -> [right predictions, predictions, gold found, gold]
    totals: dict[tuple[str, str], list[int]] = {}
    for page in pages():
        gold_page = annotations.get(page.path.name)
        if gold_page is None:
            continue
        body = page.body
        gold = [(g["start"], g["end"]) for g in gold_page["people"]]
        hashes = [g["sha256"] for g in gold_page["people"]]
        if any(
            hashlib.sha256(body[s:e].encode()).hexdigest()[:16] != h
            for (s, e), h in zip(gold, hashes, strict=True)
        ):
            print(f"  {page.path.name}: the page's body changed, skipped", file=sys.stderr)
            continue
        article = Article(article_id(body), body, None, None, gold_page["lang"])
        found = [
            (m.start, m.end)
            for e in analyzer.analyze_one(article).entities
            if e.label == "PER"
            for m in e.mentions
        ]
        right = sum(any(_overlaps(p, g) for g in gold) for p in found)
        recalled = sum(any(_overlaps(p, g) for p in found) for g in gold)
        key = (gold_page["lang"], gold_page["part"])
        counts = totals.setdefault(key, [0, 0, 0, 0])
        for i, n in enumerate((right, len(found), recalled, len(gold))):
            counts[i] += n
        if args.verbose and gold_page["part"] == "dev":
            for p in found:
                if not any(_overlaps(p, g) for g in gold):
                    print(f"    spurious {page.path.name}: {body[p[0] : p[1]]!r}")
            for g in gold:
                if not any(_overlaps(p, g) for p in found):
                    print(f"    missed {page.path.name}: {body[g[0] : g[1]]!r}")
    print("people in Japanese and Korean pages without a model (hand annotations)")
    for (lang, part), (right, predicted, recalled, gold) in sorted(totals.items()):
        print(
            f"  {lang} {part:<5} gold {gold:>2} predicted {predicted:>2}  "
            f"P {right / max(predicted, 1):.3f} R {recalled / max(gold, 1):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
