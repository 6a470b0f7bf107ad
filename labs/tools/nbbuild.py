"""Helpers that turn a lab's cell list (labs/tools/labNN_*.py) into a notebook.

A lab module defines ``NAME`` (the notebook's file stem, e.g. ``"00-tour"``) and ``CELLS``, a
list made with :func:`md` and :func:`code`. Tags mean:

* ``check``: an exercise's check cell; the student version must fail here (tests/test_labs.py).
* ``nbval-ignore-output``: the cell runs under nbval but its output is not compared (timings,
  MIPS, widget displays, code the translator generates).
* ``nbval-skip``: not run by nbval at all (none so far).
"""
from __future__ import annotations

import textwrap

import nbformat

IGNORE = "nbval-ignore-output"
CHECK = "check"

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def md(text: str):
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip("\n"))


def code(src: str, *tags: str):
    cell = nbformat.v4.new_code_cell(textwrap.dedent(src).strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def ignore(src: str):
    """A cell whose output legitimately varies (timings, widgets)."""
    return code(src, IGNORE)


def check(src: str):
    """An exercise's check cell."""
    return code(src, CHECK)


def notebook(cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.from_dict(c) for c in cells]
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def cell_key(cell) -> tuple:
    """What the builder decides about a cell (source, type, tags): used to detect notebooks
    edited by hand without updating their lab module."""
    return (cell.cell_type, cell.source, tuple(cell.get("metadata", {}).get("tags", ())))
