"""Placeholder until the brief command lands (helper-8 owns this file and replaces it)."""

import click


@click.command()
def brief() -> None:
    """Write the CSTO brief (not yet implemented)."""
    raise click.ClickException("not implemented yet")
