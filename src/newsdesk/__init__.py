"""newsdesk: who said what, about whom, where and when — from news as it really arrives.

The library calls behind the commands are importable from here; the heavy modules (spaCy,
trafilatura) load only when one of them is first used.

>>> import newsdesk
>>> newsdesk.ingest.__module__
'newsdesk.run.local'
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["analyze_paths", "extract_paths", "ingest"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsdesk.run import local

        return getattr(local, name)
    raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")
