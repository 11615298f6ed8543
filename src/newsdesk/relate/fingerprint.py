"""Near-duplicate texts: MinHash signatures of word shingles, their LSH bands, and the share of
text two articles have in common.

A text is cut into overlapping runs of ``SHINGLE`` words (case and accents folded); its MinHash
signature (datasketch, ``NUM_PERM`` permutations) estimates the Jaccard similarity of two such
sets. LSH cuts the signature into bands of a few rows (``bands()``): two texts whose Jaccard
similarity is near ``LSH_THRESHOLD`` or above share at least one band with high probability, so
looking a new text up costs a few index probes, never a pass over the corpus.

The *share of text in common* is the estimated number of shingles both texts hold divided by
the shingles of the shorter one: a copy cut to its first half still shares nearly all of itself
with the original, while its Jaccard similarity drops to one half.

>>> a = fingerprint("Le chef de l'OTAN a déclaré mardi que les alliés allaient livrer des armes.")
>>> share(a, a)
1.0
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.records import Analysis, Prepared

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE = 5
NUM_PERM = 128
# LSH is tuned for this Jaccard similarity; copies are then confirmed by their share in common.
LSH_THRESHOLD = 0.25
# Two texts are copies of one another when the shorter shares at least this much with the
# longer (measured on the development split of the copies benchmark, see benchmarks/copies.py).
COPY_SHARE = 0.5
# Texts shorter than this many words give signatures too noisy to call copies.
MIN_WORDS = 25

_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(1_000_003)
_MASK = np.uint64(0xFFFFFFFF)
# Combining marks left by NFKD (accents of Latin, Greek and Cyrillic letters).
_MARKS = re.compile(r"[\u0300-\u036f]")


# (bands, rows per band) of the LSH index: datasketch's choice for ``LSH_THRESHOLD`` and
# ``NUM_PERM`` with false positives and false negatives weighed alike
# (``datasketch.lsh._optimal_param(0.25, 128, 0.5, 0.5)``, checked by the tests). Written out:
# computing it loads scipy, about 2.5 s of CPU for the process that writes the store.
BANDS = (42, 3)


def bands() -> tuple[int, int]:
    """(bands, rows per band) of the LSH index (``BANDS``)."""
    return BANDS


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature (``NUM_PERM`` uint32 values as bytes) and its shingle count."""

    signature: bytes
    shingles: int

    @property
    def values(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype=np.uint32)


def words(text: str) -> list[str]:
    """The words of ``text``, case and accents folded.

    >>> words("L'ÉTÉ, déjà!")
    ['l', 'ete', 'deja']
    """
    if text.isascii():
        return _WORD.findall(text.lower())
    return _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold())))


def shingles(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the ``SHINGLE``-word runs of ``text`` (of the whole text
    when it is shorter): each word hashed once (CRC-32), each run's hash a polynomial of its
    words' hashes, computed for all runs at once.

    >>> len(shingles("un deux trois quatre cinq six")), len(shingles("Un, deux")), len(shingles(""))
    (2, 1, 0)
    """
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.fromiter(
        (zlib.crc32(t.encode()) for t in tokens), dtype=np.uint64, count=len(tokens)
    )
    size = min(SHINGLE, len(tokens))
    runs = len(tokens) - size + 1
    combined = np.zeros(runs, dtype=np.uint64)
    for k in range(size):
        combined = (combined * _MULTIPLIER + hashes[k : k + runs]) & _MASK
    return np.unique(combined.astype(np.uint32))


# datasketch's MinHash (its default "affine32" scheme): each shingle hash is mixed by the
# MurmurHash3 finalizer, then permuted by h -> a * h + b modulo 2**32, the permutations drawn
# from ``numpy.random.RandomState(seed)``. Done here in numpy, to the bit: importing datasketch
# loads scipy (about 60 MB), which a pool worker computing fingerprints should not hold.
_SEED = 1
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_EMPTY = np.uint32(0xFFFFFFFF)
_BLOCK = 1024


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Drawn once, as datasketch draws them: every signature must use the same ones.
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32) of a set of 32-bit hashes, as datasketch's
    ``MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int).update_batch(hashes)`` gives it."""
    if not len(hashes):
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    s1, m1, s2, m2 = _FMIX32
    h = hashes.astype(np.uint32)
    h = (h ^ (h >> s1)) * m1
    h = (h ^ (h >> s2)) * m2
    h = h ^ (h >> s1)
    a, b = _permutations()
    # A block of shingles at a time: a long text's whole table of permuted values would
    # take megabytes of a worker's memory.
    found = np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    for i in range(0, len(h), _BLOCK):
        np.minimum(found, (h[i : i + _BLOCK, None] * a + b).min(axis=0), out=found)
    return found


def fingerprint(text: str) -> Fingerprint:
    """The MinHash signature of ``text``'s shingles."""
    found = shingles(text)
    return Fingerprint(signature(found).tobytes(), len(found))


def text_digest(text: str) -> bytes:
    """The digest that ties a fingerprint computed ahead (``Prepared``) to its text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def prepared(analysis: Analysis) -> Analysis:
    """``analysis`` carrying its text's fingerprint, computed here (see ``Prepared``).

    >>> from newsdesk.records import Article
    >>> a = prepared(Analysis(Article(id="a", text="Le chef de l'OTAN", title=None,
    ...                               published=None, language="fr")))
    >>> of_analysis(a) == fingerprint("Le chef de l'OTAN"), a.prepared.shingles
    (True, 1)
    """
    text = analysis.article.text
    found = fingerprint(text)
    return replace(analysis, prepared=Prepared(text_digest(text), found.signature, found.shingles))


def of_analysis(analysis: Analysis) -> Fingerprint:
    """The fingerprint of the analysis's text: the one it carries when it was computed from
    that very text, else computed now."""
    ready, text = analysis.prepared, analysis.article.text
    if ready is not None and ready.digest == text_digest(text):
        return Fingerprint(ready.signature, ready.shingles)
    return fingerprint(text)


def minhash(fp: Fingerprint) -> MinHash:
    """The datasketch MinHash of a fingerprint (for datasketch's own LSH index)."""
    from datasketch import MinHash

    return MinHash(hashvalues=fp.values.astype(np.uint64), scheme="affine32", seed=1)


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if not a.shingles or not b.shingles:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def share(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the shorter text's shingles found in the longer one, in [0, 1]."""
    j = jaccard(a, b)
    if j == 0.0:
        return 0.0
    common = j * (a.shingles + b.shingles) / (1.0 + j)
    return round(min(1.0, common / min(a.shingles, b.shingles)), 3)


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    """Whether two texts are the same text give or take boilerplate, cuts and edits."""
    if min(a.shingles, b.shingles) + SHINGLE - 1 < MIN_WORDS:
        return False
    return share(a, b) >= COPY_SHARE


def band_keys(fp: Fingerprint) -> list[int]:
    """The LSH keys of a fingerprint, one per band: a signed 64-bit digest of the band's rows
    and its number, so one index column holds every band."""
    raw = fp.signature
    count, rows = bands()
    width = rows * 4
    keys = []
    for band in range(count):
        digest = hashlib.blake2b(
            raw[band * width : (band + 1) * width], digest_size=8, person=band.to_bytes(2, "big")
        ).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys
