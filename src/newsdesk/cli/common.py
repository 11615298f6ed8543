"""What every command shares: consoles, option types, settings, errors to exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite database (default: $NEWSDESK_DB or the user data dir)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON output, one object per line.")]


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment with the command's options on top; bad values exit 2."""
    try:
        return Settings.from_env(**overrides)
    except NewsdeskError as exc:
        raise fail(str(exc), 2) from None


def print_json(record: object) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` on stderr; the Exit to raise with ``code``."""
    err.print(f"newsdesk: {message}", markup=False)
    return typer.Exit(code)
