"""The student-version tool: solutions replaced, checks kept, markers validated."""
from __future__ import annotations

import nbformat
import pytest

from vmlab.labtools import LabError, make_student_version, strip_solutions


def test_strip_keeps_indentation_and_surroundings():
    src = "def f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION\n\nprint(f(1))\n"
    out, n = strip_solutions(src)
    assert n == 1
    assert out == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n\nprint(f(1))\n"


def test_unbalanced_markers():
    with pytest.raises(LabError, match="unbalanced"):
        strip_solutions("### BEGIN SOLUTION\nx = 1\n")


def test_notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION\n"),
                nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\n"),
                nbformat.v4.new_code_cell("assert answer == 42")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="x")]
    nb.cells[1].execution_count = 3
    nbformat.write(nb, str(tmp_path / "lab.ipynb"))
    assert make_student_version(tmp_path / "lab.ipynb", tmp_path / "out" / "lab.ipynb") == 2
    st = nbformat.read(str(tmp_path / "out" / "lab.ipynb"), 4)
    assert "Because" not in st.cells[0].source and "Your answer here" in st.cells[0].source
    assert "answer = 42" not in st.cells[1].source and st.cells[1].outputs == []
    assert st.cells[2].source == "assert answer == 42"
