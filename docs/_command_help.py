"""Sphinx directive ``command-help``: a ``rotation`` command's own help, as the page's text.

The command line is a typer app, and typer vendors its own click, which sphinx-click does not
recognise; this directive walks the command the same way ``--help`` does (usage line, help
text, one entry per argument and option from ``get_help_record``), so the reference always
matches the installed command.

Usage in MyST::

    ```{command-help} plan
    ```

Without an argument it documents the top-level ``rotation`` command.
"""

from __future__ import annotations

from typing import Any

import typer.main
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from rotation.cli.app import app as rotation_app

PROG = "rotation"


def _paragraphs(text: str | None) -> list[nodes.Node]:
    return [nodes.paragraph(text=part.strip()) for part in (text or "").split("\n\n") if part]


class CommandHelp(SphinxDirective):
    """Document one subcommand (or the top-level command) from its click objects."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        group: Any = typer.main.get_command(rotation_app)
        root = group.make_context(PROG, [], resilient_parsing=True)
        if self.arguments:
            name = self.arguments[0]
            command = group.commands[name]
            context = command.make_context(name, [], parent=root, resilient_parsing=True)
        else:
            command, context = group, root
        usage = command.get_usage(context)
        out: list[nodes.Node] = [nodes.literal_block(usage, usage, language="text")]
        out += _paragraphs(command.help)
        if not self.arguments:
            commands = nodes.definition_list()
            for name, sub in group.commands.items():
                short = sub.get_short_help_str(limit=300)
                item = nodes.definition_list_item()
                item += nodes.term("", "", nodes.literal(text=f"{PROG} {name}"))
                item += nodes.definition("", nodes.paragraph(text=short))
                commands += item
            out.append(commands)
        options = nodes.definition_list()
        for param in command.get_params(context):
            record = param.get_help_record(context)
            if record is None:
                continue
            names, text = record
            item = nodes.definition_list_item()
            item += nodes.term("", "", nodes.literal(text=names))
            item += nodes.definition("", nodes.paragraph(text=text))
            options += item
        if len(options):
            out.append(options)
        out += _paragraphs(command.epilog)
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("command-help", CommandHelp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
