"""spaCy pipelines per language, loaded once and with only the components the analysis needs.

Each analysis component says which spaCy pipes it reads (``requires``, after spaCy's own
requires/assigns); the pipeline for a language is loaded with the union of those pipes and the
tok2vec layers they listen to, everything else excluded. A trained pipeline whose ``ner`` has its
own embedding layer (fr_core_news_md, en_core_web_sm) then loads as ``["ner"]`` alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_model_meta, get_package_path, is_package, load_config
from thinc.api import Config

from newsdesk.analyze.matmul import multiply_with_numpy
from newsdesk.errors import ModelNotInstalled, UsageError
from newsdesk.records import Analysis

# The parser's and NER's working memory grows with the characters in one nlp.pipe batch (about
# 3.4 kB each with the small models: a batch of 100,000 characters raised a worker's resident
# memory by 320 MiB, one of 25,000 by 100 MiB, for the same CPU time and the same analyses), not
# with the number of texts: a text is parsed in pieces of at most PIECE_CHARS, cut at paragraph
# breaks, and a batch holds at most BATCH_CHARS. This keeps a 1.2M-character text at the memory
# of an ordinary batch, and far below spaCy's max_length (1,000,000).
PIECE_CHARS = 20_000
BATCH_CHARS = 25_000

_MODELS_SETTING = "NEWSDESK_MODELS"


class Component(Protocol):
    """One part of the analysis: reads a parsed ``Doc``, adds its findings to the ``Analysis``."""

    name: str
    # Names of the spaCy pipes (as in trained pipelines: "ner", "parser", ...) whose output the
    # component reads. The pipeline of each language is loaded with the union of these.
    requires: frozenset[str]

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """The ``analysis`` with this component's findings added (a new record)."""
        ...


def model_config(model: str) -> Config:
    """The training config of an installed pipeline (a package name or a directory), unloaded.

    Raises ``ModelNotInstalled`` when there is no such pipeline.
    """
    if is_package(model):
        package = get_package_path(model)
        meta = get_model_meta(package)
        data = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        path = data if data.is_dir() else package
    else:
        path = Path(model)
    config_file = path / "config.cfg"
    if not config_file.is_file():
        raise ModelNotInstalled(
            f"the spaCy pipeline {model!r} is not installed "
            f"(its package would be installed with: pip install {model.replace('_', '-')})"
        )
    return load_config(config_file)


def _listened_to(node: Any) -> Iterator[str]:
    """Upstream names of the Tok2VecListener layers anywhere in a component's model config."""
    if isinstance(node, dict):
        architecture = str(node.get("@architectures", ""))
        if "Listener" in architecture and "upstream" in node:
            yield str(node["upstream"])
        for value in node.values():
            yield from _listened_to(value)


def needed_pipes(config: Config, requires: Collection[str], *, model: str = "") -> list[str]:
    """The pipes to load for ``requires``, in pipeline order: the pipes themselves plus the
    embedding layers (tok2vec, transformer) they listen to.

    >>> needed_pipes(model_config("fr_core_news_md"), {"parser"})
    ['tok2vec', 'parser']
    """
    pipeline: list[str] = list(config["nlp"]["pipeline"])
    components: dict[str, Any] = dict(config["components"])
    missing = sorted(set(requires) - set(pipeline))
    if missing:
        raise UsageError(
            f"the spaCy pipeline {model or '?'} has no {', '.join(missing)} component, which the "
            f"analysis needs; it has {', '.join(pipeline)}"
        )
    needed = set(requires)
    todo = list(requires)
    while todo:
        for upstream in _listened_to(dict(components.get(todo.pop(), {}))):
            # "*" listens to any embedding component; trained pipelines name theirs.
            sources = (
                [n for n in pipeline if components[n].get("factory") in {"tok2vec", "transformer"}]
                if upstream == "*"
                else [upstream]
            )
            for source in sources:
                if source not in needed:
                    needed.add(source)
                    todo.append(source)
    return [name for name in pipeline if name in needed]


def load_pipeline(model: str, requires: Collection[str]) -> Language:
    """Load ``model`` with only the pipes ``requires`` needs (others are never loaded), its
    matrix products done by numpy's BLAS (``matmul``)."""
    config = model_config(model)
    keep = needed_pipes(config, requires, model=model)
    exclude = [name for name in config["nlp"]["pipeline"] if name not in keep]
    try:
        nlp = spacy.load(model, exclude=exclude)
    except OSError as exc:  # a package whose data is incomplete
        raise ModelNotInstalled(f"the spaCy pipeline {model!r} cannot be loaded: {exc}") from exc
    for name in keep:  # a pipe disabled by default (senter) is wanted when asked for
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    multiply_with_numpy(nlp)
    return nlp


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters whose concatenation is ``text``.

    Cuts fall after a blank line if one is in the second half of the window, else after a line
    break, a sentence end or a space, and only as a last resort inside a word.

    >>> split_text("ab\\n\\ncd", 4)
    ['ab\\n\\n', 'cd']
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for separator in ("\n\n", "\n", ". ", " "):
            found = window.rfind(separator, limit // 2)
            if found != -1:
                cut = found + len(separator)
                break
        if cut == 0:
            cut = limit
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts``, one ``Doc`` per text in order; a text longer than a piece is
    parsed in pieces and joined back, so the Doc's text (and every offset) is the input's."""
    limit = min(PIECE_CHARS, nlp.max_length)
    split = [split_text(text, limit) for text in texts]
    docs = _pipe(nlp, (piece for pieces in split for piece in pieces), batch_size)
    for pieces in split:
        parts = [next(docs) for _ in pieces]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def _pipe(nlp: Language, pieces: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe`` in batches of at most ``batch_size`` pieces and ``BATCH_CHARS`` characters."""
    batch: list[str] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) >= batch_size or chars + len(piece) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


class Pipelines:
    """The spaCy pipeline of each configured language, each loaded on first use, then kept."""

    def __init__(self, models: Mapping[str, str], requires: Iterable[str]) -> None:
        self._models = dict(models)
        self._requires = frozenset(requires)
        self._loaded: dict[str, Language] = {}

    def model(self, language: str | None) -> str | None:
        """The configured pipeline name for ``language``, if any."""
        return self._models.get(language) if language else None

    def get(self, language: str | None) -> Language | None:
        """The pipeline for ``language``, loading it now if needed; None when none is set."""
        model = self.model(language)
        if model is None or language is None:
            return None
        if language not in self._loaded:
            try:
                self._loaded[language] = load_pipeline(model, self._requires)
            except ModelNotInstalled as exc:
                setting = ",".join(f"{lang}={name}" for lang, name in self._models.items())
                raise ModelNotInstalled(
                    f"language {language!r}: {exc.reason}; install it, or name another pipeline "
                    f"in the {_MODELS_SETTING} setting (now {setting})"
                ) from exc
        return self._loaded[language]

    @property
    def loaded(self) -> Mapping[str, Language]:
        """The pipelines loaded so far, by language."""
        return dict(self._loaded)
