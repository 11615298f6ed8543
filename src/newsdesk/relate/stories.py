"""Stories: articles about one event, across outlets and languages.

An article is described by what survives translation: the ids of the people, organisations
and places it names (one id in every language), the numbers it writes, the dates it speaks of
and the speakers it quotes. Two articles published within ``WINDOW_DAYS`` of each other are
about the same event when the features they share weigh at least ``SAME_STORY`` of the lighter
article's features, a feature weighing less the more articles of the corpus hold it (a name in
every article says nothing about which event). Copies of one text are always one story.

>>> from newsdesk.records import Article
>>> f = features(Analysis(Article(id="a", text="Il y a 30 000 soldats.", title=None,
...                               published="2022-04-05", language="fr")))
>>> sorted(f)
['n:30000']
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from newsdesk.records import Analysis

WINDOW_DAYS = 3
SAME_STORY = 0.5
MIN_SHARED = 3  # features two articles must share, at least
_NUMBER = re.compile(r"(?<![\w.,])\d[\d  ]*(?:[.,]\d+)?(?![\w])")
# Numbers that say nothing about an event: small counts and list markers.
_MIN_NUMBER_DIGITS = 2


def features(analysis: Analysis) -> set[str]:
    """What an article is about, in terms that keep across languages."""
    found = {f"e:{e.id}" for e in analysis.entities}
    for match in _NUMBER.finditer(analysis.article.text):
        digits = re.sub(r"\D", "", match.group(0).split(",")[0].split(".")[0])
        if len(digits) >= _MIN_NUMBER_DIGITS:
            found.add(f"n:{digits}")
    found.update(f"d:{d.value}" for d in analysis.dates if d.value and d.type == "DATE")
    found.update(f"s:{q.speaker_id}" for q in analysis.quotes if q.speaker_id)
    return found


def weight(articles_with_feature: float) -> float:
    """A feature's weight: 1 when only one article holds it, less the more hold it."""
    return 1.0 / math.log2(1 + max(1, articles_with_feature))


def score(
    a: set[str],
    b: set[str],
    frequency: Callable[[str], int],
    weights: Mapping[str, float] | None = None,
) -> float:
    """The weight the two articles share, over the weight of the lighter one, in [0, 1].

    ``weights``, when the caller has them, is every feature's weight (``weight(frequency(f))``
    for each feature of ``a`` and ``b``): one new article scored against many candidates
    weighs each feature once."""
    shared = a & b
    if len(shared) < MIN_SHARED:
        return 0.0
    if weights is None:
        weights = {f: weight(frequency(f)) for f in a | b}
    mass_a = sum(weights[f] for f in a)
    mass_b = sum(weights[f] for f in b)
    return sum(weights[f] for f in shared) / min(mass_a, mass_b)


def surely_same(shared: float, mass: float) -> bool:
    """Whether an article whose features weigh ``mass`` is of the same story as another it
    shares at least ``shared`` of that weight with, in ``MIN_SHARED`` features or more,
    whatever else the other holds: its ``score`` divides the weight shared by the lighter
    article's, at most ``mass``. A margin keeps a bound that sums the weights in another order
    from deciding what ``score`` would not.

    >>> surely_same(2.1, 4.0), surely_same(2.0, 4.0), surely_same(1.9, 4.0)
    (True, False, False)

    (Exactly half is left to ``score``, which may find it a tie.)
    """
    return mass > 0 and shared >= SAME_STORY * mass * (1 + _BOUND_MARGIN)


def surely_apart(shared: float, mass: float, known: float, features: int, articles: int) -> bool:
    """Whether an article whose features weigh ``mass`` cannot be of one story with another
    that shares at most ``shared`` of that weight, holds ``features`` features, ``known`` of
    their weight known (shared ones), and whose features ``articles`` articles hold in all
    (summed over its features). The other's features weigh at least ``known``, and at least
    ``features`` times the weight of their mean count: the weight is a convex function of the
    count, so a mean of weights is at least the weight of the mean.

    >>> surely_apart(1.0, 10.0, 1.0, 40, 400), surely_apart(1.0, 10.0, 1.0, 4, 40)
    (True, False)
    """
    if features <= 0:
        return False
    return _below(shared, mass, max(known, features * weight(articles / features + 1)))


def surely_apart_by_size(
    shared: float, mass: float, known: float, rare: int, features: int, most: int
) -> bool:
    """``surely_apart`` from the number of the other article's features alone (``features``):
    ``rare`` of them, weighing ``known``, are shared, and none of the others is held by more
    than ``most`` articles (as many as the store holds), so each weighs ``weight(most + 1)``
    at least. Looser than ``surely_apart``, and cheaper: no count of the others is read.

    >>> [surely_apart_by_size(1.0, 10.0, 1.0, 3, n, 1000) for n in (40, 6)]
    [True, False]
    """
    if features <= 0:
        return False
    return _below(shared, mass, known + max(0, features - rare) * weight(most + 1))


def _below(shared: float, mass: float, lightest: float) -> bool:
    """Whether ``shared`` stays under half the lighter of ``mass`` and ``lightest``, with the
    margin against rounding."""
    return shared < SAME_STORY * min(mass, lightest) * (1 - _BOUND_MARGIN)


# Relative error a sum of a few hundred weights cannot reach (each addition is off by 2**-53).
_BOUND_MARGIN = 1e-9


def day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def within_window(a: str | None, b: str | None) -> bool:
    """Whether two publication dates are close enough to be one event's coverage (undated
    articles are compared with every article)."""
    first, second = day(a), day(b)
    if first is None or second is None:
        return True
    return abs((first - second).days) <= WINDOW_DAYS


def representative_title(titles: Iterable[tuple[str | None, int]]) -> str | None:
    """The title of a story: the one most of its articles carry, the shortest among equals
    (copies add outlet names to titles, not remove them). ``titles``: (title, copies)."""
    counts: dict[str, int] = {}
    for title, weight_ in titles:
        if title:
            counts[title] = counts.get(title, 0) + weight_
    if not counts:
        return None
    return min(counts, key=lambda t: (-counts[t], len(t), t))
