"""Course tools: the student version of a lab notebook.

A lab notebook in ``labs/`` holds the reference solution of each exercise between markers::

    ### BEGIN SOLUTION
    def handle_add(...):
        ...
    ### END SOLUTION

The student version replaces every marked region with a placeholder that raises
NotImplementedError (in code cells) or asks for an answer (in markdown cells), removes the
stored outputs of cells that contained solutions, and keeps every check cell unchanged, so the
checks fail until the student writes an answer.
"""
from __future__ import annotations

import re
from pathlib import Path

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CODE_PLACEHOLDER = "# YOUR CODE HERE\nraise NotImplementedError()"
TEXT_PLACEHOLDER = "_Your answer here._"
_REGION = re.compile(r"^([ \t]*)" + re.escape(BEGIN) + r"[^\n]*\n(.*?)^[ \t]*" + re.escape(END) + r"[^\n]*\n?",
                     re.S | re.M)


class LabError(ValueError):
    """A lab notebook's solution markers are unbalanced."""


def strip_solutions(source: str, code: bool = True) -> tuple[str, int]:
    """Source with every solution region replaced; and how many regions there were."""
    if source.count(BEGIN) != source.count(END):
        raise LabError(f"unbalanced solution markers: {source.count(BEGIN)} '{BEGIN}' "
                       f"and {source.count(END)} '{END}'")
    n = 0

    def repl(mo: re.Match) -> str:
        nonlocal n
        n += 1
        indent = mo.group(1)
        text = CODE_PLACEHOLDER if code else TEXT_PLACEHOLDER
        return "".join(indent + line + "\n" for line in text.split("\n"))

    out = _REGION.sub(repl, source)
    if BEGIN in out or END in out:
        raise LabError("solution markers out of order (an END before its BEGIN?)")
    return out, n


def _is_check(cell) -> bool:
    return "check" in cell.get("metadata", {}).get("tags", []) or any(
        line.strip().startswith("# CHECK") for line in cell.source.splitlines())


def make_student_version(src: str | Path, dest: str | Path) -> int:
    """Write the student version of notebook `src` to `dest`; returns the number of solutions removed."""
    import nbformat
    nb = nbformat.read(str(src), as_version=4)
    total = 0
    for i, cell in enumerate(nb.cells):
        try:
            new, n = strip_solutions(cell.source, code=cell.cell_type == "code")
        except LabError as e:
            raise LabError(f"{src}: cell {i}: {e}") from None
        if n:
            cell.source = new
            total += n
        if cell.cell_type == "code" and (n or _is_check(cell)):
            # a handout shows neither the solution's output nor a check that already passed
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.setdefault("vmlab", {})["student_version"] = True
    Path(dest).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(dest))
    return total
