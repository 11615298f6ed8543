"""How two written forms of one name compare: an acronym and its long form (``OMS``,
``Organisation mondiale de la santé``), initials for first names (``B. Obama``), a surname
ending a full name."""

from __future__ import annotations

import re

INITIALS = re.compile(r"^(?:[^\W\d_](?: |$))+")


def acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is the acronym of ``long`` (``OMS``, ``Organisation mondiale de la
    santé``): the initials of its capitalised words, or of all its words but short ones.

    >>> acronym_of("OMS", "Organisation mondiale de la santé"), acronym_of("EU", "Europe")
    (True, False)
    """
    if len(short) < 2 or not short.isupper() or not short.isalpha():
        return False
    words = re.findall(r"[^\W\d_]+", long)
    capitals = "".join(w[0] for w in words if w[0].isupper())
    initials = "".join(w[0] for w in words if len(w) > 3 or w[0].isupper())
    return len(words) > 1 and short in {capitals.upper(), initials.upper()}


def initialled(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with its first names as initials (``b obama``, ``barack
    obama``; name keys)."""
    initials = INITIALS.match(short)
    if initials is None or not initials.group() or short == full:
        return False
    letters = initials.group().split()
    names = full.split()
    surname = short[initials.end() :].split()
    return (
        bool(surname)
        and len(names) == len(letters) + len(surname)
        and names[len(letters) :] == surname
        and all(n.startswith(letter) for n, letter in zip(names, letters, strict=False))
    )


def ends_with(full: str, short: str) -> bool:
    f, s = full.split(), short.split()
    return bool(s) and len(s) <= len(f) and f[-len(s) :] == s
