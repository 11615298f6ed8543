"""Title and publication-day accuracy of ``extract_html`` on real news pages.

    .venv/bin/python benchmarks/metadata.py [--verbose] [--split dev|check|all] [--baseline]

Pages: ../shared/eval/en-pages (fundus, English), fr-pages (fundus, trafilatura, htmldate) and
xx-pages (fundus, 16 languages). Each set is cut once into a development half and a check half
by a fixed random draw over file names (seed 14); the check half is scored, never read for
errors (``--verbose`` lists mismatches of the development half only).

Title: exact after whitespace normalisation. Day: the publication day in the outlet's own
time — when both the gold value and ours carry a zone offset, the gold instant is moved to our
offset before its day is taken; otherwise the days are compared as written.

``--baseline`` scores, on the same pages and halves, bare trafilatura's metadata (its title,
and the date htmldate gives it) beside newsdesk's, to tell a rule that helps from one that only
moves errors around.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from datetime import datetime

import trafilatura

from maintext import EVAL, GoldPage, _same_title, adbar_pages, fundus_pages, read_page
from newsdesk.errors import NewsdeskError
from newsdesk.extract.base import Extracted
from newsdesk.extract.charset import decode_html
from newsdesk.extract.html import extract_html, parse_html

SEED = 14


def xx_pages() -> Iterator[GoldPage]:
    """xx-pages/fundus: each page's parser version is given in pages.json."""
    root = EVAL / "xx-pages"
    for entry in json.loads((root / "pages.json").read_text("utf-8")):
        directory = root / "fundus" / entry["country"]
        records = json.loads((directory / f"{entry['publisher']}.json").read_text("utf-8"))
        urls = json.loads((directory / "meta.info").read_text("utf-8"))
        record = records[entry["version"]]
        yield GoldPage(
            entry["file"],
            directory / entry["file"],
            urls.get(entry["file"], {}).get("url"),
            record.get("title"),
            record.get("publishing_date"),
        )


def split(pages: list[GoldPage]) -> tuple[list[GoldPage], list[GoldPage]]:
    """(development, check): a fixed random half of the pages, drawn over sorted names."""
    names = sorted({p.name for p in pages})
    random.Random(SEED).shuffle(names)
    check = set(names[: len(names) // 2])
    return [p for p in pages if p.name not in check], [p for p in pages if p.name in check]


def same_day(found: str | None, gold: str) -> bool:
    """Whether ``found`` falls on the gold day, in the outlet's time when both carry a zone."""
    if found is None:
        return False
    try:
        ours, theirs = datetime.fromisoformat(found), datetime.fromisoformat(gold)
    except ValueError:
        return found[:10] == gold[:10]
    if ours.tzinfo is not None and theirs.tzinfo is not None:
        theirs = theirs.astimezone(ours.tzinfo)
    return ours.date() == theirs.date()


Reader = Callable[[str, str | None], tuple[str | None, str | None]]


def newsdesk_metadata(html: str, url: str | None) -> tuple[str | None, str | None]:
    """(title, published) as newsdesk extracts them."""
    try:
        found: Extracted = extract_html(html, url=url)
    except NewsdeskError:
        return None, None
    return found.title, found.published


def bare_metadata(html: str, url: str | None) -> tuple[str | None, str | None]:
    """(title, date) of bare trafilatura's metadata (htmldate's date, extensive search)."""
    try:
        document = trafilatura.extract_metadata(parse_html(html), default_url=url)
    except NewsdeskError:
        return None, None
    return document.title, document.date


def score(
    name: str, pages: list[GoldPage], *, verbose: bool, reader: Reader = newsdesk_metadata
) -> tuple[int, int, int, int]:
    titles = days = title_total = day_total = 0
    for page in pages:
        title, got = reader(decode_html(read_page(page.path)), page.url)
        if page.title:
            title_total += 1
            ok = _same_title(title, page.title)
            titles += ok
            if verbose and not ok:
                print(f"    title {page.name}: {title!r} != {page.title!r}")
        if page.day:
            day_total += 1
            ok = same_day(got, page.day)
            days += ok
            if verbose and not ok:
                print(f"    day {page.name}: {got} != {page.day}")
    print(
        f"  {name:<40} title {titles}/{title_total} = {titles / max(title_total, 1):.3f}"
        f"   day {days}/{day_total} = {days / max(day_total, 1):.3f}"
    )
    return titles, title_total, days, day_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list development mismatches")
    parser.add_argument("--split", choices=("dev", "check", "all"), default="all")
    parser.add_argument(
        "--baseline", action="store_true", help="also score bare trafilatura and htmldate"
    )
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"evaluation data not found at {EVAL}", file=sys.stderr)
        return 1
    fundus = list(fundus_pages())
    sets = {
        "en-pages": [p for p in fundus if "en-pages" in str(p.path)],
        "fr-pages": [p for p in fundus if "fr-pages" in str(p.path)] + list(adbar_pages()),
        "xx-pages": list(xx_pages()),
    }
    readers: dict[str, Reader] = {"newsdesk": newsdesk_metadata}
    if args.baseline:
        readers["bare trafilatura + htmldate"] = bare_metadata
    for label, reader in readers.items():
        for part in ("dev", "check"):
            if args.split not in (part, "all"):
                continue
            print(f"{label}, {part} half (exact title, publication day in the outlet's time)")
            total = [0, 0, 0, 0]
            for name, pages in sets.items():
                dev, check = split(pages)
                chosen = dev if part == "dev" else check
                verbose = args.verbose and part == "dev"
                counts = score(name, chosen, verbose=verbose, reader=reader)
                total = [a + b for a, b in zip(total, counts, strict=True)]
            t, tt, d, dt = total
            print(
                f"  {'all':<40} title {t}/{tt} = {t / max(tt, 1):.3f}"
                f"   day {d}/{dt} = {d / max(dt, 1):.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
