"""Language identification: the script first, then lingua among that script's languages, with
what the page declares (``<html lang>``, ``Content-Language``, ``og:locale``, a feed's language)
weighed as evidence, never trusted blindly.

Every language lingua knows (75) can be answered. The text's dominant script decides most of the
work for free: Hangul is Korean, kana is Japanese, Han without kana is Chinese, Greek, Hebrew,
Thai… have one language each, and a script lingua has no model for (Burmese, Khmer, Ethiopic)
is never forced into one it has (the page's declaration is kept, or nothing). Only where a
script is shared (Latin, Cyrillic, Arabic, Devanagari) does lingua choose, and only among that
script's languages, in low-accuracy mode (trigram models: a fraction of the memory and time of
the full models, the same answers on article-length texts — see the README's figures).

A declared language wins when it is a close relative of lingua's answer (Danish, Norwegian
and Swedish, Indonesian and Malay, Czech and Slovak look alike to any detector and the page knows
better), or when lingua finds it plausible (its confidence is at least ``HINT_SHARE`` of the
best one, which happens on short texts). A declaration lingua finds implausible (the ``en`` a
CMS template puts on every page) loses to the text.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from newsdesk.config import language_code
from newsdesk.errors import UsageError

# lingua is accurate from a few sentences on; the head of a long article (half a dozen)
# decides as well as the whole of it, at a fraction of the cost.
_SAMPLE_CHARS = 1000
# The script is plain from the first few hundred letters.
_SCRIPT_CHARS = 600
# A declared language is taken when lingua gives it at least this share of the best confidence.
HINT_SHARE = 0.25
# Languages so close in writing that a detector's choice among them is a coin toss on some
# texts, while the page knows which it is written in: its declaration decides within a group.
_CLOSE_GROUPS = (
    ("id", "ms"),
    ("da", "nb", "nn", "sv"),
    ("bs", "hr", "sr"),
    ("cs", "sk"),
    ("af", "nl"),
    ("be", "ru", "uk"),
    ("bg", "mk"),
    ("hi", "mr"),
    ("st", "tn"),
    ("xh", "zu"),
)
_CLOSE = {code: group[0] for group in _CLOSE_GROUPS for code in group}
# Kana among the Han and kana letters of a Japanese text (particles, inflections) is far above
# this; a Chinese text quoting a Japanese name stays below it.
_KANA_SHARE = 0.05

# The script of each non-Latin lingua language; every other lingua language is written in Latin.
_SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "cyrillic": ("be", "bg", "kk", "mk", "mn", "ru", "sr", "uk"),
    "arabic": ("ar", "fa", "ur"),
    "devanagari": ("hi", "mr"),
    "bengali": ("bn",),
    "gurmukhi": ("pa",),
    "gujarati": ("gu",),
    "tamil": ("ta",),
    "telugu": ("te",),
    "thai": ("th",),
    "greek": ("el",),
    "hebrew": ("he",),
    "armenian": ("hy",),
    "georgian": ("ka",),
    "hangul": ("ko",),
    "kana": ("ja",),
    "han": ("zh",),
}

# (first code point, last code point, script), searched in order.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "greek"),
    (0x1F00, 0x1FFF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
    (0x0A80, 0x0AFF, "gujarati"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"),
    (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x3130, 0x318F, "hangul"),
    (0xAC00, 0xD7AF, "hangul"),
    (0x3040, 0x30FF, "kana"),
    (0x31F0, 0x31FF, "kana"),
    (0xFF66, 0xFF9F, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
)


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """ISO 639-1 codes of every language lingua can identify."""
    return frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())


@lru_cache(maxsize=16384)
def _script_of(ch: str) -> str:
    point = ord(ch)
    if point < 0x0250 or 0x1E00 <= point <= 0x1EFF:  # Latin, Vietnamese's stacked accents too
        return "latin"
    for first, last, script in _RANGES:
        if first <= point <= last:
            return script
    return "other"


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in (``"latin"``, ``"han"``, ``"kana"``…;
    ``"other"`` for scripts no lingua language uses), None without letters.

    Han text with enough kana is ``"kana"``: Japanese writes its nouns in Han characters.

    >>> dominant_script("東京で大きな地震があった。"), dominant_script("北京举行会议。")
    ('kana', 'han')
    """
    counts = Counter(_script_of(ch) for ch in text[:_SCRIPT_CHARS] if ch.isalpha())
    if not counts:
        return None
    kana, han = counts.pop("kana", 0), counts.pop("han", 0)
    if kana + han:
        counts["kana" if kana >= _KANA_SHARE * (kana + han) else "han"] = kana + han
    return counts.most_common(1)[0][0]


def script_languages(script: str) -> tuple[str, ...]:
    """The lingua languages written in ``script`` (none for ``"other"``)."""
    if script == "latin":
        others = {code for codes in _SCRIPT_LANGUAGES.values() for code in codes}
        return tuple(sorted(known_languages() - others))
    return _SCRIPT_LANGUAGES.get(script, ())


def check_languages(codes: tuple[str, ...]) -> None:
    """Raise ``UsageError`` naming any code lingua does not know."""
    unknown = [code for code in codes if code not in known_languages()]
    if unknown:
        raise UsageError(
            f"languages: {', '.join(map(repr, unknown))} is not an ISO 639-1 code of a "
            f"language the detector knows; it knows {', '.join(sorted(known_languages()))}"
        )


@lru_cache(maxsize=16)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def candidates(text: str, codes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The languages ``text`` may be in: those of its dominant script, narrowed to ``codes``
    when given (empty: every language lingua knows)."""
    script = dominant_script(text)
    if script is None:
        return ()
    found = script_languages(script)
    return tuple(c for c in found if c in codes) if codes else found


def detect_language(text: str, codes: tuple[str, ...] = (), hint: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language, among ``codes`` when given; ``hint`` is what the
    page declares (``nb-NO``, ``pt_BR``…), taken when the text agrees or says nothing.

    >>> detect_language("Le chef de l'OTAN a déclaré mardi qu'il craignait", ("fr", "en"))
    'fr'
    >>> detect_language("Statsministeren sier at regjeringen vil legge frem", hint="nb-NO")
    'nb'
    """
    codes = tuple(dict.fromkeys(c for code in codes if (c := language_code(code))))
    check_languages(codes)
    declared = language_code(hint) if hint else None
    sample = text[:_SAMPLE_CHARS]
    script = dominant_script(sample)
    if script is None or script == "other":
        # No letters, or a script lingua has no language for: only the page can say.
        unchecked = declared is not None and declared not in known_languages()
        usable = declared is not None and (script is None or unchecked)
        return declared if usable and (not codes or declared in codes) else None
    found = candidates(sample, codes)
    if len(found) <= 1:
        return found[0] if found else None
    detector = _detector(found)
    best = detector.detect_language_of(sample)
    if best is None:
        return declared if declared in found else None
    if declared is None or declared not in found or _code(best) == declared:
        return _code(best)
    if _CLOSE.get(declared, declared) == _CLOSE.get(_code(best)):
        return declared
    # The text and the page disagree: weigh the declaration (this costs a second pass).
    values = detector.compute_language_confidence_values(sample)
    confidence = {_code(v.language): v.value for v in values}
    top = max(confidence.values())
    return declared if confidence.get(declared, 0.0) >= HINT_SHARE * top else _code(best)


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
