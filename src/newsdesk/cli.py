"""Command line (placeholder until the commands land)."""


def main() -> None:
    raise SystemExit("newsdesk: commands not built yet")
