"""Assembler directives: sections, data, strings, floating point, alignment, symbols, files.

:class:`Directives` is mixed into the assembler; each ``d_*`` method handles the directives
that :data:`DIRECTIVES` maps to it, during the first pass. Sizes are decided here, so counts
and alignments must be known when the directive is read; data values may refer to labels
further down (they are encoded in the second pass). That is why ``.uleb128``/``.sleb128``
(whose size depends on the value) and ``.org`` need values known where they stand.

Where assemblers differ, vmlab follows LLVM, the oracle of its tests: ``.float`` and
``.double`` are not aligned (as in gas; RARS aligns them in its data segment), and ``.comm``
without an alignment aligns to 1 byte (gas: the largest power of two up to the size, at most
16). It accepts a little more: leading zeros in real numbers (``01.5``; LLVM's lexer rejects
them), an optional alignment for ``.lcomm`` as for ``.comm`` (LLVM and RISC-V gas take two
operands), constant expressions as ``.insn`` opcodes; and it reports, as gas does, an
``.incbin`` skip or count beyond the end of the file (LLVM silently takes what is there).
"""
from __future__ import annotations

import os
from contextlib import contextmanager

from ..isa import ISA
from ..isa.spec import FORMATS, Insn
from . import macros
from .encodings import REAL, REAL_LITERAL, real_bytes, real_hint, sleb128, uleb128
from .errors import AsmSyntaxError, suggest
from .expr import Expr, is_register_name, parse_expr
from .forms import Form, count_operands, parse_first
from .items import MAX_ALIGN, MAX_SIZE, Data, Section
from .lexer import IDENT, OP, STR, Cursor, Token, strip_block_comments

NOP = ISA.by_name["addi"].encode(rd=0, rs1=0, imm=0).to_bytes(4, "little")
_SECTION_PREFIXES = ((".text", "text"), (".rodata", "rodata"), (".srodata", "rodata"),
                     (".data", "data"), (".sdata", "data"), (".bss", "bss"), (".sbss", "bss"))


def align_up(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def _code_padding(n: int) -> bytes:
    """LLVM's nop padding for code: a 0 byte if odd, then 0x0001 (c.nop) if 2 more, then nops."""
    out = b"\0" * (n % 2)
    n -= n % 2
    if n % 4 == 2:
        out += b"\x01\x00"
        n -= 2
    return out + NOP * (n // 4)


# -- .insn ---------------------------------------------------------------------------------------
# Major opcodes by their names in the RISC-V opcode map, as LLVM accepts them in .insn (in
# any case).
INSN_OPCODES = {
    "LOAD": 0x03, "LOAD_FP": 0x07, "CUSTOM_0": 0x0B, "MISC_MEM": 0x0F, "OP_IMM": 0x13,
    "AUIPC": 0x17, "OP_IMM_32": 0x1B, "STORE": 0x23, "STORE_FP": 0x27, "CUSTOM_1": 0x2B,
    "AMO": 0x2F, "OP": 0x33, "LUI": 0x37, "OP_32": 0x3B, "MADD": 0x43, "MSUB": 0x47,
    "NMSUB": 0x4B, "NMADD": 0x4F, "OP_FP": 0x53, "OP_V": 0x57, "CUSTOM_2": 0x5B, "BRANCH": 0x63,
    "JALR": 0x67, "JAL": 0x6F, "SYSTEM": 0x73, "OP_VE": 0x77, "CUSTOM_3": 0x7B}
_INSN_USAGE = {"r": ".insn r opcode, func3, func7, rd, rs1, rs2",
               "i": ".insn i opcode, func3, rd, rs1, imm (or rd, imm(rs1))"}


def section_kind(name: str, flags: str = "", nobits: bool = False) -> str | None:
    """The output section ("text", "rodata", "data", "bss") of an input section, or None."""
    for prefix, kind in _SECTION_PREFIXES:
        if name == prefix or name.startswith(prefix + "."):
            return kind
    if "x" in flags:
        return "text"
    if "w" in flags:
        return "bss" if nobits else "data"
    if "a" in flags:
        return "rodata"
    return None


class Directives:
    """First-pass handlers of the directives, mixed into vmlab.asm.assembler.Assembler.

    They use the assembler's state and helpers: ``section`` (the current input section),
    ``_new``/``_add``/``_bytes`` (place an item), ``value`` (a constant known now) and
    ``_assign`` (define a symbol).
    """

    def _directive(self, t: Token, cur: Cursor) -> None:
        name = t.text.lower()
        handler = DIRECTIVES.get(name)
        if handler is None:
            if name in IGNORED:
                return
            if name in UNSUPPORTED:
                raise AsmSyntaxError(t.col, f"directive '{t.text}' is not supported by vmlab's assembler")
            known = list(DIRECTIVES) + list(IGNORED)
            raise AsmSyntaxError(t.col, f"unknown directive '{t.text}'{suggest(name, known)}")
        handler(self, t, cur)

    def _expr_list(self, cur: Cursor) -> list[Expr]:
        exprs = [parse_expr(cur)]
        while cur.accept(","):
            exprs.append(parse_expr(cur))
        cur.expect_end()
        return exprs

    def d_section(self, t: Token, cur: Cursor) -> None:
        name = t.text.lower()
        if name in (".text", ".data", ".bss", ".rodata"):
            cur.expect_end()
            self._switch(name, name[1:])
            return
        if name == ".popsection" or name == ".previous":
            cur.expect_end()
            if name == ".previous":
                self._switch(self.previous.name, self.previous.kind)
            elif not self.stack:
                raise AsmSyntaxError(t.col, ".popsection without .pushsection")
            else:
                s = self.stack.pop()
                self._switch(s.name, s.kind)
            return
        tok = cur.next()
        if tok.kind not in (IDENT, STR):
            raise AsmSyntaxError(tok.col, "expected a section name")
        sname = tok.text if tok.kind == IDENT else tok.value.decode("latin-1")
        flags, nobits = "", False
        if cur.accept(","):
            f = cur.next()
            if f.kind != STR:
                raise AsmSyntaxError(f.col, 'expected section flags as a string, e.g. "ax"')
            flags = f.value.decode("latin-1")
            if cur.accept(","):
                if cur.peek() is not None and cur.peek().kind == OP and cur.peek().text in "@%":
                    cur.next()
                kind_tok = cur.next()
                nobits = kind_tok.text.lower() == "nobits"
                while not cur.at_end():     # entity size, group, ...: not used here
                    cur.next()
        cur.expect_end()
        kind = section_kind(sname, flags, nobits)
        if kind is None:
            raise AsmSyntaxError(tok.col, f"unknown section '{sname}': use .text, .rodata, .data, "
                                          ".bss (or names starting with them), or give flags "
                                          "such as \"ax\"")
        if name == ".pushsection":
            self.stack.append(self.section)
        self._switch(sname, kind)

    def _switch(self, name: str, kind: str) -> None:
        existing = self.sections.get(name)
        if existing is not None and existing.kind != kind:
            kind = existing.kind
        new = self._section(name, kind)
        if new is not self.section:
            self.previous = self.section
        self.section = new

    def d_data(self, t: Token, cur: Cursor) -> None:
        width = DATA_WIDTHS[t.text.lower()]
        exprs = self._expr_list(cur)
        self._add(self._new(Data, size=width * len(exprs), width=width, exprs=exprs))

    def d_real(self, t: Token, cur: Cursor) -> None:
        width = 4 if t.text.lower() == ".float" else 8
        if cur.at_end():
            raise AsmSyntaxError(cur.end_col, "expected a floating-point number")
        data = bytearray()
        while True:
            tok = cur.next()
            if tok.kind != REAL or not tok.text:
                raise AsmSyntaxError(tok.col, "expected a floating-point number")
            value = real_bytes(tok.text, width)
            if value is None:
                m = REAL_LITERAL.match(tok.text)
                if m and tok.text[m.end()] in " \t":      # "1.5 2": a comma left out
                    extra = tok.text[m.end():].lstrip()
                    raise AsmSyntaxError(tok.col + len(tok.text) - len(extra),
                                         f"unexpected '{extra}' after the operands")
                raise AsmSyntaxError(tok.col, f"invalid floating-point number '{tok.text}'"
                                              f"{real_hint(tok.text)}")
            data += value
            if not cur.accept(","):
                break
        cur.expect_end()
        self._bytes(bytes(data), t.col)

    def d_leb128(self, t: Token, cur: Cursor) -> None:
        encode = sleb128 if t.text.lower() == ".sleb128" else uleb128
        data = bytearray()
        later = (f"the value of {t.text} must be known at this point (its size depends on it): "
                 "define the labels and symbols it uses above it, labels in one section")
        address = f"{t.text} needs a constant, got an address (a difference of two labels is a constant)"
        for expr in self._expr_list(cur):
            data += encode(self.value(expr, later, address))
        self._bytes(bytes(data), t.col)

    def d_org(self, t: Token, cur: Cursor) -> None:
        target = parse_expr(cur)
        fill = self._fill_byte(cur)
        cur.expect_end()
        v = self.known(target)
        sect = self.section
        if v.is_address and v.section is not sect:     # an offset within the section, as in gas
            raise AsmSyntaxError(target.col, f".org needs an offset in the current section "
                                             f"'{sect.name}', got an address in '{v.section.name}'")
        if v.n < sect.size:
            raise AsmSyntaxError(target.col, f".org {v.n} is behind the current offset {sect.size} "
                                             f"in section '{sect.name}' (.org cannot move backwards)")
        if v.n > MAX_SIZE:
            raise AsmSyntaxError(target.col, f".org offset {v.n} out of range [0, {MAX_SIZE}]")
        self._bytes(bytes([fill]) * (v.n - sect.size), t.col, mapped=False)

    def d_comm(self, t: Token, cur: Cursor) -> None:
        """.comm and .lcomm: zeroed space in .bss with a label. .comm's is global and, as a
        linker places COMMON symbols, goes after every .bss input section (see end_commons)."""
        local = t.text.lower() == ".lcomm"
        name = cur.next()
        if name.kind != IDENT or name.text == "." or is_register_name(name.text):
            raise AsmSyntaxError(name.col, "expected a symbol name")
        cur.expect(",")
        size_expr = parse_expr(cur)
        align_expr = parse_expr(cur) if cur.accept(",") else None
        cur.expect_end()
        size = self._count(size_expr)
        align = 1
        if align_expr is not None:
            align = self._alignment(align_expr, self.value(align_expr))
        if local:
            sect = self._section(".bss", "bss")
        else:
            if self.common is None:
                self.common = Section("COMMON", "bss")
            sect = self.common
        with self._placed_in(sect):
            self._bytes(bytes(align_up(sect.size, align) - sect.size), t.col, mapped=False)
            sect.align = max(sect.align, align)
            self._define_label(name)
            self._bytes(bytes(size), t.col)
        if not local:
            self.globals.add(name.text)

    @contextmanager
    def _placed_in(self, sect: Section):
        """Place items in `sect` without switching to it (.previous is not changed)."""
        saved, self.section = self.section, sect
        try:
            yield
        finally:
            self.section = saved

    def end_commons(self) -> None:
        """At the end of the first pass: the .comm space follows every other .bss section."""
        if self.common is not None:
            key = "COMMON"
            while key in self.sections:     # a section the program named so itself
                key += "'"
            self.sections[key] = self.common

    def d_insn(self, t: Token, cur: Cursor) -> None:
        """.insn r and .insn i: an instruction word from its fields (RISC-V gas and LLVM)."""
        self._add_instr(t, lambda item: self._insn_form(t, cur))

    def _insn_form(self, t: Token, cur: Cursor) -> tuple[Form, dict]:
        fmt_tok = cur.peek()
        fmt = fmt_tok.text.lower() if fmt_tok is not None and fmt_tok.kind == IDENT else None
        if fmt not in _INSN_USAGE:
            what = (f"unsupported .insn format '{fmt_tok.text}'" if fmt_tok is not None
                    else "expected an instruction format after .insn")
            raise AsmSyntaxError(cur.col, f"{what}: vmlab takes '{_INSN_USAGE['r']}' and "
                                          f"'{_INSN_USAGE['i']}'")
        cur.next()
        count = count_operands(cur)
        if count not in ((6,) if fmt == "r" else (4, 5)):
            raise AsmSyntaxError(t.col, f"'.insn {fmt}' takes {6 if fmt == 'r' else 5} operands "
                                        f"({_INSN_USAGE[fmt]}), got {count}")
        opcode = self._insn_opcode(cur)
        cur.expect(",")
        match = opcode | self._insn_field(cur, "func3", 7) << 12
        cur.expect(",")
        if fmt == "r":
            match |= self._insn_field(cur, "func7", 127) << 25
            cur.expect(",")
        insn = Insn(name=f".insn {fmt}", pattern="", fmt=fmt.upper(), syntax="", semantics="",
                    extension="", match=match, fields=FORMATS[fmt.upper()])
        kinds = {f.name: f.kind for f in insn.fields}
        syntaxes = ["{rd}, {rs1}, {rs2}"] if fmt == "r" else ["{rd}, {rs1}, {imm}", "{rd}, {imm}({rs1})"]
        return parse_first([Form(insn.name, syntax, kinds, insn) for syntax in syntaxes], cur)

    def _insn_opcode(self, cur: Cursor) -> int:
        tok = cur.peek()
        if tok is not None and tok.kind == IDENT and tok.text.upper() in INSN_OPCODES:
            cur.next()
            return INSN_OPCODES[tok.text.upper()]
        if tok is not None and tok.kind == IDENT and tok.text not in self.const_defs:
            raise AsmSyntaxError(tok.col, f"unknown opcode '{tok.text}'"
                                          f"{suggest(tok.text.upper(), INSN_OPCODES)}: give a number "
                                          "in [0, 127] or a name such as OP, OP_IMM, LOAD, STORE, "
                                          "SYSTEM, CUSTOM_0")
        return self._insn_field(cur, "opcode", 127)

    def _insn_field(self, cur: Cursor, what: str, hi: int) -> int:
        expr = parse_expr(cur)
        n = self.value(expr)
        if not 0 <= n <= hi:
            raise AsmSyntaxError(expr.col, f"{what} {n} out of range [0, {hi}]")
        return n

    def d_string(self, t: Token, cur: Cursor) -> None:
        zero = t.text.lower() != ".ascii"
        data = bytearray()
        while True:
            s = cur.next()
            if s.kind != STR:
                raise AsmSyntaxError(s.col, "expected a string in double quotes")
            data += s.value + (b"\0" if zero else b"")
            if not cur.accept(","):
                break
        cur.expect_end()
        self._bytes(bytes(data), t.col)

    def d_space(self, t: Token, cur: Cursor) -> None:
        size_expr = parse_expr(cur)
        fill = self._fill_byte(cur)
        cur.expect_end()
        size = self._count(size_expr)
        self._bytes(bytes([fill]) * size, t.col)

    def _fill_byte(self, cur: Cursor) -> int:
        """The optional ', fill' of .space and .org (0 if none)."""
        return self._fill_value(parse_expr(cur)) if cur.accept(",") else 0

    def _fill_value(self, expr: Expr) -> int:
        """A fill operand: a byte, given from -128 to 255."""
        fill = self.value(expr)
        if not -128 <= fill <= 255:
            raise AsmSyntaxError(expr.col, f"fill value {fill} out of range [-128, 255]")
        return fill & 0xFF

    @staticmethod
    def _alignment(expr: Expr, n: int) -> int:
        """n, checked as a byte alignment (.balign, .comm): a power of 2 up to MAX_ALIGN."""
        if n < 1 or n & (n - 1) or n > MAX_ALIGN:
            raise AsmSyntaxError(expr.col, f"alignment {n} must be a power of 2 up to {MAX_ALIGN}")
        return n

    def _count(self, expr: Expr, what: str = "size") -> int:
        n = self.value(expr)
        if not 0 <= n <= MAX_SIZE:
            raise AsmSyntaxError(expr.col, f"{what} {n} out of range [0, {MAX_SIZE}]")
        return n

    def d_fill(self, t: Token, cur: Cursor) -> None:
        exprs = self._expr_list(cur)
        if len(exprs) > 3:
            raise AsmSyntaxError(exprs[3].col, ".fill takes repeat[, size[, value]]")
        repeat = self._count(exprs[0], "repeat count")
        size = self._count(exprs[1], "size") if len(exprs) > 1 else 1
        value = self.value(exprs[2]) if len(exprs) > 2 else 0
        if size > 8:
            raise AsmSyntaxError(exprs[1].col, f".fill size {size} out of range [0, 8]")
        if repeat * size > MAX_SIZE:
            raise AsmSyntaxError(exprs[0].col, ".fill too large")
        # As in gas and LLVM, a value wider than 4 bytes keeps only its low 4 bytes, zero-extended.
        unit = (value & ((1 << 8 * min(size, 4)) - 1)).to_bytes(size, "little")
        self._bytes(unit * repeat, t.col)

    def d_align(self, t: Token, cur: Cursor) -> None:
        name = t.text.lower()
        amount = parse_expr(cur)
        fill = limit = None
        if cur.accept(","):
            if not (cur.peek() is not None and cur.peek().is_op(",")):
                fill = parse_expr(cur)
            if cur.accept(","):
                limit = parse_expr(cur)
        cur.expect_end()
        n = self.value(amount)
        if name == ".balign":
            align = self._alignment(amount, max(n, 1))
        else:           # .align and .p2align: RISC-V gas takes a power of two
            if not 0 <= n <= MAX_ALIGN.bit_length() - 1:
                raise AsmSyntaxError(amount.col, f"alignment exponent {n} out of range "
                                                 f"[0, {MAX_ALIGN.bit_length() - 1}]")
            align = 1 << n
        fill_value = self._fill_value(fill) if fill is not None else None
        max_skip = self._count(limit, "maximum") if limit is not None else None
        self.section.align = max(self.section.align, align)
        pad = align_up(self.section.size, align) - self.section.size
        if max_skip is not None and pad > max_skip:
            pad = 0
        if fill_value is not None:
            data = bytes([fill_value]) * pad
        elif self.section.kind == "text":
            data = _code_padding(pad)
        else:
            data = b"\0" * pad
        self._bytes(data, t.col, mapped=False)

    def d_set(self, t: Token, cur: Cursor) -> None:
        name = cur.next()
        if name.kind != IDENT:
            raise AsmSyntaxError(name.col, "expected a symbol name")
        cur.expect(",")
        expr = parse_expr(cur)
        cur.expect_end()
        self._assign(name, expr, t.text.lower())

    def d_globl(self, t: Token, cur: Cursor) -> None:
        while True:
            name = cur.next()
            if name.kind != IDENT or is_register_name(name.text):
                raise AsmSyntaxError(name.col, "expected a symbol name")
            self.globals.add(name.text)
            if not cur.accept(","):
                break
        cur.expect_end()

    def d_end(self, t: Token, cur: Cursor) -> None:
        cur.expect_end()
        self.ended = True

    # -- bodies of lines: .macro, .rept, .irp (see vmlab.asm.macros) ------------------------------
    def d_body(self, t: Token, cur: Cursor) -> None:
        """Start reading the lines of a .macro, .rept, .irp or .irpc (up to its end)."""
        kind = t.text.lower()
        rest = self.rest_of(t, cur)
        file, line = self.place()
        body = macros.Body(kind, line, t.col, file, where=self.where)
        self.collecting = body          # read up to its end even when its first line is bad
        first, cur.i = cur.i, len(cur.toks)
        macros.parse_header(kind, rest, t.col + len(t.text), body)
        if kind == ".rept":
            cur.i = first
            expr = parse_expr(cur)
            cur.expect_end()
            body.count = self._count(expr, "repeat count")
        elif kind == ".macro" and body.name.lower() in DIRECTIVES:
            name, body.name = body.name, ""     # read, and then dropped
            raise AsmSyntaxError(t.col, f"'{name}' is a directive and cannot be a macro name")

    def d_unopened(self, t: Token, cur: Cursor) -> None:
        opener = ".macro" if t.text.lower() in (".endm", ".end_macro") else ".rept or .irp"
        raise AsmSyntaxError(t.col, f"'{t.text}' without {opener} before it")

    def d_exitm(self, t: Token, cur: Cursor) -> None:
        cur.expect_end()
        if not self.in_macros:
            raise AsmSyntaxError(t.col, "'.exitm' outside a macro")
        raise macros.ExitMacro

    # -- conditional assembly -----------------------------------------------------------------
    def d_if(self, t: Token, cur: Cursor) -> None:
        kind = t.text.lower()
        cond = macros.Cond(self.place()[1], t.col, self.where, False, False)
        self.conds.append(cond)         # pushed first: a bad condition still needs its .endif
        cond.active = cond.taken = self._condition(kind, t, cur)

    def _condition(self, kind: str, t: Token, cur: Cursor) -> bool:
        rest = self.rest_of(t, cur)
        if kind in (".ifdef", ".ifndef"):
            name = cur.next()
            if name.kind != IDENT:
                raise AsmSyntaxError(name.col, "expected a symbol name")
            cur.expect_end()
            known = name.text in self.labels or name.text in self.const_defs
            return known == (kind == ".ifdef")
        if kind in (".ifc", ".ifnc"):
            args = macros.split_args(rest, t.col + len(t.text))
            if len(args) != 2 or rest.count(",") < 1:
                raise AsmSyntaxError(t.col, f"{kind} takes two strings separated by a comma")
            cur.i = len(cur.toks)
            a, b = (x.strip("'\"") if len(x) > 1 and x[0] == x[-1] and x[0] in "'\"" else x for x, _ in args)
            return (a == b) == (kind == ".ifc")
        if kind in (".ifb", ".ifnb"):
            cur.i = len(cur.toks)
            return (not rest.strip()) == (kind == ".ifb")
        expr = parse_expr(cur)
        cur.expect_end()
        v = self.value(expr)
        return {".if": v != 0, ".ifne": v != 0, ".ifeq": v == 0, ".ifgt": v > 0, ".ifge": v >= 0,
                ".iflt": v < 0, ".ifle": v <= 0}[kind]

    def d_else(self, t: Token, cur: Cursor) -> None:
        kind = t.text.lower()
        if not self.conds:
            raise AsmSyntaxError(t.col, f"'{t.text}' without .if before it")
        cond = self.conds[-1]
        if kind == ".endif":
            cur.expect_end()
            self.conds.pop()
            return
        if cond.seen_else:
            raise AsmSyntaxError(t.col, f"'{t.text}' after the .else of this .if")
        if kind == ".else":
            cur.expect_end()
            cond.seen_else = True
            cond.active = not cond.taken
        elif cond.taken:                # .elseif after a branch that was assembled
            cur.i = len(cur.toks)
            cond.active = False
        else:
            cond.active = False
            cond.active = self._condition(".if", t, cur)
        cond.taken = cond.taken or cond.active

    def d_include(self, t: Token, cur: Cursor) -> None:
        tok = cur.next()
        if tok.kind != STR:
            raise AsmSyntaxError(tok.col, 'expected a file name in double quotes: .include "file.s"')
        cur.expect_end()
        name, path = self._source_path(tok)
        if self.depth >= macros.MAX_DEPTH:
            raise AsmSyntaxError(tok.col, f"files included more than {macros.MAX_DEPTH} deep "
                                          "(does a file include itself?)")
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        except OSError as e:
            raise AsmSyntaxError(tok.col, f"cannot include '{name}': {e.strerror} (looked in "
                                          f"{os.path.dirname(os.path.abspath(path))})") from None
        text, unterminated = strip_block_comments(text)
        shown = os.path.relpath(path) if not os.path.isabs(name) else path
        lines = text.split("\n")
        for ln, col in unterminated:
            self.error(ln, col, "unterminated /* comment", macros.Where(shown, ln, lines[ln - 1]))
        with self.nested():
            self.run_lines([(None, line, macros.Where(shown, k, line.rstrip("\r"), "", (shown, k, line.rstrip("\r"))))
                            for k, line in enumerate(lines, 1)])
            if self.collecting is not None and self.collecting.file == shown:
                self.unclosed("after it in its file")

    def d_incbin(self, t: Token, cur: Cursor) -> None:
        tok = cur.next()
        if tok.kind != STR:
            raise AsmSyntaxError(tok.col, 'expected a file name in double quotes: .incbin "file.bin"')
        skip_expr = count_expr = None
        if cur.accept(","):
            skip_expr = parse_expr(cur)
            if cur.accept(","):
                count_expr = parse_expr(cur)
        cur.expect_end()
        skip = self._count(skip_expr, "skip") if skip_expr is not None else 0
        count = self._count(count_expr, "count") if count_expr is not None else None
        name, path = self._source_path(tok)
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if skip > size:
                    raise AsmSyntaxError(skip_expr.col, f"skip {skip} is past the end of '{name}' "
                                                        f"({size} bytes)")
                if count is None:
                    count = size - skip
                    if count > MAX_SIZE:
                        raise AsmSyntaxError(tok.col, f"'{name}' is too large ({size} bytes)")
                elif count > size - skip:
                    raise AsmSyntaxError(count_expr.col, f"count {count} goes past the end of "
                                                         f"'{name}' ({size} bytes, {size - skip} "
                                                         f"after skipping {skip})")
                f.seek(skip)
                data = f.read(count)
        except OSError as e:
            raise AsmSyntaxError(tok.col, f"cannot read '{name}': {e.strerror} (looked in "
                                          f"{os.path.dirname(os.path.abspath(path))})") from None
        self._bytes(data, t.col)

    def _source_path(self, tok: Token) -> tuple[str, str]:
        """The file a .include or .incbin names, relative to the file being assembled."""
        name = tok.value.decode("utf-8", "surrogateescape")
        here = self.place()[0]
        base = os.path.dirname(here) if os.path.isfile(here) else os.getcwd()
        return name, name if os.path.isabs(name) else os.path.join(base, name)


DATA_WIDTHS = {".byte": 1, ".half": 2, ".short": 2, ".2byte": 2, ".word": 4, ".long": 4,
               ".int": 4, ".4byte": 4, ".dword": 8, ".quad": 8, ".8byte": 8}
DIRECTIVES = {
    **{d: Directives.d_data for d in DATA_WIDTHS},
    **{d: Directives.d_section for d in (".text", ".data", ".bss", ".rodata", ".section",
                                         ".pushsection", ".popsection", ".previous")},
    **{d: Directives.d_string for d in (".ascii", ".asciz", ".string")},
    **{d: Directives.d_space for d in (".space", ".zero", ".skip")},
    ".fill": Directives.d_fill,
    **{d: Directives.d_real for d in (".float", ".double")},
    **{d: Directives.d_leb128 for d in (".uleb128", ".sleb128")},
    ".org": Directives.d_org,
    **{d: Directives.d_comm for d in (".comm", ".lcomm")},
    ".incbin": Directives.d_incbin,
    ".insn": Directives.d_insn,
    **{d: Directives.d_align for d in (".align", ".balign", ".p2align")},
    **{d: Directives.d_set for d in (".equ", ".set", ".equiv", ".eqv")},
    **{d: Directives.d_globl for d in (".globl", ".global", ".weak")},
    ".end": Directives.d_end,
    **{d: Directives.d_body for d in macros.OPENERS},
    **{d: Directives.d_unopened for d in (".endm", ".end_macro", ".endr")},
    ".exitm": Directives.d_exitm,
    **{d: Directives.d_if for d in macros.CONDITIONS},
    **{d: Directives.d_else for d in (".else", ".elseif", ".endif")},
    ".include": Directives.d_include,
}


# Accepted and ignored: metadata for linkers, debuggers and other assemblers.
IGNORED = {".type", ".size", ".option", ".file", ".ident", ".attribute", ".loc", ".local",
           ".hidden", ".protected", ".internal", ".addrsig", ".addrsig_sym", ".cfi_startproc",
           ".cfi_endproc", ".cfi_def_cfa_offset", ".cfi_offset", ".cfi_restore",
           ".cfi_def_cfa", ".cfi_sections", ".func", ".endfunc"}
UNSUPPORTED = {".reloc"}      # vmlab links as it assembles: there is no relocation to write
