"""DWARF line information of compiled C, and source-level stepping (Machine.step_line,
next_line, source)."""
from __future__ import annotations

import pytest

from vmlab import Machine, StopKind, VmlabError, compile_c
from vmlab.source_level import line_address

SRC = """\
#include <stdio.h>
int square(int x) {
    int y = x * x;
    return y;
}
int fact(int n) {
    if (n < 2)
        return 1;
    return n * fact(n - 1);
}
int main(void) {
    int s = 0;
    for (int i = 0; i < 3; i++)
        s += square(i);
    printf("%d\\n", s);
    s += fact(4);
    return s;
}
"""
LINES = {n + 1: text for n, text in enumerate(SRC.splitlines())}


@pytest.fixture(scope="module")
def o0():
    return compile_c(SRC, "-O0", name="steps.c")


def machine(prog) -> Machine:
    m = Machine()
    m.load(prog)
    return m


def test_statements_map_to_their_lines(o0):
    lines = o0.lines
    assert lines[o0.symbols["square"]].line == 2            # the function's first instruction
    assert lines[o0.symbols["main"]].line == 11
    for addr, sl in lines.items():
        assert sl.file == "steps.c" and sl.text == LINES[sl.line]
    # every statement of the program has code at -O0, and its first instruction does it:
    for n in (3, 4, 7, 8, 9, 12, 13, 14, 15, 16, 17):
        a = line_address(machine(o0), n)
        assert lines[a].line == n
    # the multiplication of line 3 is there, in line 3's instructions
    m = machine(o0)
    mul = [a for a, sl in lines.items() if sl.line == 3 and m.disassemble(a)[0][2].startswith("mul ")]
    assert len(mul) == 1
    # a breakpoint on the first instruction of a line stops there with that line as source
    m.add_breakpoint(line_address(m, 16))
    stop = m.run()
    assert stop.kind is StopKind.BREAKPOINT and stop.source == "steps.c:16: s += fact(4);"


def walk(m, step, limit=100):
    seen = []
    for _ in range(limit):
        stop = step()
        if stop.kind is not StopKind.STEP_LIMIT:
            return seen, stop
        assert stop.message == "line"
        ln = m.source_line()
        assert m.pc == line_address(m, ln.line) or m.program.lines.get(m.pc - 4) != ln
        seen.append(ln.line)
    raise AssertionError(f"no end after {limit} steps: {seen}")


def test_step_line_goes_line_by_line_into_calls(o0):
    m = machine(o0)
    seen, stop = walk(m, m.step_line)
    assert seen == [12, 13, 14, 3, 4, 13, 14, 3, 4, 13, 14, 3, 4, 13,       # loop and square()
                    15,                                                  # printf: no lines, run through
                    16, 7, 9, 7, 9, 7, 9, 7, 8,                          # fact(4) recursing
                    10, 10, 10, 10,                                      # and returning
                    17]
    assert stop.exited and stop.code == 5 + 24
    assert m.console.output == "5\n"


def test_next_line_steps_over_calls(o0):
    m = machine(o0)
    seen, stop = walk(m, m.next_line)
    assert seen == [12, 13, 14, 13, 14, 13, 14, 13, 15, 16, 17]
    assert stop.exited and stop.code == 29


def test_next_line_over_recursion_returns_to_the_same_frame(o0):
    m = machine(o0)
    m.add_breakpoint("fact")
    assert m.run().kind is StopKind.BREAKPOINT                      # fact(4), at line 6
    m.clear_breakpoints()
    assert m.next_line().kind is StopKind.STEP_LIMIT and m.source_line().line == 7
    m.next_line()
    assert m.source_line().line == 9
    sp = m.regs.sp
    m.next_line()                                                    # over fact(3), fact(2) ...
    assert m.source_line().line == 10 and m.regs.sp == sp


def test_stepping_stops_at_breakpoints_and_exits(o0):
    m = machine(o0)
    m.step_line()
    m.add_breakpoint("fact")
    stop = m.next_line()
    while stop.kind is StopKind.STEP_LIMIT:
        stop = m.next_line()
    assert stop.kind is StopKind.BREAKPOINT and m.pc == m.symbol("fact")


def test_step_line_at_o2_reaches_the_end():
    m = machine(compile_c(SRC, "-O2", name="steps.c"))
    seen, stop = walk(m, m.step_line)
    assert seen and all(n in LINES for n in seen)
    assert stop.exited and stop.code == 29 and m.console.output == "5\n"


def test_source_view(o0):
    m = machine(o0)
    assert m.source() is None                                        # at _start: no line
    m.step_line()
    view = m.source(context=2)
    text = str(view)
    assert text.splitlines()[0] == "steps.c:12"
    assert "-> 12      int s = 0;" in text and " 10  }" in text and " 14          s += square(i);" in text
    assert "steps.c:12" in view._repr_html_()


def test_without_line_information():
    m = machine(compile_c("int main(void) { return 1; }", name="nodebug.c", debug=False))
    assert m.program.lines == {}
    with pytest.raises(VmlabError, match="no source line information"):
        m.step_line()
