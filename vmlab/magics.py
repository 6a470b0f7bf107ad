"""IPython cell magics: assemble or compile a notebook cell into a loaded Machine.

After ``%load_ext vmlab``::

    %%c [name] [--opt -O1] [--backend B] [--mode M] [--program] [--no-debug] [-DNAME=1 ...]
    #include <stdio.h>
    int main(void) { printf("hi\\n"); return 0; }

    %%asm [name] [--backend B] [--mode M] [--program]
        li a0, 42
        ret

bind a Machine with the program loaded to ``name`` (default ``m``) in the notebook's namespace
(``--program``: the Program instead). When ``name`` already holds a Machine, that Machine loads
the new program, so widgets showing it stay connected. ``-O0`` ... ``-Oz`` may be written
directly; ``-D``, ``-U``, ``-I``, ``-W``, ``-f`` and ``-std=`` flags go to the compiler.

Errors name the cell's own lines, counted as the notebook shows them (the magic line is line 1):
``cell:3:5: error: ...``, shown as a short message without a Python traceback.
"""
from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from .errors import VmlabError

USAGE_C = ("%%c [name] [--opt -O2] [--backend B] [--mode process|system] [--program] "
           "[--no-debug] [--name FILE] [-DNAME=VALUE -I... -W... -f... -std=...]")
USAGE_ASM = "%%asm [name] [--backend B] [--mode process|system] [--program] [--name FILE]"
FILE_NAME = "cell"


class CellError(VmlabError):
    """A cell magic could not build or load its cell; shown without a traceback in IPython."""

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines()


@dataclass
class Options:
    var: str = "m"
    opt: str = "-O2"
    backend: str | None = None
    mode: str | None = None
    program: bool = False
    debug: bool = True
    file: str = FILE_NAME
    flags: list[str] = field(default_factory=list)


_PASS_THROUGH = ("-D", "-U", "-I", "-W", "-f", "-std=", "-g")
_OPTS = ("-O0", "-O1", "-O2", "-O3", "-Os", "-Oz", "-Og")


def parse_options(line: str, *, c: bool) -> Options:
    """Options of a ``%%c`` (c=True) or ``%%asm`` line; CellError with the usage when bad."""
    usage = USAGE_C if c else USAGE_ASM
    try:
        tokens = shlex.split(line)
    except ValueError as e:
        raise CellError(f"cannot read the options ({e}); usage: {usage}") from None
    o = Options()
    positional: list[str] = []
    i = 0

    def value(opt: str) -> str:
        nonlocal i
        if "=" in tokens[i] and tokens[i].startswith("--"):
            return tokens[i].split("=", 1)[1]
        if i + 1 >= len(tokens):
            raise CellError(f"{opt} needs a value; usage: {usage}")
        i += 1
        return tokens[i]

    while i < len(tokens):
        t = tokens[i]
        head = t.split("=", 1)[0]
        if head in ("--backend", "-b"):
            o.backend = value(head)
        elif head == "--mode":
            o.mode = value(head)
            if o.mode not in ("process", "system"):
                raise CellError(f"--mode must be process or system, not {o.mode!r}")
        elif head == "--program":
            o.program = True
        elif head == "--name":
            o.file = value(head)
        elif c and head == "--opt":
            o.opt = value(head)
            if not o.opt.startswith("-"):
                o.opt = "-" + (o.opt if o.opt.startswith("O") else "O" + o.opt)
            if o.opt not in _OPTS:
                raise CellError(f"unknown optimisation level {o.opt!r}; use one of {', '.join(_OPTS)}")
        elif c and t in _OPTS:
            o.opt = t
        elif c and head == "--no-debug":
            o.debug = False
        elif c and t.startswith(_PASS_THROUGH):
            o.flags.append(t)
        elif t.startswith("-"):
            raise CellError(f"unknown option {t!r}; usage: {usage}")
        else:
            positional.append(t)
        i += 1
    if len(positional) > 1:
        raise CellError(f"one variable name expected, got {' '.join(positional)}; usage: {usage}")
    if positional:
        o.var = positional[0]
        if not o.var.isidentifier():
            raise CellError(f"{o.var!r} is not a Python variable name; usage: {usage}")
    return o


def _header(magic: str, line: str, comment: str) -> str:
    """The magic line as a comment, so that line numbers in messages match the cell's."""
    return f"{comment} %%{magic} {line}".rstrip().rstrip("\\") + "\n"


def build_c(line: str, cell: str):
    """The Program of a ``%%c`` cell and its Options (CellError when it does not compile)."""
    from .toolchain import CompileError, compile_c
    o = parse_options(line, c=True)
    try:
        prog = compile_c(_header("c", line, "//") + cell, o.opt, name=o.file,
                         extra_flags=o.flags, debug=o.debug)
    except CompileError as e:
        raise CellError(str(e)) from None
    return prog, o


def build_asm(line: str, cell: str):
    """The Program of a ``%%asm`` cell and its Options (CellError when it does not assemble)."""
    from .asm import assemble
    o = parse_options(line, c=False)
    try:
        prog = assemble(_header("asm", line, "#") + cell, name=o.file)
    except VmlabError as e:
        raise CellError(str(e)) from None
    return prog, o


def bind(namespace: dict, prog, o: Options):
    """Put a Machine with `prog` loaded (or `prog` itself with --program) into `namespace`."""
    from .machine import Machine
    if o.program:
        namespace[o.var] = prog
        return prog
    try:
        m = namespace.get(o.var)
        if isinstance(m, Machine) and (o.mode is None or o.mode == m.requested_mode):
            if o.backend is not None:
                m.backend = o.backend
            m.load(prog)
        else:
            m = Machine(o.backend or "interp", mode=o.mode)
            m.load(prog)
    except VmlabError as e:
        raise CellError(str(e)) from None
    namespace[o.var] = m
    return m


def _magics_class():
    from IPython.core.magic import Magics, cell_magic, magics_class

    @magics_class
    class VmlabMagics(Magics):
        """``%%c`` and ``%%asm``: a cell becomes a loaded Machine."""

        @cell_magic("c")
        def c(self, line: str, cell: str):
            prog, o = build_c(line, cell)
            bind(self.shell.user_ns, prog, o)

        @cell_magic("asm")
        def asm(self, line: str, cell: str):
            prog, o = build_asm(line, cell)
            bind(self.shell.user_ns, prog, o)

    return VmlabMagics


def load_ipython_extension(ipython) -> None:
    ipython.register_magics(_magics_class())
