"""Quotation quality and cost of the quotes component on the evaluation sets.

    .venv/bin/python benchmarks/quotes.py [--json] [--verbose] [--repeat N] [--splits dev,train]

French: every article of ../shared/eval/fr-gold and fr-gold-more, its gold ``text`` analyzed as
it is (entities and quotes), predicted quotes scored against the gold ones with the DESIGN.md
metric (lenient: the shared characters cover >= 30 % of the gold span, strict: >= 80 %; greedy
one-to-one pairs; counts summed over articles; gold quotes marked optional count on neither
side), speaker accuracy on the lenient pairs, recall per kind, counts per article. Reported for
the articles worked on (fr-gold and half of fr-gold-more), for the other half of fr-gold-more
(the check half, fixed at random once by ``check_half`` and only ever scored) and for all.
``--verbose`` lists every missed gold quote, false positive and speaker mismatch of the worked
articles only.

English: PolNeAR dev (worked on) and train (the check split), the alphabetically first
annotator of each article. Gold quotes are the attribution contents (all their spans), scored
with the same metric, and the source-mention accuracy (the predicted speaker mention overlaps a
gold source span). Predictions are scored in PolNeAR's unit, one attribution per cue
(``attributions``). Twice: all attributions against all predictions, and speech only (a cue
holding a form of ../shared/lexicons/en_quote_verb_list.txt, on the gold and the predicted side
alike).

Calibration: predictions grouped by their confidence, with the share that was right (a quote
paired with a gold one; a speaker agreeing with the gold one, or in English its mention
overlapping the gold source), so that of the quotations given 0.9 about nine in ten are right.

Cost: CPU time of ``analyze`` with the entities component alone and with entities + quotes, on
all these texts, models loaded and a warm-up run first, best of --repeat runs.

``--json`` prints one object with every figure under dotted keys (``fr.check.lenient.f1``,
``en.train.speech.lenient.f1``, ``cost.ratio``...). ``run_french`` and ``run_english`` return
the same figures for the quality tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newsdesk.analyze import Analyzer
from newsdesk.analyze.lexicon import lexicon_for
from newsdesk.analyze.mentions import subject_pronoun
from newsdesk.config import Settings
from newsdesk.evaluation import (
    LENIENT,
    STRICT,
    GoldQuote,
    PredictedQuote,
    QuoteScores,
    calibration,
    compare_quotes,
)
from newsdesk.records import Analysis, Article, Quote, article_id

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
LEXICONS = ROOT.parent / "shared" / "lexicons"
KINDS = ("direct", "indirect", "mixed")
THRESHOLDS = {"lenient": LENIENT, "strict": STRICT}

Figures = dict[str, float]


@dataclass(frozen=True)
class GoldDocument:
    """One evaluation article: the article to analyze and its gold quotes, with the cue of
    each (the speech filter reads it)."""

    name: str
    article: Article
    quotes: tuple[GoldQuote, ...]
    cues: tuple[str, ...]
    subset: str = "worked"


def _article(text: str, language: str) -> Article:
    return Article(id=article_id(text), text=text, title=None, published=None, language=language)


def quotes_analyzer() -> Analyzer:
    """The analyzer the quality figures are measured with."""
    return Analyzer(Settings(), components=("entities", "quotes"))


# --- data ---------------------------------------------------------------------------------

# fr-gold-more is split once, at random, into the half the rules are worked on and a check half
# that is only ever scored (its errors are never listed): the article names sorted by a salted
# SHA-256, the first half of them checked.
CHECK_SALT = "newsdesk check half "
SUBSETS = ("worked", "check", "all")
# How a matched quotation's speaker was written, for speaker accuracy by form.
FORMS = ("name", "pronoun", "description", "none")


def check_half(names: Iterable[str]) -> frozenset[str]:
    """The fr-gold-more articles (file stems) of the check half."""
    ordered = sorted(names, key=lambda n: hashlib.sha256((CHECK_SALT + n).encode()).hexdigest())
    return frozenset(ordered[: len(ordered) // 2])


def _gold_quotes(data: dict[str, Any]) -> tuple[GoldQuote, ...]:
    return tuple(
        GoldQuote(
            ((q["start"], q["end"]),),
            q.get("speaker"),
            kind=q.get("kind"),
            optional=bool(q.get("optional")),
        )
        for q in data["quotes"]
    )


def french_documents(root: Path = EVAL) -> list[GoldDocument]:
    """The fr-gold and fr-gold-more articles, with their gold ``text`` as the article text;
    ``subset`` is ``check`` for the check half of fr-gold-more, else ``worked``."""
    documents = []
    more = sorted((root / "fr-gold-more").glob("*.json"))
    checked = check_half(p.stem for p in more)
    for path in sorted((root / "fr-gold").glob("*.json")) + more:
        data = json.loads(path.read_text("utf-8"))
        cues = tuple(q.get("cue") or "" for q in data["quotes"])
        subset = (
            "check" if path.stem in checked and path.parent.name == "fr-gold-more" else "worked"
        )
        article = _article(data["text"], "fr")
        documents.append(GoldDocument(path.stem, article, _gold_quotes(data), cues, subset))
    return documents


def _spans(parts: Iterable[dict[str, Any]]) -> tuple[tuple[int, int], ...]:
    return tuple((int(s), int(e)) for part in parts for s, e in part["spans"])


def english_documents(root: Path = EVAL, split: str = "dev") -> list[GoldDocument]:
    """The PolNeAR articles of ``split``, with the attributions of the first annotator (in
    alphabetical order) of each that have a content."""
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
    with (root / "polnear" / "attributions.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["split"] == split:
                rows.setdefault(row["doc"], {}).setdefault(row["annotator"], []).append(row)
    documents = []
    for path in sorted((root / "polnear" / split / "text").glob("*.txt")):
        # newline="" keeps the offsets: they count every character of the file.
        with path.open(encoding="utf-8", newline="") as f:
            text = f.read()
        by_annotator = rows.get(path.stem, {})
        chosen = by_annotator[min(by_annotator)] if by_annotator else []
        kept = [r for r in chosen if any(e > s for s, e in _spans(r.get("content", [])))]
        quotes = tuple(
            GoldQuote(_spans(r["content"]), source_spans=_spans(r.get("source", []))) for r in kept
        )
        cues = tuple(" ".join(part["text"] for part in r.get("cue", [])) for r in kept)
        documents.append(GoldDocument(path.stem, _article(text, "en"), quotes, cues))
    return documents


def speech_pattern(path: Path = LEXICONS / "en_quote_verb_list.txt") -> re.Pattern[str]:
    """Any form of the speech-verb list as a whole word, in any case."""
    forms = sorted({w.strip() for w in path.read_text("utf-8").splitlines() if w.strip()})
    alternatives = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


# --- scoring ------------------------------------------------------------------------------


def _scores_figures(prefix: str, scores: QuoteScores, without: str) -> Figures:
    """The figures of ``scores`` under ``prefix``, but those starting with ``without`` (the
    accuracy the data has no gold for)."""
    return {
        f"{prefix}.{name}": value
        for name, value in scores.as_dict().items()
        if not name.startswith(without)
    }


def _analyses(analyzer: Analyzer, documents: Sequence[GoldDocument]) -> list[Analysis]:
    return list(analyzer.analyze(d.article for d in documents))


def _excerpt(text: str, start: int, end: int, width: int = 160) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def _show_french(
    document: GoldDocument, quotes: Sequence[Quote], predicted: Sequence[PredictedQuote]
) -> str:
    text = document.article.text
    found = compare_quotes(predicted, document.quotes, LENIENT)
    lines = [f"  {document.name}"]
    for g in found.missed:
        gold = document.quotes[g]
        start, end = gold.spans[0]
        lines.append(
            f"    missed {gold.kind} [{start}:{end}] ({gold.speaker}): {_excerpt(text, start, end)}"
        )
    for p in found.spurious:
        q = quotes[p]
        lines.append(
            f"    false positive {q.kind} [{q.start}:{q.end}] ({q.speaker}; cue {q.cue!r}): "
            f"{_excerpt(text, q.start, q.end)}"
        )
    for pair in found.pairs:
        if not pair.same_speaker:
            q = quotes[pair.predicted]
            gold = document.quotes[pair.gold]
            lines.append(
                f"    speaker [{q.start}:{q.end}] gold {gold.speaker!r}, predicted {q.speaker!r} "
                f"(mention {q.speaker_mention!r}): {_excerpt(text, q.start, q.end, 80)}"
            )
    return "\n".join(lines)


def _calibration_figures(prefix: str, outcomes: list[tuple[float, bool]]) -> Figures:
    figures: Figures = {}
    for i, b in enumerate(calibration(outcomes)):
        figures[f"{prefix}.{i}.low"] = b.low
        figures[f"{prefix}.{i}.high"] = b.high
        figures[f"{prefix}.{i}.count"] = b.count
        figures[f"{prefix}.{i}.correct"] = b.correct
    return figures


@dataclass
class _Tally:
    """What one subset of documents adds up to."""

    documents: int = 0
    scores: dict[str, QuoteScores] = field(
        default_factory=lambda: dict.fromkeys(THRESHOLDS, QuoteScores())
    )
    by_kind: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: {(k, t): [0, 0] for k in KINDS for t in THRESHOLDS}
    )
    quote_outcomes: list[tuple[float, bool]] = field(default_factory=list)
    speaker_outcomes: list[tuple[float, bool]] = field(default_factory=list)

    def figures(self, prefix: str, without: str) -> Figures:
        figures: Figures = {f"{prefix}.documents": self.documents}
        for name, scores in self.scores.items():
            figures.update(_scores_figures(f"{prefix}.{name}", scores, without=without))
        for (kind, name), (hits, total) in self.by_kind.items():
            figures[f"{prefix}.{kind}.gold"] = total
            figures[f"{prefix}.{kind}.{name}.matched"] = hits
            figures[f"{prefix}.{kind}.{name}.recall"] = hits / total if total else 0.0
        figures.update(_calibration_figures(f"{prefix}.calibration.quote", self.quote_outcomes))
        figures.update(_calibration_figures(f"{prefix}.calibration.speaker", self.speaker_outcomes))
        return figures


def _tally(
    tally: _Tally,
    predicted: Sequence[PredictedQuote],
    gold: Sequence[GoldQuote],
    *,
    right_speaker: str = "speaker",
) -> dict[str, int]:
    """Adds one document's comparison to ``tally``; returns the matched count per threshold.

    Calibration reads the lenient comparison: a prediction is right when it is paired with a
    gold quote (predictions excused by an optional gold quote are left out), its speaker right
    when the pair's speaker (or, ``right_speaker="source"``, mention) agrees.
    """
    tally.documents += 1
    matched: dict[str, int] = {}
    for name, threshold in THRESHOLDS.items():
        found = compare_quotes(predicted, gold, threshold)
        tally.scores[name] += found.scores
        matched[name] = found.scores.matched
        paired = {pair.gold for pair in found.pairs}
        for g, quote in enumerate(gold):
            if quote.kind in KINDS and not quote.optional:
                counts = tally.by_kind[(quote.kind, name)]
                counts[0] += g in paired
                counts[1] += 1
        if name != "lenient":
            continue
        right = {pair.predicted: pair for pair in found.pairs}
        for p, quote in enumerate(predicted):
            if quote.confidence is not None and (p in right or p in found.spurious):
                tally.quote_outcomes.append((quote.confidence, p in right))
        for p, pair in right.items():
            confidence = predicted[p].speaker_confidence
            if confidence is not None:
                agrees = pair.same_speaker if right_speaker == "speaker" else pair.same_source
                tally.speaker_outcomes.append((confidence, agrees))
    return matched


def speaker_form(quote: Quote, analysis: Analysis) -> str:
    """How ``quote``'s speaker is written: ``name`` (its mention overlaps an entity's),
    ``pronoun`` (a subject pronoun alone), ``description`` (other words), ``none``."""
    start, end = quote.speaker_start, quote.speaker_end
    if quote.speaker_mention is None or start is None or end is None:
        return "none"
    if any(m.start < end and start < m.end for e in analysis.entities for m in e.mentions):
        return "name"
    words = quote.speaker_mention.lower().split()
    lexicon = lexicon_for(analysis.article.language)
    pronoun = len(words) == 1 and subject_pronoun(words[0], lexicon) is not None
    return "pronoun" if pronoun else "description"


def _speaker_forms(
    counts: dict[str, list[int]],
    analysis: Analysis,
    predicted: Sequence[PredictedQuote],
    gold: Sequence[GoldQuote],
) -> None:
    """Adds, per speaker form, the lenient pairs whose speaker is right and all of them."""
    for pair in compare_quotes(predicted, gold, THRESHOLDS["lenient"]).pairs:
        tally = counts[speaker_form(analysis.quotes[pair.predicted], analysis)]
        tally[0] += pair.same_speaker
        tally[1] += 1


def run_french(
    analyzer: Analyzer | None = None, *, root: Path = EVAL, report: TextIO | None = None
) -> Figures:
    """French figures for each subset (``worked``, ``check``, ``all``):
    ``fr.<subset>.lenient.*`` and ``.strict.*`` (counts, precision, recall, f1,
    speaker_accuracy), ``fr.<subset>.<kind>.<threshold>.recall``, the calibration bins
    ``fr.<subset>.calibration.quote|speaker.<i>.*``, and ``fr.doc.<name>.*`` counts. With
    ``report``, the missed quotes, false positives and speaker mismatches of the worked
    articles (never the check half's) are written to it."""
    analyzer = analyzer or quotes_analyzer()
    documents = french_documents(root)
    tallies = {subset: _Tally() for subset in SUBSETS}
    forms = {subset: {f: [0, 0] for f in FORMS} for subset in SUBSETS}
    figures: Figures = {}
    for document, analysis in zip(documents, _analyses(analyzer, documents), strict=True):
        predicted = [PredictedQuote.of(q) for q in analysis.quotes]
        for subset in (document.subset, "all"):
            matched = _tally(tallies[subset], predicted, document.quotes)
            _speaker_forms(forms[subset], analysis, predicted, document.quotes)
        prefix = f"fr.doc.{document.name}"
        figures[f"{prefix}.gold"] = sum(not q.optional for q in document.quotes)
        figures[f"{prefix}.predicted"] = len(predicted)
        figures[f"{prefix}.check"] = document.subset == "check"
        for name, count in matched.items():
            figures[f"{prefix}.{name}"] = count
        if report is not None and document.subset == "worked":
            print(_show_french(document, analysis.quotes, predicted), file=report)
    for subset, tally in tallies.items():
        figures.update(tally.figures(f"fr.{subset}", without="source"))
        for form, (right, total) in forms[subset].items():
            figures[f"fr.{subset}.speaker_form.{form}.right"] = right
            figures[f"fr.{subset}.speaker_form.{form}.total"] = total
    return figures


def attributions(quotes: Sequence[Quote]) -> list[tuple[PredictedQuote, str | None]]:
    """Predicted quotations in PolNeAR's unit, with their cue: PolNeAR annotates one
    attribution per cue, its content possibly in several pieces (``"…," she said. "…"``), and
    takes in the quoted sentences that continue it. So the records that share a cue, and those
    that continue one (cue None, same speaker mention), are scored as one prediction running
    from the first to the last."""
    groups: list[list[Quote]] = []
    for quote in quotes:
        previous = groups[-1][-1] if groups else None
        same_cue = (
            previous is not None
            and quote.cue_start is not None
            and any(q.cue_start == quote.cue_start for q in groups[-1])
        )
        continues = (
            previous is not None
            and quote.cue is None
            and quote.speaker == previous.speaker
            and quote.speaker is not None
        )
        if same_cue or continues:
            groups[-1].append(quote)
        else:
            groups.append([quote])
    merged = []
    for group in groups:
        first = group[0]
        predicted = PredictedQuote.of(first)
        merged.append(
            (
                PredictedQuote(
                    min(q.start for q in group),
                    max(q.end for q in group),
                    predicted.speaker,
                    predicted.speaker_span,
                    predicted.confidence,
                    predicted.speaker_confidence,
                ),
                next((q.cue for q in group if q.cue), None),
            )
        )
    return merged


def run_english(
    analyzer: Analyzer | None = None, *, root: Path = EVAL, splits: Sequence[str] = ("dev",)
) -> Figures:
    """English figures per PolNeAR split: ``en.<split>.all.<threshold>.*`` (all attributions,
    all predictions) and ``en.<split>.speech.<threshold>.*`` (speech cues on both sides), with
    source_accuracy, recall by kind left out (PolNeAR has no kinds) and the calibration bins
    of the speech subset (a speaker is right when its mention overlaps the gold source)."""
    analyzer = analyzer or quotes_analyzer()
    speech = speech_pattern(root.parent / "lexicons" / "en_quote_verb_list.txt")
    figures: Figures = {}
    for split in splits:
        documents = english_documents(root, split)
        tallies = {"all": _Tally(), "speech": _Tally()}
        for document, analysis in zip(documents, _analyses(analyzer, documents), strict=True):
            units = attributions(analysis.quotes)
            predicted = [unit for unit, _ in units]
            spoken = [unit for unit, cue in units if cue and speech.search(cue)]
            said = [
                gold
                for gold, cue in zip(document.quotes, document.cues, strict=True)
                if speech.search(cue)
            ]
            _tally(tallies["all"], predicted, document.quotes, right_speaker="source")
            _tally(tallies["speech"], spoken, said, right_speaker="source")
        for subset, tally in tallies.items():
            figures.update(tally.figures(f"en.{split}.{subset}", without="speaker"))
    return figures


# --- cost ---------------------------------------------------------------------------------


def run_cost(articles: Sequence[Article], repeat: int = 3) -> Figures:
    """CPU seconds of ``analyze`` over ``articles`` with entities alone and with entities +
    quotes: each analyzer warmed up by one full run (models loaded), then the best of ``repeat``
    runs, the two alternating so that neither always runs on a colder machine."""
    analyzers = {
        "entities": Analyzer(Settings(), components=("entities",)),
        "quotes": Analyzer(Settings(), components=("entities", "quotes")),
    }
    for analyzer in analyzers.values():
        for _ in analyzer.analyze(articles):
            pass
    best = dict.fromkeys(analyzers, float("inf"))
    for run in range(repeat):
        for name in sorted(analyzers, reverse=run % 2 == 1):
            start = time.process_time()
            for _ in analyzers[name].analyze(articles):
                pass
            best[name] = min(best[name], time.process_time() - start)
    ratio = best["quotes"] / best["entities"] if best["entities"] else 0.0
    return {
        "cost.texts": len(articles),
        "cost.characters": sum(len(a.text) for a in articles),
        "cost.repeat": repeat,
        "cost.entities_seconds": best["entities"],
        "cost.quotes_seconds": best["quotes"],
        "cost.ratio": ratio,
    }


# --- report -------------------------------------------------------------------------------


def _line(figures: Figures, prefix: str, label: str, accuracy: str) -> str:
    f = figures
    name, correct = (
        ("speaker", "speaker_correct")
        if accuracy == "speaker_accuracy"
        else ("source mention", "source_correct")
    )
    return (
        f"  {label:<16} P={f[prefix + '.precision']:.3f} R={f[prefix + '.recall']:.3f} "
        f"F1={f[prefix + '.f1']:.3f}   matched {f[prefix + '.matched']:.0f} of "
        f"{f[prefix + '.gold']:.0f} gold, {f[prefix + '.predicted']:.0f} predicted   "
        f"{name} accuracy {f[prefix + '.' + accuracy]:.3f} "
        f"({f[prefix + '.' + correct]:.0f}/{f[prefix + '.matched']:.0f})"
    )


def _kinds(figures: Figures, prefix: str) -> None:
    print("  recall by kind   lenient              strict")
    for kind in KINDS:
        total = figures[f"{prefix}.{kind}.gold"]
        cells = [
            f"{figures[f'{prefix}.{kind}.{t}.matched']:.0f}/{total:.0f} = "
            f"{figures[f'{prefix}.{kind}.{t}.recall']:.3f}"
            for t in THRESHOLDS
        ]
        print(f"    {kind:<14} {cells[0]:<20} {cells[1]}")


def _calibration(figures: Figures, prefix: str, label: str) -> None:
    rows = []
    i = 0
    while f"{prefix}.{i}.count" in figures:
        n, ok = figures[f"{prefix}.{i}.count"], figures[f"{prefix}.{i}.correct"]
        low, high = figures[f"{prefix}.{i}.low"], figures[f"{prefix}.{i}.high"]
        share = f"{ok / n:.2f}" if n else "  - "
        rows.append(f"[{low:.1f}, {high:.1f}{']' if high >= 1 else ')'} {share} of {n:>4.0f}")
        i += 1
    print(f"  calibration, {label}: share right by confidence")
    for row in rows:
        print(f"    {row}")


def print_french(figures: Figures) -> None:
    print("French quotations: fr-gold + fr-gold-more, gold text analyzed as is")
    labels = {
        "worked": "worked on (fr-gold and half of fr-gold-more)",
        "check": "check half of fr-gold-more (scored only, never read)",
        "all": "all",
    }
    for subset in SUBSETS:
        prefix = f"fr.{subset}"
        print(f" {labels[subset]}: {figures[prefix + '.documents']:.0f} articles")
        print(_line(figures, f"{prefix}.lenient", "lenient (>=30%)", "speaker_accuracy"))
        print(_line(figures, f"{prefix}.strict", "strict (>=80%)", "speaker_accuracy"))
        _kinds(figures, prefix)
        cells = []
        for form in FORMS:
            right = figures[f"{prefix}.speaker_form.{form}.right"]
            total = figures[f"{prefix}.speaker_form.{form}.total"]
            cells.append(f"{form} {right:.0f}/{total:.0f}")
        print("  speaker right by how it is written: " + ", ".join(cells))
    for subset in ("check", "all"):
        prefix = f"fr.{subset}.calibration"
        _calibration(figures, f"{prefix}.quote", f"quotations ({labels[subset].split(' (')[0]})")
        _calibration(figures, f"{prefix}.speaker", f"speakers of matched quotations ({subset})")
    print("  per article (* check half)                 gold  predicted  lenient  strict")
    names = sorted({k.split(".")[2] for k in figures if k.startswith("fr.doc.")})
    for name in names:
        counts = [figures[f"fr.doc.{name}.{c}"] for c in ("gold", "predicted", "lenient", "strict")]
        mark = "*" if figures[f"fr.doc.{name}.check"] else " "
        print(f"   {mark}{name:<40}" + "".join(f"{c:>6.0f}" + " " * 3 for c in counts).rstrip())


def print_english(figures: Figures) -> None:
    splits = sorted({k.split(".")[1] for k in figures if k.startswith("en.")})
    for split in splits:
        prefix = f"en.{split}"
        role = "worked on" if split == "dev" else "check split, scored only, never read"
        print(
            f"English attributions: PolNeAR {split} ({role}), "
            f"{figures[prefix + '.all.documents']:.0f} articles, first annotator of each"
        )
        print("  all attributions against all predicted ones (records sharing a cue, or")
        print("  continuing one, are one attribution, as PolNeAR annotates them)")
        for t, label in (("lenient", "lenient (>=30%)"), ("strict", "strict (>=80%)")):
            print(_line(figures, f"{prefix}.all.{t}", label, "source_accuracy"))
        print("  speech only: cues holding a form of en_quote_verb_list.txt, both sides")
        for t, label in (("lenient", "lenient (>=30%)"), ("strict", "strict (>=80%)")):
            print(_line(figures, f"{prefix}.speech.{t}", label, "source_accuracy"))
        _calibration(figures, f"{prefix}.speech.calibration.quote", "speech attributions")
        _calibration(figures, f"{prefix}.speech.calibration.speaker", "speaker mentions")


def print_cost(figures: Figures) -> None:
    print(
        f"Cost of the quotes component: {figures['cost.texts']:.0f} texts, "
        f"{figures['cost.characters']:.0f} characters, CPU seconds, best of "
        f"{figures['cost.repeat']:.0f} after a warm-up"
    )
    print(f"  entities          {figures['cost.entities_seconds']:.3f} s")
    print(f"  entities + quotes {figures['cost.quotes_seconds']:.3f} s")
    ratio = figures["cost.ratio"]
    print(f"  ratio {ratio:.3f} (quotes add {100 * (ratio - 1):.1f} %)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object of figures")
    parser.add_argument(
        "--verbose", action="store_true", help="list French misses, false positives, speakers"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    parser.add_argument(
        "--splits",
        default="dev,train",
        help="PolNeAR splits to score, comma-separated (dev is worked on, train is the check)",
    )
    args = parser.parse_args()
    if not (EVAL / "fr-gold").is_dir() or not (EVAL / "polnear").is_dir():
        print(
            f"evaluation data not found at {EVAL} (fr-gold/ and polnear/ are needed)",
            file=sys.stderr,
        )
        return 2
    analyzer = quotes_analyzer()
    # The development view goes to stderr under --json, so stdout stays one JSON object.
    report = (sys.stderr if args.json else sys.stdout) if args.verbose else None
    if report is not None:
        print(
            "French misses, false positives and speaker mismatches (lenient), worked articles",
            file=report,
        )
    french = run_french(analyzer, report=report)
    english = run_english(analyzer, splits=[s for s in args.splits.split(",") if s])
    articles = [d.article for d in french_documents()] + [d.article for d in english_documents()]
    cost = run_cost(articles, args.repeat)
    if args.json:
        print(json.dumps(french | english | cost, sort_keys=True))
        return 0
    print_french(french)
    print_english(english)
    print_cost(cost)
    return 0


if __name__ == "__main__":
    sys.exit(main())
