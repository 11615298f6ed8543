"""The analyze stage: ``Article`` -> ``Analysis``: entities, places, quotations and dates.

>>> text = "Le chef de l'OTAN, Jens Stoltenberg, a parlé mardi. Stoltenberg a ajouté un mot."
>>> article = Article(id="x", text=text, title=None, published=None, language="fr")
>>> [(e.name, len(e.mentions)) for e in Analyzer(Settings()).analyze_one(article).entities]
[('OTAN', 1), ('Jens Stoltenberg', 2)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from typing import TYPE_CHECKING

from newsdesk.analyze.dates import DateFinder
from newsdesk.analyze.entities import EntityFinder
from newsdesk.analyze.knownnames import CORPUS_NAMES, KnownNames, corpus_names, rated
from newsdesk.analyze.names import named_doc
from newsdesk.analyze.pipelines import Component, Pipelines, parse
from newsdesk.analyze.places import PlaceFinder
from newsdesk.analyze.quotes import QuoteFinder
from newsdesk.analyze.speech import SpeechFinder
from newsdesk.config import Settings
from newsdesk.errors import StoreError, UsageError
from newsdesk.records import Analysis, Article

if TYPE_CHECKING:
    from spacy.language import Language

    from newsdesk.store.base import Store

__all__ = ["COMPONENTS", "Analyzer"]

# Every analysis component, in the order they run: a component may read what the ones before it
# found (places give located entities their ids; quotes name their speakers from the entities).
COMPONENTS: tuple[str, ...] = ("entities", "places", "quotes", "dates")


def _untimed(name: str) -> AbstractContextManager[object]:
    return nullcontext()


class Analyzer:
    """Runs the analysis components over articles, with one spaCy pipeline per language.

    Nothing is loaded when the analyzer is made: each language's pipeline loads on the first
    article in that language, with the pipes the components require, and is kept for the
    analyzer's life (one analyzer per worker).
    """

    def __init__(self, settings: Settings, components: Sequence[str] = COMPONENTS) -> None:
        unknown = sorted(set(components) - set(COMPONENTS))
        if unknown:
            raise UsageError(
                f"no analysis component {', '.join(unknown)}; the components are "
                f"{', '.join(COMPONENTS)}"
            )
        self._settings = settings
        made: dict[str, Component] = {
            "entities": EntityFinder(models=settings.models),
            "places": PlaceFinder(),
            "quotes": QuoteFinder(),
            "dates": DateFinder(),
        }
        self._components: tuple[Component, ...] = tuple(
            made[name] for name in COMPONENTS if name in components
        )
        # A language without a spaCy pipeline: capitalised names stand for the model's entities
        # and quotations are read from punctuation and the language's speech words.
        self._plain_components = tuple(
            SpeechFinder() if c.name == "quotes" else c for c in self._components
        )
        requires = frozenset().union(*(c.requires for c in self._components))
        self.pipelines = Pipelines(settings.models, requires)
        # What times each step ("spaCy", then each component by name); a profile sets it.
        self.stage: Callable[[str], AbstractContextManager[object]] = _untimed
        self._corpus: Store | None = None
        self._known: KnownNames | None = None

    @property
    def settings(self) -> Settings:
        return self._settings

    def know_corpus(self, store: Store) -> None:
        """Read the names of ``store``'s corpus entities (its most mentioned) on the next
        article with no pipeline; they are found in such articles with the corpus's label.
        Called again, the names are read again (once the store has more)."""
        self._corpus, self._known = store, None

    def _known_names(self) -> KnownNames | None:
        if self._known is None and self._corpus is not None:
            try:
                entities = self._corpus.entities(limit=CORPUS_NAMES)
            except StoreError:
                entities = []  # a store that cannot say: capitalised names only
            self._known = KnownNames(corpus_names(entities))
        return self._known

    def analyze(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """One ``Analysis`` per article, in input order; consumes ``articles`` a batch at a time.

        Articles without a language get an ``Analysis`` with empty lists; those in a language
        with no configured pipeline get the analysis that needs no model (``names``, ``speech``).
        """
        size = max(1, self._settings.batch_size)
        stream = iter(articles)
        while batch := list(islice(stream, size)):
            yield from self._analyze_batch(batch)

    def analyze_one(self, article: Article) -> Analysis:
        """The ``Analysis`` of one article."""
        return next(self.analyze([article]))

    def _analyze_batch(self, batch: list[Article]) -> list[Analysis]:
        results = [Analysis(article=article) for article in batch]
        by_language: dict[str, list[int]] = {}
        for i, article in enumerate(batch):
            if article.language and self.pipelines.model(article.language):
                by_language.setdefault(article.language, []).append(i)
            elif article.language:
                known = self._known_names()
                with self.stage("names (no model)"):
                    doc = named_doc(article.text, article.language, known)
                for component in self._plain_components:
                    with self.stage(component.name):
                        results[i] = component(doc, results[i])
                results[i] = rated(results[i], known)
        for language, indices in by_language.items():
            nlp = self.pipelines.get(language)
            if nlp is None:
                continue
            # The words a batch brings into the pipeline's vocab and string store are dropped
            # once its analyses are made (they hold plain strings only, never a Doc or a hash),
            # so a worker's memory does not grow with every new word of a long run.
            with nlp.memory_zone():
                self._parsed(nlp, [batch[i].text for i in indices], indices, results)
        return results

    def _parsed(
        self, nlp: Language, texts: list[str], indices: list[int], results: list[Analysis]
    ) -> None:
        """Parse ``texts`` and run every component over them into ``results`` (at ``indices``);
        no Doc outlives the call."""
        with self.stage("spaCy"):
            docs = list(parse(nlp, texts, self._settings.batch_size))
        for i, doc in zip(indices, docs, strict=True):
            for component in self._components:
                with self.stage(component.name):
                    results[i] = component(doc, results[i])
