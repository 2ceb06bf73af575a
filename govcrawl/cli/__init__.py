"""`govcrawl` command line: one module per command group (harvest, parse, seeds, archive)."""

from govcrawl.cli.main import main

__all__ = ["main"]
