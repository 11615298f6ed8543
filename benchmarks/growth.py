"""How the cost of hostile inputs grows with their size: the date and quotation finders on
dense text, and WARC header lines.

    .venv/bin/python benchmarks/growth.py [--sizes 10000,100000,1000000] [--skip quotes]

For each case and size, the seconds taken and the growth factor against the smallest size,
beside the factor of the sizes themselves: a linear finder grows as the sizes do (x10, x100),
a quadratic one as their square (x100, x10000).
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections.abc import Callable

from newsdesk.analyze.dates import find_dates
from newsdesk.analyze.quotes import find_quotes
from newsdesk.ingest.warc import warc_documents


def dense_digits(size: int) -> str:
    """One long token of digits and separators (a table pasted without spaces)."""
    rnd = random.Random(size)
    return "".join(rnd.choice("0123456789" * 4 + "-/.:") for _ in range(size))


def dense_dates(size: int) -> str:
    sentence = "Le 5 avril 2022, mardi 12 mars, depuis 2014 et à 16h43, il y a trois jours. "
    return (sentence * (size // len(sentence) + 1))[:size]


def quote_incise_pairs(size: int) -> str:
    """One long sentence of quotation and incise pairs, without a full stop."""
    pair = "« nous restons unis », a déclaré Jens Stoltenberg, « et prêts », "
    return (pair * (size // len(pair) + 1))[:size]


def warc_header_line(size: int) -> bytes:
    body = b"<html><body><p>Un article.</p></body></html>"
    return (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Junk: "
        + b"x" * size
        + b"\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
        + b"\r\n\r\n"
    )


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    "dates, dense digits": lambda n: lambda: find_dates(dense_digits(n), "fr", "2022-04-05"),
    "dates, dense dates": lambda n: lambda: find_dates(dense_dates(n), "fr", "2022-04-05"),
    "quotes, quote/incise pairs": lambda n: lambda: find_quotes(quote_incise_pairs(n), "fr", ()),
    "WARC header line (x40)": lambda n: (
        lambda: list(warc_documents(io.BytesIO(warc_header_line(n * 40)), "big.warc"))
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--skip", action="append", default=[], help="cases to skip (prefix)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    find_dates("mardi 5 avril 2022", "fr", "2022-04-05")  # tables loaded before timing
    find_quotes("« Oui », a-t-il dit.", "fr", ())
    print(f"{'case':<28} {'size':>9} {'seconds':>9} {'growth':>8} {'size x':>7}")
    for name, case in CASES.items():
        if any(name.startswith(skip) for skip in args.skip):
            continue
        first: float | None = None
        for size in sizes:
            seconds = _timed(case(size))
            first = first or max(seconds, 1e-6)
            print(
                f"{name:<28} {size:>9,} {seconds:>9.3f} {seconds / first:>7.1f}x "
                f"{size / sizes[0]:>6.0f}x",
                flush=True,
            )


if __name__ == "__main__":
    main()
