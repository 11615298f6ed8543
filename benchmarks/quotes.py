"""Quotation quality and cost of the quotes component on the evaluation sets.

    .venv/bin/python benchmarks/quotes.py [--json] [--verbose] [--repeat N]

French: every article of ../shared/eval/fr-gold, its gold ``text`` analyzed as it is (entities
and quotes), predicted quotes scored against the gold ones with the DESIGN.md metric (lenient:
the shared characters cover >= 30 % of the gold span, strict: >= 80 %; greedy one-to-one pairs;
counts summed over articles), speaker accuracy on the lenient pairs, recall per kind, counts per
article. ``--verbose`` lists every missed gold quote, false positive and speaker mismatch.

English: the PolNeAR dev articles, the alphabetically first annotator of each. Gold quotes are
the attribution contents (all their spans), scored with the same metric, and the source-mention
accuracy (the predicted speaker mention overlaps a gold source span). Predictions are scored in
PolNeAR's unit, one attribution per cue (``attributions``). Twice: all attributions
against all predictions, and speech only (a cue holding a form of
../shared/lexicons/en_quote_verb_list.txt, on the gold and the predicted side alike).

Cost: CPU time of ``analyze`` with the entities component alone and with entities + quotes, on
all these texts, models loaded and a warm-up run first, best of --repeat runs.

``--json`` prints one object with every figure under dotted keys (``fr.lenient.f1``,
``en_speech.lenient.f1``, ``cost.ratio``...). ``run_french`` and ``run_english`` return the same
figures for the quality tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.evaluation import (
    LENIENT,
    STRICT,
    GoldQuote,
    PredictedQuote,
    QuoteScores,
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


def _article(text: str, language: str) -> Article:
    return Article(id=article_id(text), text=text, title=None, published=None, language=language)


def quotes_analyzer() -> Analyzer:
    """The analyzer the quality figures are measured with."""
    return Analyzer(Settings(), components=("entities", "quotes"))


# --- data ---------------------------------------------------------------------------------


def french_documents(root: Path = EVAL) -> list[GoldDocument]:
    """The fr-gold articles, with their gold ``text`` as the article text."""
    documents = []
    for path in sorted((root / "fr-gold").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        quotes = tuple(
            GoldQuote(((q["start"], q["end"]),), q.get("speaker"), kind=q.get("kind"))
            for q in data["quotes"]
        )
        cues = tuple(q.get("cue") or "" for q in data["quotes"])
        documents.append(GoldDocument(path.stem, _article(data["text"], "fr"), quotes, cues))
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


def run_french(
    analyzer: Analyzer | None = None, *, root: Path = EVAL, report: TextIO | None = None
) -> Figures:
    """French figures: ``fr.lenient.*``, ``fr.strict.*`` (counts, precision, recall, f1,
    speaker_accuracy), ``fr.<kind>.<threshold>.recall``, ``fr.doc.<name>.*`` counts. With
    ``report``, the missed quotes, false positives and speaker mismatches are written to it."""
    analyzer = analyzer or quotes_analyzer()
    documents = french_documents(root)
    figures: Figures = {"fr.documents": len(documents)}
    totals = dict.fromkeys(THRESHOLDS, QuoteScores())
    by_kind = {(kind, t): [0, 0] for kind in KINDS for t in THRESHOLDS}
    for document, analysis in zip(documents, _analyses(analyzer, documents), strict=True):
        predicted = [PredictedQuote.of(q) for q in analysis.quotes]
        prefix = f"fr.doc.{document.name}"
        figures[f"{prefix}.gold"] = len(document.quotes)
        figures[f"{prefix}.predicted"] = len(predicted)
        for name, threshold in THRESHOLDS.items():
            found = compare_quotes(predicted, document.quotes, threshold)
            totals[name] += found.scores
            figures[f"{prefix}.{name}"] = found.scores.matched
            matched = {pair.gold for pair in found.pairs}
            for g, gold in enumerate(document.quotes):
                if gold.kind in KINDS:
                    counts = by_kind[(gold.kind, name)]
                    counts[0] += g in matched
                    counts[1] += 1
        if report is not None:
            print(_show_french(document, analysis.quotes, predicted), file=report)
    for name, scores in totals.items():
        figures.update(_scores_figures(f"fr.{name}", scores, without="source"))
    for (kind, name), (hits, total) in by_kind.items():
        figures[f"fr.{kind}.gold"] = total
        figures[f"fr.{kind}.{name}.matched"] = hits
        figures[f"fr.{kind}.{name}.recall"] = hits / total if total else 0.0
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
                ),
                next((q.cue for q in group if q.cue), None),
            )
        )
    return merged


def run_english(analyzer: Analyzer | None = None, *, root: Path = EVAL) -> Figures:
    """English figures: ``en_all.<threshold>.*`` (all attributions, all predictions) and
    ``en_speech.<threshold>.*`` (speech cues on both sides), with source_accuracy."""
    analyzer = analyzer or quotes_analyzer()
    documents = english_documents(root)
    speech = speech_pattern(root.parent / "lexicons" / "en_quote_verb_list.txt")
    figures: Figures = {"en.documents": len(documents)}
    totals = {(subset, t): QuoteScores() for subset in ("all", "speech") for t in THRESHOLDS}
    for document, analysis in zip(documents, _analyses(analyzer, documents), strict=True):
        units = attributions(analysis.quotes)
        predicted = [unit for unit, _ in units]
        spoken = [unit for unit, cue in units if cue and speech.search(cue)]
        said = [
            gold
            for gold, cue in zip(document.quotes, document.cues, strict=True)
            if speech.search(cue)
        ]
        for name, threshold in THRESHOLDS.items():
            totals[("all", name)] += compare_quotes(predicted, document.quotes, threshold).scores
            totals[("speech", name)] += compare_quotes(spoken, said, threshold).scores
    for (subset, name), scores in totals.items():
        figures.update(_scores_figures(f"en_{subset}.{name}", scores, without="speaker"))
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


def print_french(figures: Figures) -> None:
    print(
        f"French quotations: fr-gold, {figures['fr.documents']:.0f} articles, gold text analyzed"
        " as is"
    )
    print(_line(figures, "fr.lenient", "lenient (>=30%)", "speaker_accuracy"))
    print(_line(figures, "fr.strict", "strict (>=80%)", "speaker_accuracy"))
    print("  recall by kind   lenient        strict")
    for kind in KINDS:
        total = figures[f"fr.{kind}.gold"]
        cells = [
            f"{figures[f'fr.{kind}.{t}.matched']:.0f}/{total:.0f} = "
            f"{figures[f'fr.{kind}.{t}.recall']:.3f}"
            for t in THRESHOLDS
        ]
        print(f"    {kind:<14} {cells[0]:<14} {cells[1]}")
    print("  per article                              gold  predicted  lenient  strict")
    names = sorted({k.split(".")[2] for k in figures if k.startswith("fr.doc.")})
    for name in names:
        counts = [figures[f"fr.doc.{name}.{c}"] for c in ("gold", "predicted", "lenient", "strict")]
        print(f"    {name:<38}" + "".join(f"{c:>6.0f}" + " " * 3 for c in counts).rstrip())


def print_english(figures: Figures) -> None:
    print(
        f"English attributions: PolNeAR dev, {figures['en.documents']:.0f} articles, first"
        " annotator of each"
    )
    print(
        "  all attributions (gold contents) against all predicted ones (records sharing a cue, or"
    )
    print("  continuing one, are one attribution, as PolNeAR annotates them)")
    for t, label in (("lenient", "lenient (>=30%)"), ("strict", "strict (>=80%)")):
        print(_line(figures, f"en_all.{t}", label, "source_accuracy"))
    print(
        "  speech only: cues holding a form of en_quote_verb_list.txt, on the gold and the"
        " predicted side alike"
    )
    for t, label in (("lenient", "lenient (>=30%)"), ("strict", "strict (>=80%)")):
        print(_line(figures, f"en_speech.{t}", label, "source_accuracy"))


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
        print("French misses, false positives and speaker mismatches (lenient)", file=report)
    french = run_french(analyzer, report=report)
    english = run_english(analyzer)
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
