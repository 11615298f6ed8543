"""``newsdesk`` command line: thin commands over the library.

Exit status: 0 when everything succeeded, 1 when some inputs failed or a record is missing,
2 on usage errors.
"""

from __future__ import annotations

import typer

from newsdesk.cli import distributed, entities, places, queries, serve, stages, stories

app = typer.Typer(
    name="newsdesk",
    help="Who said what, about whom, where and when: news into a searchable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(stages.ingest)
app.command()(stages.extract)
app.command()(stages.analyze)
app.command()(stages.bench)
app.command()(queries.search)
app.command()(queries.quotes)
app.command()(queries.show)
app.command()(queries.stats)
app.command()(entities.entities)
app.command()(entities.entity)
app.command()(places.places)
app.command()(stories.stories)
app.command()(stories.story)
app.command()(stories.statements)
app.command()(serve.serve)
app.command()(distributed.run)
app.command()(distributed.load)


def main() -> None:
    """Console-script entry point."""
    app()
