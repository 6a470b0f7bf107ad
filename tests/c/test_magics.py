"""The %%c and %%asm cell magics, through a real IPython shell."""
from __future__ import annotations

import pytest

from vmlab import Machine, Program, StopKind
from vmlab.magics import CellError, parse_options


@pytest.fixture(scope="module")
def ip():
    from IPython.testing.globalipapp import get_ipython
    shell = get_ipython()
    shell.run_line_magic("load_ext", "vmlab")
    return shell


def run(ip, cell):
    """Run a cell; (result, what it printed to stdout and stderr)."""
    from IPython.utils.capture import capture_output
    with capture_output() as cap:
        result = ip.run_cell(cell)
    return result, cap.stdout + cap.stderr


C_CELL = """%%c
#include <stdio.h>
int main(void) {
    printf("hi from a cell\\n");
    return 7;
}
"""


def test_c_cell_binds_a_loaded_machine(ip):
    ip.user_ns.pop("m", None)
    result, out = run(ip, C_CELL)
    assert result.success, out
    m = ip.user_ns["m"]
    assert isinstance(m, Machine) and m.backend_name == "interp"
    stop = m.run()
    assert stop.exited and stop.code == 7 and m.console.output == "hi from a cell\n"
    # source lines are the cell's, counted as the notebook shows them (the magic is line 1)
    m.reset()
    m.step_line()
    assert str(m.source_line()) == 'cell:4: printf("hi from a cell\\n");'
    # running the cell again reloads the same Machine (widgets showing it stay connected)
    result, out = run(ip, C_CELL)
    assert result.success and ip.user_ns["m"] is m and m.instret == 0


def test_c_cell_options(ip):
    result, out = run(ip, "%%c prog --opt -O0 --program -DVALUE=40\nint main(void) { return VALUE + 2; }\n")
    assert result.success, out
    prog = ip.user_ns["prog"]
    assert isinstance(prog, Program) and prog.name == "cell"
    result, out = run(ip, "%%c other -O1 --backend interp --name demo.c\nint main(void) { return 3; }\n")
    assert result.success, out
    m = ip.user_ns["other"]
    assert m.program.name == "demo.c" and m.run().code == 3


def test_c_cell_compile_error_is_short_and_points_at_the_cell(ip):
    result, out = run(ip, "%%c broken\nint main(void) {\n    int x = 1\n    return x;\n}\n")
    assert not result.success and isinstance(result.error_in_exec, CellError)
    assert "cell:3:14: error: expected ';' at end of declaration" in out
    assert "Traceback" not in out and "toolchain.py" not in out and "/tmp" not in out
    assert "broken" not in ip.user_ns


def test_asm_cell(ip):
    result, out = run(ip, "%%asm a\n    li a0, 5\n    ret\n")
    assert result.success, out
    assert ip.user_ns["a"].run().code == 5
    result, out = run(ip, "%%asm a\n    li a0, 5\n    bogus a0\n")
    assert not result.success
    assert "cell:3:5: error: unknown instruction 'bogus'" in out and "Traceback" not in out


def test_asm_cell_stops_name_cell_lines(ip):
    result, out = run(ip, "%%asm t\n    li a0, 1\n    lw a1, 0(zero)\n")
    assert result.success, out
    stop = ip.user_ns["t"].run()
    assert stop.kind is StopKind.TRAP and stop.source == "cell:3: lw a1, 0(zero)"


@pytest.mark.parametrize("line, message", [
    ("--bad", "unknown option '--bad'"),
    ("a b", "one variable name expected"),
    ("1x", "is not a Python variable name"),
    ("--opt -O7", "unknown optimisation level"),
    ("--backend", "--backend needs a value"),
    ("--mode user", "--mode must be process or system"),
])
def test_bad_options(line, message):
    with pytest.raises(CellError, match=message):
        parse_options(line, c=True)


def test_bad_option_in_a_cell_and_unknown_backend(ip):
    result, out = run(ip, "%%c --bad\nint main(void) { return 0; }\n")
    assert not result.success and "usage: %%c [name]" in out and "Traceback" not in out
    result, out = run(ip, "%%asm z --backend nosuch\n    ret\n")
    assert not result.success and "unknown backend 'nosuch'" in out and "Traceback" not in out
