"""The course labs (labs/NN-*.ipynb): stored outputs, solutions, and checks that can fail.

nbval itself runs the notebooks and compares their outputs (labs/conftest.py); this file
guards what nbval cannot see:

* a notebook saved without outputs passes nbval whatever the code does (nbval skips cells
  with no execution count), so every code cell must have been executed and stored;
* a notebook edited in Jupyter but not in its lab module (labs/tools/) would be overwritten by
  the next rebuild;
* an exercise check that cannot fail checks nothing: the student version (solutions replaced
  by ``raise NotImplementedError()``) must fail at a check cell, and so must a version whose
  answers do nothing at all (the placeholder replaced by ``pass``).
"""
from __future__ import annotations

import copy
import importlib.util
import os
import re
from pathlib import Path

import nbformat
import pytest

from vmlab.labtools import BEGIN, CODE_PLACEHOLDER, END, TEXT_PLACEHOLDER, make_student_version

ROOT = Path(__file__).resolve().parents[1]
LABS = ROOT / "labs"
NOTEBOOKS = sorted(LABS.glob("[0-9][0-9]-*.ipynb"))
EXPECTED = ["00-tour", "01-process-vms", "02-interpretation", "03-native-speed",
            "04-binary-translation"]
SOLUTION_RE = re.compile(re.escape(BEGIN) + r"[^\n]*\n(.*?)^[ \t]*" + re.escape(END), re.S | re.M)
PLACEHOLDER_RAISE = CODE_PLACEHOLDER.split("\n")[-1]          # raise NotImplementedError()
TIMEOUT = 300


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", ()))


def skipped(cell) -> bool:
    return "nbval-skip" in tags(cell) or "NBVAL_SKIP" in cell.source


def is_check(cell) -> bool:
    return cell.cell_type == "code" and "check" in tags(cell)


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def ids(paths):
    return [p.stem for p in paths]


def with_solutions(paths):
    return [p for p in paths if any(BEGIN in c.source for c in read(p).cells)]


def test_all_labs_are_there():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_outputs_are_stored(path):
    """The 'a cleared notebook passes everything' hole: every code cell nbval runs must have
    been executed, and no stored output may be an error (nbval would then expect the error)."""
    nb = read(path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or skipped(cell):
            continue
        assert cell.execution_count is not None, f"{path.name} cell {i} was not executed: rebuild the lab"
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{path.name} cell {i} stored an error: {errors[0].ename}: {errors[0].evalue}"
    assert nb.metadata.get("kernelspec", {}).get("language") == "python"


def test_notebooks_match_their_lab_modules():
    """labs/tools/labNN_*.py build the notebooks; a notebook edited only in Jupyter would be lost."""
    spec = importlib.util.spec_from_file_location("labs_build", LABS / "tools" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    mods = build.lab_modules()
    assert sorted(m.NAME for m in mods) == EXPECTED
    problems = [d for m in mods for d in build.differences(m)]
    assert not problems, "\n".join(problems) + "\n(edit labs/tools/, then python labs/tools/build.py)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_exercises_have_solutions_and_checks(path):
    nb = read(path)
    code_solutions = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and BEGIN in c.source]
    checks = [i for i, c in enumerate(nb.cells) if is_check(c)]
    assert code_solutions and checks, f"{path.name}: every lab has an exercise with a check"
    assert min(code_solutions) < min(checks), "a check comes after the solution it checks"
    for i in checks:
        assert BEGIN not in nb.cells[i].source, f"{path.name} cell {i}: a check cell holds a solution"
        assert nb.cells[i].source.startswith("# CHECK"), f"{path.name} cell {i}: start checks with '# CHECK'"


# ---------------------------------------------------------------------------- student versions
def _current_env_kernels():
    """A kernel spec manager whose kernel is this interpreter (like nbval --nbval-current-env)."""
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentEnv(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())
    return CurrentEnv()


def _errors(cells, indices) -> dict[int, str]:
    out = {}
    for i in indices:
        for o in cells[i].get("outputs", ()):
            if o.output_type == "error":
                out[i] = o.ename
    return out


def _run_student(nb):
    """Execute the student notebook `nb` (in place, errors allowed); then, in the same kernel,
    re-run it from the first placeholder to the last check with every placeholder doing nothing.
    Returns (errors of the student run, errors of the do-nothing run): cell index -> exception name."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    env_path = os.pathsep.join([str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    km = KernelManager(kernel_name="python3", kernel_spec_manager=_current_env_kernels())
    client = NotebookClient(nb, km=km, timeout=TIMEOUT, allow_errors=True,
                            resources={"metadata": {"path": str(LABS)}})
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    checks = [i for i in code if is_check(nb.cells[i])]
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = env_path
    try:
        with client.setup_kernel():
            for i in code:
                client.execute_cell(nb.cells[i], i)
            student = _errors(nb.cells, code)
            first = min(i for i in code if PLACEHOLDER_RAISE in nb.cells[i].source)
            empty = {}
            for i in range(first, max(checks) + 1):
                if nb.cells[i].cell_type != "code":
                    continue
                cell = copy.deepcopy(nb.cells[i])
                cell.source = cell.source.replace(PLACEHOLDER_RAISE, "pass")
                cell.outputs = []
                client.execute_cell(cell, i)
                errs = _errors([cell], [0])
                if errs:
                    empty[i] = errs[0]
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return student, empty


STUDENT_LABS = with_solutions(NOTEBOOKS)


@pytest.mark.parametrize("path", STUDENT_LABS, ids=ids(STUDENT_LABS))
def test_student_version_fails_at_the_checks(path, tmp_path):
    dest = tmp_path / path.name
    n = make_student_version(path, dest)
    assert n > 0
    original, student = read(path), read(dest)

    # no solution text survives, markdown answers included
    text = "\n".join(c.source for c in student.cells)
    assert BEGIN not in text and END not in text
    for cell in original.cells:
        for region in SOLUTION_RE.findall(cell.source):
            body = region.strip()
            assert body not in text, f"solution text left in the student version: {body[:60]!r}"
            for line in body.splitlines():
                if len(line.strip()) >= 25:
                    assert line.strip() not in text, f"solution line left in the student version: {line.strip()!r}"
    assert any(TEXT_PLACEHOLDER in c.source for c in student.cells if c.cell_type == "markdown") == \
        any(BEGIN in c.source for c in original.cells if c.cell_type == "markdown")
    # the checks are unchanged
    assert [c.source for c in student.cells if is_check(c)] == [c.source for c in original.cells if is_check(c)]

    student_errors, empty_errors = _run_student(student)
    checks = [i for i, c in enumerate(student.cells) if is_check(c)]
    assert student_errors, f"{path.name}: the student version ran without any error"
    first = min(student_errors)
    assert first in checks, (f"{path.name}: the first failure is cell {first} ({student_errors[first]}), "
                             f"not a check cell {checks}:\n{student.cells[first].source}")
    for i in checks:
        assert i in student_errors, f"{path.name}: check cell {i} passed without an answer"
        assert student_errors[i] in ("NotImplementedError", "AssertionError"), (i, student_errors[i])
        # answers that do nothing must be rejected by the check itself, not crash elsewhere
        assert empty_errors.get(i) == "AssertionError", \
            f"{path.name}: check cell {i} with do-nothing answers gave {empty_errors.get(i)!r}, not an AssertionError"
    assert min(empty_errors) in checks, f"{path.name}: with do-nothing answers, cell {min(empty_errors)} failed first"
