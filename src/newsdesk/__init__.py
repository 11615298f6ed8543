"""newsdesk: who said what, about whom, where and when — from news as it really arrives.

The library calls behind the commands live in ``newsdesk.run.local`` (``ingest``,
``extract_paths``, ``analyze_paths``); ``newsdesk.ingest`` is the package of input sources.
"""

__version__ = "0.1.0"
