"""Macros, repeats and included files: text that becomes more source lines before assembly.

Two macro dialects are in course material, and both are accepted:

GNU as::

    .macro push reg, size=4         # parameters, with defaults, ``:req`` or ``:vararg``
        addi sp, sp, -\\size
        sw   \\reg, 0(sp)
    .endm
    push ra                         # arguments by position (commas or spaces) or name=value

RARS::

    .macro print_int (%x)
        li a7, 1
        mv a0, %x
        ecall
    .end_macro
    print_int (t0)

In a GNU body ``\\name`` is a parameter, ``\\()`` joins it to what follows and ``\\@`` counts
the expansions (for unique labels). In a RARS body ``%name`` is a parameter, and the labels the
body defines are renamed in each expansion (``loop`` becomes ``loop_M3``), as RARS does, so a
macro with a loop can be used twice. ``.exitm`` leaves an expansion early.

``.rept N`` ... ``.endr`` repeats lines; ``.irp sym, a, b`` ... ``.endr`` repeats them with
``\\sym`` set to each value in turn. ``.include "file"`` reads a file relative to the file
that includes it. ``.if expr`` / ``.elseif`` / ``.else`` / ``.endif`` (and ``.ifdef sym``,
``.ifndef``, ``.ifeq``, ``.ifne``, ``.ifgt`` ..., ``.ifc a, b`` for equal text, ``.ifb arg``
for a blank argument) keep or drop lines; their values must be known where they stand.

All of this works on text; the expanded lines are then assembled like any other. Code from a
macro is listed at the line that uses the macro (the debugger shows that line); an error in an
expansion points at the macro's line, shows the expanded text and says where it was used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import AsmSyntaxError, suggest
from .lexer import NAME

MAX_DEPTH = 100            # macros expanding macros, includes including files
MAX_LINES = 200_000        # lines produced by all expansions of one assembly (about 10 s)

_NAME = re.compile(NAME)
_GNU_PARAM = re.compile(rf"\\(\(\)|@|{NAME})")
_RARS_PARAM = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)")
_LABEL_DEF = re.compile(rf"^\s*({NAME})\s*:")
_NAMED_ARG = re.compile(rf"({NAME})\s*=(?!=)")

# The directives that open and close a body of lines (first word of a line, lower case).
OPENERS = (".macro", ".rept", ".irp", ".irpc")
CLOSERS = {".macro": (".endm", ".end_macro"), ".rept": (".endr",), ".irp": (".endr",),
           ".irpc": (".endr",)}


@dataclass(frozen=True)
class Where:
    """Where a line that is not a plain line of the main file comes from.

    ``file``/``line``/``text`` locate errors (for a macro: the line of its body, expanded);
    ``note`` is added to their messages; ``listed`` is the (file, line, text) the line table
    gives the code (for a macro: the line that used it).
    """
    file: str
    line: int
    text: str
    note: str = ""
    listed: tuple = ()


@dataclass
class Param:
    name: str
    default: str | None = None
    required: bool = False
    vararg: bool = False


@dataclass
class Body:
    """A .macro, .rept or .irp being collected, or collected: its lines with their origins."""
    kind: str                  # ".macro", ".rept", ".irp" or ".irpc"
    line: int                  # where it opened (for "not closed")
    col: int
    file: str
    name: str = ""
    params: list[Param] = field(default_factory=list)
    rars: bool = False         # %param syntax, labels renamed per expansion
    count: int = 0             # .rept
    values: list[str] = field(default_factory=list)    # .irp / .irpc
    lines: list[tuple[str, int, str, object]] = field(default_factory=list)   # (file, line, text, Where)
    depth: int = 0             # bodies of the same kind opened inside (they close first)
    labels: object = None              # RARS: a pattern of the labels the body defines (False: none)
    inner: set[str] | None = None      # parameters of the .macro and .irp bodies inside it
    where: Where | None = None         # of the opening line, when not a plain line of the file


@dataclass
class Cond:
    """An .if whose .endif has not come yet."""
    line: int
    col: int
    where: Where | None
    active: bool               # the lines now are assembled
    taken: bool                # a branch of it was (later .else/.elseif lines are not)
    seen_else: bool = False


# .ifxx -> what it asks of its argument
CONDITIONS = (".if", ".ifdef", ".ifndef", ".ifeq", ".ifne", ".ifgt", ".ifge", ".iflt", ".ifle",
              ".ifc", ".ifnc", ".ifb", ".ifnb")


class ExitMacro(Exception):
    """Internal: .exitm ends the expansion it is in."""


def first_word(text: str) -> str:
    """The directive or mnemonic a raw line starts with (after labels), lower case."""
    s = text.strip()
    while True:
        m = _LABEL_DEF.match(s)
        if m is None:
            break
        s = s[m.end():].lstrip()
    m = _NAME.match(s)
    return m.group().lower() if m else ""


def split_args(text: str, col: int) -> list[tuple[str, int]]:
    """Arguments of a macro use or an .irp: split at commas outside parentheses and quotes,
    or at spaces when there is no comma. Each with its 1-based column."""
    parts: list[tuple[str, int]] = []
    depth, quote, start = 0, "", 0
    commas = False
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append((text[start:i], col + start))
            start, commas = i + 1, True
        elif c == "#" or text.startswith("//", i):
            break
        i += 1
    parts.append((text[start:i], col + start))
    out = []
    for s, c in parts:
        lead = len(s) - len(s.lstrip())
        out.append((s.strip(), c + lead))
    if not commas:
        word = out[0][0]
        if not word:
            return []
        if " " in word or "\t" in word:           # "push a0 a1": words outside parentheses
            out = [(m.group(), out[0][1] + m.start())
                   for m in re.finditer(r"""(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\([^)]*\)|[^\s(])+""", word)]
    return out


def parse_header(kind: str, rest: str, col: int, body: Body) -> None:
    """Fill `body` from the rest of its opening line (after the directive)."""
    if kind == ".macro":
        m = _NAME.match(rest.lstrip())
        if m is None:
            raise AsmSyntaxError(col, "expected a macro name after .macro")
        body.name = m.group()
        ncol = col + len(rest) - len(rest.lstrip())
        params = rest.lstrip()[m.end():].strip()
        pcol = ncol + m.end() + 1
        if params.startswith("("):              # RARS: .macro name(%a, %b)
            if not params.endswith(")"):
                raise AsmSyntaxError(pcol, "expected ')' at the end of the macro's parameters")
            params = params[1:-1]
            body.rars = True
        elif "%" in params:
            body.rars = True
        seen = set()
        for text, c in split_args(params, pcol):
            p = _param(text, c, body.rars)
            if p.name in seen:
                raise AsmSyntaxError(c, f"parameter '{p.name}' named twice")
            seen.add(p.name)
            body.params.append(p)
        for p in body.params[:-1]:
            if p.vararg:
                raise AsmSyntaxError(col, f"only the last parameter can be :vararg ('{p.name}' is not last)")
        return
    if kind == ".rept":
        return                                  # the count is evaluated by the assembler
    args = split_args(rest, col)
    if not args or not _NAME.fullmatch(args[0][0]):
        raise AsmSyntaxError(col, f"expected '{kind} symbol, values'")
    body.name = args[0][0]
    if kind == ".irp":
        body.values = [a for a, _ in args[1:]]
    else:
        body.values = list("".join(a for a, _ in args[1:]))


def _param(text: str, col: int, rars: bool) -> Param:
    if rars:
        m = re.fullmatch(r"%([A-Za-z_][A-Za-z0-9_]*)", text)
        if m is None:
            raise AsmSyntaxError(col, f"expected a parameter such as '%reg', got '{text}'")
        return Param(m.group(1))
    m = re.fullmatch(rf"({NAME})\s*(?::\s*(req|vararg)|=(.*))?", text, re.S)
    if m is None:
        raise AsmSyntaxError(col, f"expected a parameter name (optionally name=default, name:req "
                                  f"or name:vararg), got '{text}'")
    return Param(m.group(1), m.group(3).strip() if m.group(3) is not None else None,
                 m.group(2) == "req", m.group(2) == "vararg")


def bind(body: Body, args_text: str, col: int) -> dict[str, str]:
    """The value of each parameter for one use of the macro."""
    text = args_text.strip()
    col += len(args_text) - len(args_text.lstrip())
    if body.rars and text.startswith("(") and text.endswith(")"):
        text, col = text[1:-1], col + 1
    args = split_args(text, col)
    values: dict[str, str] = {}
    k = 0
    for j, (a, c) in enumerate(args):
        m = None if body.rars else _NAMED_ARG.match(a)
        if m and any(p.name == m.group(1) for p in body.params):
            values[m.group(1)] = a[m.end():].strip()
            continue
        if k >= len(body.params):
            raise AsmSyntaxError(c, f"too many arguments for macro '{body.name}' "
                                    f"(it takes {_usage(body)})")
        p = body.params[k]
        if p.vararg:                            # this and the rest
            values[p.name] = ", ".join(x for x, _ in args[j:])
            break
        values[p.name] = a
        k += 1
    for p in body.params:
        if p.name not in values or values[p.name] == "":
            if p.required or (body.rars and p.name not in values):
                raise AsmSyntaxError(col, f"macro '{body.name}' needs an argument for "
                                          f"'{p.name}' (it takes {_usage(body)})")
            values.setdefault(p.name, "")
            if values[p.name] == "" and p.default is not None:
                values[p.name] = p.default
    return values


def _usage(body: Body) -> str:
    if not body.params:
        return "no arguments"
    if body.rars:
        return "(" + ", ".join("%" + p.name for p in body.params) + ")"
    return ", ".join(p.name + (f"={p.default}" if p.default is not None else ":req" if p.required
                               else ":vararg" if p.vararg else "") for p in body.params)


def substitute(body: Body, values: dict[str, str], serial: int, line: str, col0: int = 1) -> str:
    """One body line with the parameters replaced (raises for an unknown ``\\name``)."""
    if body.rars:
        out = _RARS_PARAM.sub(lambda m: values.get(m.group(1), m.group()), line)
        labels = _rars_labels(body)
        return labels.sub(lambda m: f"{m.group()}_M{serial}", out) if labels else out

    def gnu(m: re.Match) -> str:
        key = m.group(1)
        if key == "()":
            return ""
        if key == "@":
            return str(serial)
        if key in values:
            return values[key]
        if key in _inner_names(body):         # a parameter of a .macro or .irp inside this one
            return m.group()
        what = f"macro '{body.name}'" if body.kind == ".macro" else f"this {body.kind}"
        known = list(values)
        hint = suggest(key, known) or (f" (its parameters: {', '.join(known)})" if known else " (it has none)")
        raise AsmSyntaxError(col0 + m.start(), f"'\\{key}' is not a parameter of {what}{hint}")
    return _GNU_PARAM.sub(gnu, line) if "\\" in line else line


def _rars_labels(body: Body) -> re.Pattern | None:
    """One pattern for every use of a label the body defines (None: it defines none)."""
    if body.labels is None:
        names = []
        for _, _, text, _ in body.lines:
            s = text
            while (m := _LABEL_DEF.match(s)) is not None:
                names.append(m.group(1))
                s = s[m.end():]
        body.labels = (re.compile(rf"(?<![A-Za-z0-9_.$])(?:{'|'.join(map(re.escape, names))})(?![A-Za-z0-9_.$])")
                       if names else False)
    return body.labels or None


def _inner_names(body: Body) -> set[str]:
    if body.inner is None:
        body.inner = set()
        for _, _, text, _ in body.lines:
            word = first_word(text)
            if word in OPENERS and word != ".rept":
                inner = Body(word, 0, 0, "")
                rest = text[text.lower().index(word) + len(word):]
                try:
                    parse_header(word, rest, 1, inner)
                except AsmSyntaxError:
                    continue
                body.inner |= {p.name for p in inner.params} if word == ".macro" else {inner.name}
    return body.inner
