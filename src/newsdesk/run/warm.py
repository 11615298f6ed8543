"""Imported once by the process pool's fork server, before any worker is forked from it.

What is loaded here is loaded once per run and shared by every worker, instead of being paid
inside each worker, or inside the first document of each that needs it: htmldate's date tables
and trafilatura's stop lists (see ``extract.html.warm_up``), the language detector, and an
analyzer for the settings in the environment with every configured pipeline loaded and every
component warmed (gazetteer, lexicons, first-call compiles). A worker forked from the server
finds them in memory, shared copy-on-write, and is ready at once.

Then every object made so far is moved out of the garbage collector's reach (``gc.freeze``):
a collection in a worker would otherwise touch each one and copy its page.
"""

from __future__ import annotations

import contextlib
import gc

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.extract.html import warm_up
from newsdesk.extract.language import detect_language
from newsdesk.run.local import warm_analyzer


def _same(settings: Settings, other: Settings) -> bool:
    """Whether an analyzer made with ``other`` analyzes as one made with ``settings``."""
    return dict(settings.models) == dict(other.models) and settings.batch_size == other.batch_size


def _preload() -> Analyzer | None:
    """An analyzer for the environment's settings, every pipeline loaded and warmed."""
    try:
        settings = Settings.from_env()
        analyzer = Analyzer(settings)
        for language in settings.models:
            warm_analyzer(analyzer, language)
        detect_language("Warm the language detector up before any time limit.", settings.languages)
    except Exception:  # a bad setting: each worker builds its own, and says what is wrong
        return None
    return analyzer


def warm_analyzer_for(settings: Settings) -> Analyzer:
    """The analyzer loaded here when it fits ``settings``; else one made and warmed now."""
    if PRELOADED is not None and _same(settings, PRELOADED.settings):
        return PRELOADED
    analyzer = Analyzer(settings)
    for language in settings.models:
        warm_analyzer(analyzer, language)
    # A bad language setting fails each document with its reason.
    with contextlib.suppress(Exception):
        detect_language("Warm the language detector up before any time limit.", settings.languages)
    return analyzer


warm_up()
PRELOADED = _preload()
gc.freeze()
