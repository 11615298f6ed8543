"""Scores shared by the quality tests and the benchmarks.

Main text is scored as in the ScrapingHub article-extraction benchmark: each text becomes the
multiset of its 4-token shingles (tokens are ``\\w+`` runs, case kept; a text of fewer than four
tokens is one shingle), precision and recall are computed per page, averaged over pages, and F1
is taken of the two averages.

Quotations are scored as in DESIGN.md: a predicted quote matches a gold quote when the characters
they share cover at least 30 % (lenient) or 80 % (strict) of the gold span, pairs are made
greedily one to one (highest coverage first), and precision, recall and F1 are taken over the
counts summed across documents. Gold quotes marked optional are left out of both sides: missing
one is no error, and a prediction matching one (once the required ones are paired) is no false
positive. Speaker accuracy is the share of matched pairs whose predicted canonical speaker is the
gold one (see ``same_speaker``); where gold data has no canonical speakers, the source-mention
accuracy checks that the predicted speaker mention overlaps a gold source span.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from newsdesk.records import Quote, name_key

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


# --- quotations ---------------------------------------------------------------------------

LENIENT = 0.3
STRICT = 0.8

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldQuote:
    """A quotation annotated by hand: its content (one or more ``(start, end)`` ranges, as a
    content interrupted by an incise), its canonical speaker when the data gives one, and the
    ranges of the source mention (``he``, ``the Post``) when it gives those."""

    spans: tuple[Span, ...]
    speaker: str | None = None
    source_spans: tuple[Span, ...] = ()
    kind: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class PredictedQuote:
    """What the scores read of a predicted quotation."""

    start: int
    end: int
    speaker: str | None = None
    speaker_span: Span | None = None
    confidence: float | None = None
    speaker_confidence: float | None = None

    @classmethod
    def of(cls, quote: Quote) -> PredictedQuote:
        """The scored part of a record's quote."""
        span = None
        if quote.speaker_start is not None and quote.speaker_end is not None:
            span = (quote.speaker_start, quote.speaker_end)
        return cls(
            quote.start,
            quote.end,
            quote.speaker,
            span,
            quote.confidence,
            quote.speaker_confidence,
        )


def _union(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def coverage(start: int, end: int, gold: Sequence[Span]) -> float:
    """Share of the characters of ``gold`` (the union of its ranges) inside ``[start, end)``;
    0 when the gold ranges hold no character.

    >>> coverage(0, 10, [(5, 15)])
    0.5
    >>> coverage(0, 10, [(0, 4), (6, 10), (2, 4)])  # the union counts, not each range
    1.0
    """
    union = _union(gold)
    size = sum(e - s for s, e in union)
    if not size:
        return 0.0
    shared = sum(max(0, min(end, e) - max(start, s)) for s, e in union)
    return shared / size


def _words_suffix(short: str, long: str) -> bool:
    s, w = short.split(), long.split()
    return 0 < len(s) < len(w) and w[-len(s) :] == s


_ARTICLE = re.compile(r"^(?:le|la|les|l'|the|un|une|a|an) ?")
_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^()]+)\)$")


def _speaker_forms(name: str) -> set[str]:
    """The keys a canonical name may be written as: itself, without a leading article, and for
    ``Long Form (ACRONYM)`` each of the two parts."""
    found = _PARENTHESIS.match(name.strip())
    names = [name, *found.groups()] if found else [name]
    keys = {name_key(n) for n in names}
    return keys | {_ARTICLE.sub("", k, count=1) for k in keys}


def same_speaker(predicted: str | None, gold: str | None, names: Iterable[str] = ()) -> bool:
    """Whether a predicted canonical speaker is the gold one.

    Names compare by ``name_key`` (no case, accents, periods) with a leading article ignored; a
    gold name with its acronym in parentheses matches either form; no speaker on both sides is
    agreement. A name that is the last words of the other (``Stoltenberg``, ``Jens
    Stoltenberg``) agrees only when it ends exactly one of the article's full names: ``names``
    (with ``predicted`` and ``gold``), the speakers of the document on both sides.

    >>> same_speaker("stoltenberg", "Jens Stoltenberg", ["Jens Stoltenberg", "Julianne Smith"])
    True
    >>> same_speaker("Smith", "Julianne Smith", ["Julianne Smith", "Adam Smith"])
    False
    >>> same_speaker("OMS", "Organisation mondiale de la santé (OMS)")
    True
    >>> same_speaker("l'Organisation mondiale", "Organisation mondiale (OM)")
    True
    """
    if predicted is None or gold is None:
        return predicted is None and gold is None
    predicted_forms, gold_forms = _speaker_forms(predicted), _speaker_forms(gold)
    if predicted_forms & gold_forms:
        return True
    p, g = name_key(predicted), name_key(gold)
    short, long = (p, g) if len(p.split()) < len(g.split()) else (g, p)
    if not _words_suffix(short, long):
        return False
    keys = {name_key(n) for n in names} | {p, g}
    return [k for k in keys if _words_suffix(short, k)] == [long]


def _overlaps(span: Span | None, spans: Sequence[Span]) -> bool:
    if span is None:
        return not spans
    return any(min(span[1], e) > max(span[0], s) for s, e in spans)


@dataclass(frozen=True)
class QuoteScores:
    """Counts of one comparison, or summed over documents, with the scores they give.

    A score whose denominator is zero is 0.0 (nothing predicted has no precision to speak of,
    and a JSON report has no NaN).
    """

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_correct: int = 0
    source_correct: int = 0

    def __add__(self, other: QuoteScores) -> QuoteScores:
        return QuoteScores(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(QuoteScores))
        )

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Share of matched pairs whose predicted canonical speaker is the gold one."""
        return self.speaker_correct / self.matched if self.matched else 0.0

    @property
    def source_accuracy(self) -> float:
        """Share of matched pairs whose predicted speaker mention overlaps a gold source span
        (no mention where the gold quote has no source agrees too)."""
        return self.source_correct / self.matched if self.matched else 0.0

    def as_dict(self) -> dict[str, float]:
        """Counts and scores by name, for reports."""
        counts: dict[str, float] = {f.name: getattr(self, f.name) for f in fields(QuoteScores)}
        return counts | {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "speaker_accuracy": self.speaker_accuracy,
            "source_accuracy": self.source_accuracy,
        }


@dataclass(frozen=True)
class QuotePair:
    """A gold quote and the predicted quote matched to it (indices into the compared lists)."""

    gold: int
    predicted: int
    coverage: float
    same_speaker: bool
    same_source: bool


@dataclass(frozen=True)
class QuoteComparison:
    """The quotes of one document compared with the gold ones at one threshold."""

    pairs: tuple[QuotePair, ...]
    missed: tuple[int, ...]  # gold quotes left unmatched
    spurious: tuple[int, ...]  # predicted quotes left unmatched

    @property
    def scores(self) -> QuoteScores:
        return QuoteScores(
            gold=len(self.pairs) + len(self.missed),
            predicted=len(self.pairs) + len(self.spurious),
            matched=len(self.pairs),
            speaker_correct=sum(p.same_speaker for p in self.pairs),
            source_correct=sum(p.same_source for p in self.pairs),
        )


def compare_quotes(
    predicted: Sequence[PredictedQuote], gold: Sequence[GoldQuote], threshold: float = LENIENT
) -> QuoteComparison:
    """Match the predicted quotes of one document to the gold ones, one to one.

    Every pair whose coverage of the gold span reaches ``threshold`` is a candidate; candidates
    are taken by decreasing coverage (ties: earlier gold, then earlier prediction), each quote
    in at most one pair. Optional gold quotes are paired after the required ones, and neither
    they nor the predictions paired with them count: those predictions appear in neither
    ``pairs`` nor ``spurious``, and an optional quote left alone is not ``missed``.

    >>> gold = [GoldQuote(((0, 10),), "Ana Diaz"), GoldQuote(((20, 30),))]
    >>> found = compare_quotes([PredictedQuote(0, 9, "Diaz"), PredictedQuote(40, 50)], gold)
    >>> found.scores.matched, found.missed, found.spurious, found.pairs[0].same_speaker
    (1, (1,), (1,), True)
    """
    candidates = sorted(
        (
            (gold_quote.optional, -cover, g, p)
            for g, gold_quote in enumerate(gold)
            for p, quote in enumerate(predicted)
            if (cover := coverage(quote.start, quote.end, gold_quote.spans)) >= threshold
            and cover > 0
        ),
    )
    names = [q.speaker for q in gold if q.speaker] + [q.speaker for q in predicted if q.speaker]
    pairs: list[QuotePair] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for optional, negative, g, p in candidates:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        if optional:
            continue
        quote, truth = predicted[p], gold[g]
        pairs.append(
            QuotePair(
                gold=g,
                predicted=p,
                coverage=-negative,
                same_speaker=same_speaker(quote.speaker, truth.speaker, names),
                same_source=_overlaps(quote.speaker_span, truth.source_spans),
            )
        )
    pairs.sort(key=lambda pair: pair.gold)
    return QuoteComparison(
        pairs=tuple(pairs),
        missed=tuple(g for g in range(len(gold)) if g not in used_gold and not gold[g].optional),
        spurious=tuple(p for p in range(len(predicted)) if p not in used_predicted),
    )


def score_quotes(
    documents: Iterable[tuple[Sequence[PredictedQuote], Sequence[GoldQuote]]],
    threshold: float = LENIENT,
) -> QuoteScores:
    """Counts summed over documents (micro average) of ``compare_quotes`` at ``threshold``.

    >>> gold = [GoldQuote(((0, 100),))]
    >>> lenient = score_quotes([([PredictedQuote(0, 50)], gold)], LENIENT)
    >>> strict = score_quotes([([PredictedQuote(0, 50)], gold)], STRICT)
    >>> lenient.f1, strict.f1
    (1.0, 0.0)
    """
    total = QuoteScores()
    for predicted, gold in documents:
        total += compare_quotes(predicted, gold, threshold).scores
    return total


# --- calibration ----------------------------------------------------------------------------

BINS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True)
class CalibrationBin:
    """Predictions whose confidence falls in ``[low, high)`` (the last bin includes 1.0), and
    how many of them were right."""

    low: float
    high: float
    count: int
    correct: int

    @property
    def share(self) -> float:
        return self.correct / self.count if self.count else 0.0


def calibration(
    outcomes: Iterable[tuple[float, bool]], bins: Sequence[float] = BINS
) -> list[CalibrationBin]:
    """How often predictions were right, by confidence bin: ``outcomes`` are (confidence,
    right) pairs. Well calibrated, the share of each bin lies within it.

    >>> [(b.count, b.correct) for b in calibration([(0.95, True), (0.92, False), (0.3, False)])]
    [(1, 0), (0, 0), (0, 0), (0, 0), (0, 0), (2, 1)]
    """
    counts = [[0, 0] for _ in bins[:-1]]
    for confidence, right in outcomes:
        i = next(
            (i for i in range(len(bins) - 1) if confidence < bins[i + 1]),
            len(bins) - 2,
        )
        counts[i][0] += 1
        counts[i][1] += right
    return [CalibrationBin(bins[i], bins[i + 1], n, ok) for i, (n, ok) in enumerate(counts)]
