"""Sphinx configuration: MyST Markdown pages, furo theme, API from docstrings, CLI from its help.

Build with warnings as errors, as CI does::

    sphinx-build -W -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

import rotation

# docs/ itself, for the directive that documents the command line from its own help.
sys.path.insert(0, str(Path(__file__).parent))

project = "rotation"
author = "rotation developers"
copyright = "rotation developers"
release = rotation.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "_command_help",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "img/tutorial/*.sh", "Thumbs.db", ".DS_Store"]
root_doc = "index"
language = "en"

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_class_signature = "separated"
autodoc_default_options = {"members": True}

html_theme = "furo"
html_title = f"rotation {release}"
html_static_path: list[str] = []
