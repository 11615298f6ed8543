"""Scores shared by the quality tests and the benchmarks.

Main text is scored as in the ScrapingHub article-extraction benchmark: each text becomes the
multiset of its 4-token shingles (tokens are ``\\w+`` runs, case kept; a text of fewer than four
tokens is one shingle), precision and recall are computed per page, averaged over pages, and F1
is taken of the two averages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of a text (one shingle when it is shorter)."""
    tokens = _TOKEN.findall(text)
    return Counter(
        tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens
    )


def shingle_scores(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of the predicted text's shingles against the gold text's.

    A side without any token makes its score undefined, returned as ``nan`` and left out of
    the averages by ``f1_of_averages``, as the ScrapingHub benchmark does: an empty prediction
    has no precision (its recall is 0), an empty gold text has no recall (the prediction's
    precision is 0), and two empty texts count for neither.

    >>> shingle_scores("the cat sat on the mat", "the cat sat on a mat")
    (0.3333333333333333, 0.3333333333333333)
    """
    pred, true = shingles(predicted), shingles(gold)
    common = sum((pred & true).values())
    n_pred, n_true = sum(pred.values()), sum(true.values())
    precision = common / n_pred if n_pred else math.nan
    recall = common / n_true if n_true else math.nan
    return precision, recall


def f1_of_averages(pairs: Iterable[tuple[float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1): the mean of each score over pages, ``nan`` values left out,
    and the harmonic mean of the two means (0 when both are 0 or nothing was scored)."""
    precisions: list[float] = []
    recalls: list[float] = []
    for precision, recall in pairs:
        if not math.isnan(precision):
            precisions.append(precision)
        if not math.isnan(recall):
            recalls.append(recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1
