"""What the analysis of an article's language gives, told to the user where articles are shown.

A language with a spaCy pipeline (``NEWSDESK_MODELS``) gets the full analysis. A language
without one gets a partial analysis: names from capitalised words (none in scripts without
capitals), quotations from its quotation marks, with speech verbs, indirect speech and speakers
when it has a speech data file. An article of unknown language gets none.

>>> depth("fr", {"fr": "fr_core_news_md"}), depth("de", {}), depth(None, {})
('full', 'partial', 'none')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

# The speech data files of the model-less quotation reader (``analyze.speech``); read here by
# name only, so that telling the user needs no model nor spaCy.
SPEECH_DATA = Path(__file__).parent / "analyze" / "data" / "speech"

Depth = Literal["full", "partial", "none"]
# Scripts without capital letters: no name can be read from capitals.
_UNCASED = frozenset({"ja", "zh", "ko", "ar", "fa", "ur", "he", "hi", "mr", "bn", "th", "ta"})


def depth(language: str | None, models: Mapping[str, str]) -> Depth:
    """How much of the analysis an article of ``language`` gets with these pipelines."""
    if not language or language == "unknown":  # how counts name articles of no language
        return "none"
    return "full" if language in models else "partial"


def note(language: str | None, models: Mapping[str, str]) -> str | None:
    """A sentence telling what an article of ``language`` got, None for the full analysis.

    >>> note("is", {}).split(";")[0]
    'partial analysis: is has no spaCy pipeline (NEWSDESK_MODELS)'
    """
    found = depth(language, models)
    if found == "full":
        return None
    if found == "none":
        return "no analysis: the article's language is unknown"
    names = (
        "names are the corpus's and the gazetteer's, and names before an honorific"
        if language in _UNCASED
        else "names are read from capitalised words"
    )
    quotes = (
        "quotations from quotation marks and a list of speech words"
        if (SPEECH_DATA / f"{language}.toml").is_file()
        else "quotations from quotation marks only"
    )
    return (
        f"partial analysis: {language} has no spaCy pipeline (NEWSDESK_MODELS); {names} and "
        f"{quotes}, with lower confidence"
    )
