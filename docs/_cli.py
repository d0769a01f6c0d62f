"""The ``rotation`` command as a click command, for sphinx-click (docs/reference/cli.md)."""

import typer.main

from rotation.cli.app import app

command = typer.main.get_command(app)
