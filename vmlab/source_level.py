"""Source-level debugging on a Machine: step by source line, and show the source around pc.

Lines come from :attr:`Program.lines` (instruction address -> :class:`SourceLine`): DWARF line
information for C compiled with ``-g`` (:func:`vmlab.compile_c` does this by default), the
assembly line for assembled programs.

* :func:`step_line` is gdb's ``step``: run until pc reaches the *start* of a different source
  line. Calls into code with lines are followed, to the first line after the function's
  opening line (its prologue), as gdb does; calls into code without lines (the C runtime,
  compiled without debug information, like a libc) run at full speed to their return.
  Arriving in the middle of a line (returning from a function into the caller's statement)
  does not count: stepping finishes that line and stops at the next line start, as gdb does.
* :func:`next_line` is gdb's ``next``: the same, but every call runs to its return (except
  from a pc without a line, such as ``_start`` right after loading: then it steps into the
  first function with lines, ``main``).

Both stop early, with that stop, when the program exits, traps, or reaches a breakpoint.
"""
from __future__ import annotations

import html
import os

from .errors import VmlabError
from .stops import StopKind, StopReason

_JAL, _JALR = 0x6F, 0x67


def _is_call(m, addr: int) -> bool:
    """Is the instruction at `addr` a jal/jalr that links (rd = ra, or t0 the alternate link)?"""
    try:
        w = int.from_bytes(m.bus.read_bytes(addr, 4), "little")
    except IndexError:
        return False
    return (w & 0x7F) in (_JAL, _JALR) and ((w >> 7) & 31) in (1, 5)


def _is_return(m, addr: int) -> bool:
    """Is the instruction at `addr` a return (jalr x0, 0(ra))?"""
    try:
        w = int.from_bytes(m.bus.read_bytes(addr, 4), "little")
    except IndexError:
        return False
    return w == 0x00008067


def _key(ln):
    return None if ln is None else (ln.file, ln.line)


def _line_start(lines: dict, pc: int) -> bool:
    """The first instruction of a run of instructions of one line."""
    here, before = lines.get(pc), lines.get(pc - 4)
    return before is None or _key(before) != _key(here)


def step_line(m, *, over: bool = False, max_steps: int = 10_000_000) -> StopReason:
    """Run `m` to the start of the next different source line; see the module docstring.

    Returns the StopReason: ``step limit`` (message ``"line"``) when a new line was reached,
    or whatever stopped the run first (exit, trap, breakpoint, input, ``max_steps``).
    """
    if m.program is None:
        raise VmlabError("no program loaded: call load() first")
    lines = m.program.lines
    if not lines:
        raise VmlabError(f"{m.program.name} has no source line information "
                         "(compile C with debug=True, the default, or load an assembly program)")
    start = _key(lines.get(m.pc))
    over = over and start is not None       # outside any line (at _start): find the first one
    left = max_steps
    while left > 0:
        seen = {"prev": m.pc, "call": None, "avoid": start}

        def arrived(mm) -> bool:
            pc = mm.state.pc
            prev, seen["prev"] = seen["prev"], pc
            if pc != prev + 4 and _is_call(mm, prev) and mm.state.x[1] == (prev + 4) & 0xFFFFFFFF:
                if over or pc not in lines:                 # run this call to its return
                    seen["call"] = (prev + 4, mm.state.x[2])
                    return True
                seen["avoid"] = _key(lines[pc])             # entered a function: skip the line
                return False                                # of its prologue, as gdb does
            if pc != prev + 4 and _is_return(mm, prev) and pc in lines and not _line_start(lines, pc):
                seen["avoid"] = _key(lines[pc])             # returned into the middle of the
                return False                                # caller's line: finish that line
            ln = lines.get(pc)
            return ln is not None and _key(ln) != seen["avoid"] and _line_start(lines, pc)

        i0 = m.instret
        stop = m.run(max_steps=left, until=arrived)
        left -= m.instret - i0
        if not (stop.kind is StopKind.BREAKPOINT and stop.message == "until condition"):
            return stop                                     # exit, trap, breakpoint, limit ...
        if seen["call"] is None:
            return m._stop_here(StopKind.STEP_LIMIT, message="line")
        ret, sp = seen["call"]
        i0 = m.instret
        stop = _run_to_return(m, ret, sp, left)
        left -= m.instret - i0
        if stop is not None:
            return stop
        if lines.get(m.pc) is not None and _key(lines[m.pc]) != start and _line_start(lines, m.pc):
            return m._stop_here(StopKind.STEP_LIMIT, message="line")
    return m._stop_here(StopKind.STEP_LIMIT)


def _run_to_return(m, ret: int, sp: int, budget: int) -> StopReason | None:
    """Run at full speed until pc == ret with sp back at `sp` (the call returned); None then."""
    added = ret not in m.breakpoints
    if added:
        m.add_breakpoint(ret)
    try:
        while budget > 0:
            i0 = m.instret
            stop = m.run(max_steps=budget)
            budget -= m.instret - i0
            if stop.kind is StopKind.BREAKPOINT and stop.pc == ret and added:
                if m.state.x[2] >= sp:
                    return None
                continue                                    # a deeper recursive call of it
            return stop
        return m._stop_here(StopKind.STEP_LIMIT)
    finally:
        if added:
            m.remove_breakpoint(ret)


# ------------------------------------------------------------------------------ source view
def _file_text(m, file: str) -> list[str] | None:
    prog = m.program
    if file in prog.files:
        return prog.files[file].splitlines()
    if prog.source is not None and file == prog.name:
        return prog.source.splitlines()
    try:
        with open(file, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
    except (OSError, ValueError):
        return None


class SourceView:
    """Source lines around a position, the current line marked; text, and HTML in Jupyter."""

    def __init__(self, file: str, line: int, rows: list[tuple[int, str]], breakpoint_lines: set[int]):
        self.file, self.line, self.rows, self.breakpoint_lines = file, line, rows, breakpoint_lines

    def __str__(self) -> str:
        width = len(str(self.rows[-1][0])) if self.rows else 1
        out = [f"{self.file}:{self.line}"]
        for n, text in self.rows:
            mark = "->" if n == self.line else "  "
            bp = "*" if n in self.breakpoint_lines else " "
            out.append(f"{bp}{mark} {n:>{width}}  {text}")
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        rows = []
        for n, text in self.rows:
            cur = n == self.line
            style = "background:rgba(255,213,79,0.45);" if cur else ""
            bp = "&#9679;" if n in self.breakpoint_lines else "&nbsp;"
            rows.append(f"<tr style='{style}'><td style='color:#c62828'>{bp}</td>"
                        f"<td style='color:#888;text-align:right;padding-right:8px'>{n}</td>"
                        f"<td style='white-space:pre;text-align:left'>{html.escape(text)}</td></tr>")
        return ("<div class='vmlab-source' style='font-family:monospace'>"
                f"<div><b>{html.escape(self.file)}:{self.line}</b></div>"
                "<table style='border-collapse:collapse'>" + "".join(rows) + "</table></div>")


def source_view(m, pc: int | None = None, context: int = 4) -> SourceView | None:
    """The source around the line of `pc` (default: the current pc); None without a line."""
    ln = m.source_line(pc)
    if ln is None:
        return None
    text = _file_text(m, ln.file)
    if text is None:
        return SourceView(ln.file, ln.line, [(ln.line, ln.text)], set())
    lo, hi = max(1, ln.line - context), min(len(text), ln.line + context)
    bps = {sl.line for a, sl in m.program.lines.items()
           if a in m.breakpoints and sl.file == ln.file and lo <= sl.line <= hi}
    return SourceView(ln.file, ln.line, [(n, text[n - 1]) for n in range(lo, hi + 1)], bps)


def line_address(m, line: int, file: str | None = None) -> int:
    """The first instruction of source line `line` (for breakpoints on lines)."""
    prog = m.program
    if prog is None:
        raise VmlabError("no program loaded: call load() first")
    cands = sorted(a for a, sl in prog.lines.items()
                   if sl.line == line and (file is None or sl.file == file
                                           or os.path.basename(sl.file) == file))
    if not cands:
        raise KeyError(f"no code for line {line}" + (f" of {file}" if file else ""))
    return cands[0]
