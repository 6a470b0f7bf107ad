"""The assembler: GNU-as-style RISC-V source text to a :class:`vmlab.program.Program`.

Two passes over the statements, like a one-file assembler and linker in one:

1. **Layout.** Parse every line into items (an instruction, a data directive, a string, a
   padding, an assignment), each placed at an offset in its *input section* (``.text``,
   ``.text.startup``, ``.data`` ...). Labels get (section, offset). Every size is fixed here:
   ``li`` of a forward reference is one ``addi``, ``la`` of a label is two words, ``.space``
   and ``.align`` need values known at this point.
2. **Encode.** Input sections are concatenated into the output sections ``.text``,
   ``.rodata``, ``.data``, ``.bss`` (in that order, as a linker script would: input sections
   in order of first appearance, ``.text`` first), every label gets its address, and each
   item is encoded with all symbols known.

Errors never stop the assembler: each bad statement becomes a
:class:`~vmlab.asm.errors.Diagnostic` and the rest is still assembled (its sizes are still
needed for later addresses); at the end, :class:`~vmlab.asm.errors.AssemblerError` lists them all.
"""
from __future__ import annotations

import bisect
from contextlib import contextmanager
from ..isa.csrs import CSR_NUMBERS
from ..program import Program, Segment, SourceLine
from . import macros, pseudo
from .errors import AsmSyntaxError, AssemblerError, Diagnostic, NotYet, UndefinedSymbol, suggest
from .expr import Expr, Reloc, Sym, Value, evaluate, is_register_name, parse_expr, sext12
from .directives import Directives, align_up
from .encodings import tokenize_line
from .forms import FORMS, STORES, Form, count_operands, parse_first
from .items import (FLAGS, MAX_NESTING, MAX_SIZE, OUTPUTS, Assign, Bytes, Data, Instr, Item,
                    Poisoned, Section)
from .lexer import IDENT, NUM, OP, Cursor, Token, strip_block_comments
from .macros import Where


class Assembler(Directives):
    """State of one assembly: sections, items, symbols, diagnostics. Use :func:`assemble`."""

    def __init__(self, text: str, name: str, base: int):
        self.name, self.base, self.source = name, base, text
        self.lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
        self.errors: dict[tuple, Diagnostic] = {}
        self.sections: dict[str, Section] = {}
        self.section = self._section(".text", "text")
        self.common: Section | None = None        # the .comm symbols' space (placed last in .bss)
        self.previous = self.section
        self.stack: list[Section] = []
        self.items: list[Item] = []
        self.total = 0
        self.labels: dict[str, tuple[Section, int, int]] = {}     # name -> (section, offset, line)
        # numeric label n -> (sequence numbers of its definitions, their (section, offset))
        self.local_defs: dict[int, tuple[list[int], list[tuple[Section, int]]]] = {}
        self.local_seq = 0
        self.consts: dict[str, object] = {}       # first pass: Value, or the Assign (not known yet)
        self.const_defs: dict[str, Assign] = {}   # last definition of each assigned symbol
        self.equivs: set[str] = set()
        self.globals: set[str] = set()
        self.final = False
        self.cur: Item | None = None
        self.elem = 0                             # offset of the current element inside cur
        self.active: list[Assign] = []            # definitions being evaluated (cycle check)
        self.ended = False
        self.lineno = 1
        self.where: Where | None = None           # set while assembling lines not of this file as written
        self.line_text = ""                       # the line being assembled (expanded, for macros)
        self.macros: dict[str, list] = {}         # name -> its definitions (macros.Body)
        self.collecting = None                    # the .macro/.rept/.irp whose lines are being read
        self.depth = 0                            # expansions and includes inside each other
        self.in_macros = 0                        # macro expansions under way (for .exitm)
        self.runaway = False                      # a limit was hit: expand nothing more
        self.rounds_ahead = 1                     # times the enclosing expansions will run this again
        self.expanded = 0                         # lines made by expansions so far
        self.serial = 0                           # macro uses so far (\@, RARS label suffixes)
        self.conds: list[macros.Cond] = []        # .if blocks open here

    # -- diagnostics ---------------------------------------------------------------------------

    def error(self, line: int, col: int, message: str, where: Where | None = None) -> None:
        file = self.name
        if where is not None:               # an included file, or a macro's expansion
            file, line, text, message = where.file, where.line, where.text, message + where.note
        else:
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = max(1, min(col, len(text) + 1))
        d = Diagnostic(file, line, col, message, text)
        self.errors.setdefault((file, line, col, message), d)

    def report(self, e: AsmSyntaxError, line: int, where: Where | None = None) -> None:
        if not isinstance(e, Poisoned):
            self.error(line, e.col, e.message, where)

    # -- symbol lookup (the expr.Env protocol) -------------------------------------------------

    def symbol(self, name: str, col: int) -> Value:
        if name in self.const_defs:                      # a .set/.equ/= symbol
            if self.final:
                if name in self.consts2:                 # defined above: its current value
                    return self.consts2[name]
                return self._eval_def(self.const_defs[name])     # used before its definition
            entry = self.consts[name]
            return entry if isinstance(entry, Value) else self._eval_def(entry)
        if name in self.labels:
            sect, off, _ = self.labels[name]
            return Value(sect.addr + off if self.final else off, sect)
        if not self.final:
            raise NotYet                                 # perhaps defined further down
        known = list(self.labels) + list(self.const_defs)
        raise UndefinedSymbol(col, name, f"undefined symbol '{name}'{suggest(name, known)}")

    def _eval_def(self, item: Assign) -> Value:
        """Value of an assignment evaluated where it stands (for uses before or around it)."""
        if item in self.active or len(self.active) > MAX_NESTING:
            if not self.final:
                raise NotYet
            if item in self.active:
                self.error(item.line, item.col, f"circular definition of '{item.name}'", item.where)
            else:
                self.error(self.cur.line, 1, f"more than {MAX_NESTING} symbols defined in terms "
                                             "of symbols defined further down", self.cur.where)
            raise Poisoned
        self.active.append(item)
        try:
            with self.at(item):
                return evaluate(item.expr, self)
        except AsmSyntaxError as e:
            self.report(e, item.line, item.where)
            raise Poisoned from None
        finally:
            self.active.pop()

    def local(self, number: int, direction: str, col: int) -> Value:
        seqs, places = self.local_defs.get(number, ([], []))
        k = bisect.bisect_left(seqs, self.cur.pos)     # first definition after this statement
        if direction == "b":
            if k == 0:
                raise AsmSyntaxError(col, f"local label '{number}' is not defined before this line")
            sect, off = places[k - 1]
        else:
            if k == len(seqs):
                if not self.final:
                    raise NotYet
                raise AsmSyntaxError(col, f"local label '{number}' is not defined after this line")
            sect, off = places[k]
        return Value(sect.addr + off if self.final else off, sect)

    def here(self) -> Value:
        item = self.cur
        off = item.offset + self.elem
        return Value(item.section.addr + off if self.final else off, item.section)

    def pcrel_lo(self, label: Value, col: int) -> int:
        item = self.by_address.get(label.n)
        target = None
        if isinstance(item, Instr):
            if item.form.pseudo:
                target = pseudo.pcrel_target(item.form, item.ops, item.plan)
            elif item.form.insn.name == "auipc":
                imm = item.ops.get("imm")
                if isinstance(imm, Reloc) and imm.kind == "pcrel_hi":
                    target = imm.arg
        if target is None:
            raise AsmSyntaxError(col, "%pcrel_lo must name the label of an auipc that uses "
                                      "%pcrel_hi (e.g. '1: auipc a0, %pcrel_hi(sym)' then "
                                      "'addi a0, a0, %pcrel_lo(1b)')")
        if len(self.active) > MAX_NESTING or item in self.active:
            raise AsmSyntaxError(col, "circular %pcrel_lo")
        self.active.append(item)
        try:
            with self.at(item):
                return sext12(evaluate(target, self).n - item.address)
        finally:
            self.active.pop()

    @contextmanager
    def at(self, item: Item, elem: int = 0):
        saved = self.cur, self.elem
        self.cur, self.elem = item, elem
        try:
            yield
        finally:
            self.cur, self.elem = saved

    def known(self, expr: Expr, later: str | None = None) -> Value:
        """Evaluate in the first pass where the value, constant or address, must be known now;
        `later`: the error when it is not (a directive may say why it must be)."""
        try:
            return evaluate(expr, self)
        except NotYet:
            raise AsmSyntaxError(expr.col, later or "value must be known at this point "
                                           "(it depends on a label or symbol defined later)") from None

    def value(self, expr: Expr, later: str | None = None, address: str | None = None) -> int:
        """Evaluate in the first pass where a constant must be known now (sizes, counts);
        `later`, `address`: the errors when it is not known yet, or is an address."""
        v = self.known(expr, later)
        if v.is_address:
            raise AsmSyntaxError(expr.col, address or "expected a constant, got an address")
        return v.n

    # -- first pass ----------------------------------------------------------------------------

    def _section(self, name: str, kind: str) -> Section:
        if name not in self.sections:
            self.sections[name] = Section(name, kind, align=4 if name == ".text" else 1)
        return self.sections[name]

    def _new(self, cls, **kw) -> Item:
        """An item at the current position (not yet added: its size may still change)."""
        item = cls(self.section, self.section.size, self.lineno, self.local_seq, **kw)
        item.where = self.where
        return item

    def _add(self, item: Item) -> None:
        if item.size < 0 or self.total + item.size > MAX_SIZE:
            raise AsmSyntaxError(1, f"program too large (more than {MAX_SIZE >> 20} MiB)")
        self.total += item.size
        self.section.size += item.size
        self.items.append(item)

    def _bytes(self, data: bytes, col: int, mapped: bool = True) -> None:
        if self.section.kind == "bss" and any(data):
            raise AsmSyntaxError(col, "non-zero data in .bss (only zeros may go there)")
        self._add(self._new(Bytes, size=len(data), data=data, mapped=mapped))

    def first_pass(self) -> None:
        text, unterminated = strip_block_comments(self.source)
        for line, col in unterminated:
            self.error(line, col, "unterminated /* comment")
        self.run_lines([(k, line, None) for k, line in enumerate(text.split("\n"), 1)])
        for c in self.conds:
            self.error(c.line, c.col, "no .endif for this .if", c.where)
        self.conds.clear()
        self.unclosed("after it")
        self.end_commons()

    def unclosed(self, after: str) -> None:
        """Report the .macro/.rept/.irp still being read at the end of a file."""
        body, self.collecting = self.collecting, None
        if body is not None:
            what = f"macro '{body.name}'" if body.kind == ".macro" else body.kind
            self.error(body.line, body.col, f"{what} is not closed: no "
                                            f"{' or '.join(macros.CLOSERS[body.kind])} {after}", body.where)

    def place(self) -> tuple[str, int]:
        """File and line of the line being assembled (an included file's, a macro body's)."""
        w = self.where
        return (self.name, self.lineno) if w is None else (w.file, w.line)

    def rest_of(self, t: Token, cur: Cursor) -> str:
        """The statement's text after token `t`, as written (macro arguments are text)."""
        return self.line_text[t.col - 1 + len(t.text):cur.end_col - 1]

    @contextmanager
    def nested(self, macro: bool = False):
        """Lines assembled inside the current one (an expansion, an included file); the
        position in the outer ones is put back afterwards."""
        saved = self.lineno, self.where, self.line_text, self.rounds_ahead
        self.depth += 1
        self.in_macros += macro
        try:
            yield
        finally:
            self.depth -= 1
            self.in_macros -= macro
            self.lineno, self.where, self.line_text, self.rounds_ahead = saved

    def run_lines(self, lines) -> None:
        """Assemble lines, each (line number in this file or None, text, Where or None)."""
        for lineno, line, where in lines:
            if self.ended:
                return
            if lineno is not None:
                self.lineno = lineno
            self.where = where
            line = line[:-1] if line.endswith("\r") else line
            if self.collecting is not None:
                self._collect(line, lineno, where)
                continue
            if self.conds and not self.conds[-1].active:
                word = macros.first_word(line)
                if word in macros.CONDITIONS:         # inside a dropped branch: not looked at
                    self.conds.append(macros.Cond(self.lineno, 1, where, False, True))
                    continue
                if word not in (".else", ".elseif", ".endif"):
                    continue
            try:
                toks = tokenize_line(line)
            except AsmSyntaxError as e:
                self.report(e, self.lineno, where)
                continue
            self.line_text = line
            start = 0
            for k in range(len(toks) + 1):
                if k == len(toks) or toks[k].is_op(";"):
                    last = toks[k - 1] if k > start else None
                    end_col = last.col + len(last.text) if last else 1
                    if k > start:
                        if self.collecting is not None:       # after .macro/.rept on one line
                            self.report(AsmSyntaxError(toks[start].col, "the lines of a "
                                        f"{self.collecting.kind} start on the next line"), self.lineno, where)
                            break
                        self._statement(Cursor(toks[start:k], end_col))
                        self.where = where
                        self.line_text = line
                    start = k + 1
                    if self.ended:
                        return

    def _collect(self, line: str, lineno: int | None, where: Where | None) -> None:
        """One line of a .macro, .rept or .irp body (or the line that ends it)."""
        body = self.collecting
        word = macros.first_word(line)
        if word in macros.CLOSERS[body.kind]:
            if body.depth == 0:
                self.collecting = None
                rest = line.strip()[len(word):].strip()
                if rest and not rest.startswith(("#", "//", ";")):
                    self.report(AsmSyntaxError(line.index(rest) + 1, f"unexpected '{rest}' after {word}"),
                                self.lineno, where)
                try:
                    self._finish(body)
                except AsmSyntaxError as e:
                    self.report(e, body.line, body.where)
                return
            body.depth -= 1
        elif word == body.kind or (body.kind != ".macro" and word in macros.OPENERS[1:]):
            body.depth += 1
        body.lines.append((*self.place(), line, where))

    def _finish(self, body) -> None:
        """A body is complete: define the macro, or assemble the repeated lines."""
        if body.kind == ".macro":
            if not body.name:                   # its first line was bad (reported)
                return
            defs = self.macros.setdefault(body.name, [])
            for d in defs:
                if not body.rars or len(d.params) == len(body.params):
                    self.report(AsmSyntaxError(body.col, f"macro '{body.name}' is already defined "
                                                         f"(line {d.line})"), body.line, body.where)
                    return
            defs.append(body)
            return
        if body.kind == ".rept":
            rounds = [{}] * body.count
        else:
            rounds = [{body.name: v} for v in body.values]
        self._expand(body, rounds, None)

    def _expand(self, body, rounds: list[dict], call: Where | None) -> None:
        """Assemble the lines of `body` once for each dict of parameter values in `rounds`."""
        if self.runaway:                        # reported once; the rest would only repeat it
            raise Poisoned
        size = len(rounds) * len(body.lines)
        self.expanded += size
        # also what the enclosing .rept rounds still to come will make of it: a nested runaway
        # is stopped at its first inner expansion, not after the limit's worth of lines
        if (self.depth >= macros.MAX_DEPTH
                or self.expanded + size * (self.rounds_ahead - 1) > macros.MAX_LINES):
            self.runaway = True
            if self.depth >= macros.MAX_DEPTH:
                raise AsmSyntaxError(body.col, f"expansions nested more than {macros.MAX_DEPTH} deep"
                                     + (f" (does macro '{body.name}' use itself?)" if body.kind == ".macro" else ""))
            raise AsmSyntaxError(body.col, f"expansions make more than {macros.MAX_LINES:,} lines")
        conds = len(self.conds)
        outer = self.rounds_ahead
        with self.nested(macro=body.kind == ".macro"):
            for k, values in enumerate(rounds):
                self.rounds_ahead = outer * (len(rounds) - k)
                serial = self.serial
                if body.kind == ".macro":       # \@ counts macro uses from 0, as in gas and LLVM
                    self.serial += 1
                lines = []
                for file, ln, text, w in body.lines:
                    try:
                        text = macros.substitute(body, values, serial, text)
                    except AsmSyntaxError as e:
                        note = call.note if call is not None else w.note if w is not None else ""
                        self.report(e, ln, Where(file, ln, text, note, ()))
                        continue
                    if call is not None:        # a macro: its code is listed where it is used
                        where = Where(file, ln, text, call.note, call.listed)
                    else:                       # .rept/.irp: listed as written
                        where = Where(file, ln, text, w.note if w else "",
                                      w.listed if w is not None else (file, ln, text))
                    lines.append((None, text, where))
                try:
                    self.run_lines(lines)
                except macros.ExitMacro:
                    del self.conds[conds:]      # the .endif of an .if around .exitm is skipped
                    if body.kind == ".macro":
                        continue
                    raise

    def _use_macro(self, t: Token, cur: Cursor) -> None:
        defs = self.macros[t.text]
        args = self.rest_of(t, cur)
        body = defs[0]
        if len(defs) > 1:                       # RARS: overloaded by the number of arguments
            text = args.strip()
            if text.startswith("(") and text.endswith(")"):
                text = text[1:-1]
            n = len(macros.split_args(text, 1))
            body = next((d for d in defs if len(d.params) == n), body)
        values = macros.bind(body, args, t.col + len(t.text))
        file, line = self.place()
        listed = self.where.listed if self.where is not None else (file, line, self.lines[line - 1])
        at = f"line {line}" if file == self.name else f"{file}:{line}"
        note = f" (in macro '{body.name}', used on {at})"
        self._expand(body, [values], Where(file, line, "", note, listed))

    def _statement(self, cur: Cursor) -> None:
        try:
            self._labels(cur)
            if cur.at_end():
                return
            self.cur, self.elem = self._new(Item), 0     # where "." and 1b/1f are evaluated
            t = cur.next()
            if t.kind != IDENT:
                raise AsmSyntaxError(t.col, f"expected an instruction or directive, got '{t.text}'")
            if cur.peek() is not None and cur.peek().is_op("="):
                cur.next()
                self._assign(t, parse_expr(cur), "=")
                cur.expect_end()
            elif t.text in self.macros:
                self._use_macro(t, cur)
            elif t.text.startswith("."):
                self._directive(t, cur)
            else:
                self._instruction(t, cur)
        except AsmSyntaxError as e:
            self.report(e, self.lineno, self.where)
        except RecursionError:
            self.error(self.lineno, 1, "statement too deeply nested", self.where)
        except macros.ExitMacro:
            raise
        except Exception as e:  # noqa: BLE001 -- a bug here must still surface as AssemblerError
            self.error(self.lineno, 1, f"internal assembler error: {type(e).__name__}: {e}", self.where)

    def _labels(self, cur: Cursor) -> None:
        while (t := cur.peek()) is not None and (n := cur.peek(1)) is not None and n.is_op(":"):
            if t.kind == NUM and t.text.isdigit():
                seqs, places = self.local_defs.setdefault(int(t.text), ([], []))
                seqs.append(self.local_seq)
                places.append((self.section, self.section.size))
                self.local_seq += 1
            elif t.kind == IDENT and t.text != ".":
                self._define_label(t)
            else:
                raise AsmSyntaxError(t.col, f"invalid label '{t.text}' (labels are names, or "
                                            "decimal numbers for local labels)")
            cur.i += 2

    def _define_label(self, t: Token) -> None:
        name = t.text
        if is_register_name(name):
            raise AsmSyntaxError(t.col, f"'{name}' is a register name and cannot be a label")
        if name in self.labels:
            raise AsmSyntaxError(t.col, f"duplicate label '{name}' "
                                        f"(first defined on line {self.labels[name][2]})")
        if name in self.const_defs:
            raise AsmSyntaxError(t.col, f"'{name}' is already defined as a constant "
                                        f"(line {self.const_defs[name].line})")
        self.labels[name] = (self.section, self.section.size, self.lineno)

    def _assign(self, t: Token, expr: Expr, how: str) -> None:
        name = t.text
        if t.kind != IDENT or name == "." or is_register_name(name):
            raise AsmSyntaxError(t.col, f"cannot assign to '{name}'")
        if name in self.labels:
            raise AsmSyntaxError(t.col, f"'{name}' is already defined as a label "
                                        f"(line {self.labels[name][2]})")
        once = how in (".equiv", ".eqv")     # .eqv: GNU as and RARS; defined once, like .equiv
        if name in self.equivs or (once and name in self.const_defs):
            raise AsmSyntaxError(t.col, f"redefinition of '{name}' (defined with .equiv or .eqv)")
        if once:
            self.equivs.add(name)
        item = self._new(Assign, name=name, expr=expr, col=expr.col)
        self._add(item)
        value: object = item              # evaluated lazily when not known yet
        try:
            with self.at(item):
                value = evaluate(expr, self)
        except NotYet:
            pass
        finally:
            self.consts[name] = value
            self.const_defs[name] = item

    def _instruction(self, t: Token, cur: Cursor) -> None:
        mnemonic = t.text.lower()
        forms = FORMS.get(mnemonic)
        if forms is None:
            raise AsmSyntaxError(t.col, f"unknown instruction '{t.text}'{suggest(mnemonic, FORMS)}")
        self._add_instr(t, lambda item: self._planned(item, *self._match(t, forms, cur)))

    def _planned(self, item: Instr, form: Form, ops: dict) -> tuple[Form, dict]:
        """A pseudo-instruction's size and expansion are decided here, in the first pass."""
        if form.pseudo:
            with self.at(item):
                item.size, item.plan = pseudo.plan(form, ops, self)
        return form, ops

    def _add_instr(self, t: Token, parse) -> None:
        """An instruction item, its form and operands from parse(item); when that fails, four
        zero bytes hold its place (the layout after it stays right) and the error goes on."""
        if self.section.kind == "bss":
            raise AsmSyntaxError(t.col, "instructions are not allowed in .bss")
        item = self._new(Instr, size=4)
        try:
            item.form, item.ops = parse(item)
        except AsmSyntaxError:
            self._add(Bytes(item.section, item.offset, item.line, item.pos, 4, b"\0" * 4, False))
            raise
        self._add(item)

    @staticmethod
    def _match(t: Token, forms: list[Form], cur: Cursor) -> tuple[Form, dict]:
        """The first form whose syntax the operands parse with, or the most relevant error."""
        count = count_operands(cur)
        candidates = [f for f in forms if f.operand_count == count]
        if not candidates:
            counts = sorted({f.operand_count for f in forms})
            want = " or ".join(str(c) for c in counts)
            usage = " | ".join(f.usage() for f in forms)
            col = t.col
            if count > max(counts):     # point at the first operand too many
                depth, seen = 0, 0
                for tok in cur.toks[cur.i:]:
                    if seen == max(counts):
                        col = tok.col
                        break
                    if tok.kind == OP and tok.text in "()":
                        depth += 1 if tok.text == "(" else -1
                    seen += tok.is_op(",") and depth == 0
            raise AsmSyntaxError(col, f"'{t.text}' takes {want} operand{'s' * (want != '1')}"
                                      f" ({usage}), got {count}")
        try:
            return parse_first(candidates, cur)
        except AsmSyntaxError as error:
            if t.text.lower() in STORES and error.message.startswith("expected '('"):
                error.message = (f"{t.text} needs 'offset(register)'; to store at a label, "
                                 f"name a temporary register: '{t.text} rs, label, temp'")
                commas = [k for k, tok in enumerate(cur.toks) if k >= cur.i and tok.is_op(",")]
                if commas and commas[0] + 1 < len(cur.toks):
                    error.col = cur.toks[commas[0] + 1].col
            raise

    # -- layout and second pass ----------------------------------------------------------------

    def layout(self) -> None:
        """Give every input section its address: outputs in OUTPUTS order from `base`."""
        addr = self.base
        self.outputs: dict[str, tuple[int, list[Section]]] = {}
        for kind in OUTPUTS:
            parts = [s for s in self.sections.values() if s.kind == kind]
            align = max([4] + [s.align for s in parts])
            addr = align_up(addr, align)
            start = addr
            for s in parts:
                addr = align_up(addr, s.align)
                s.addr = addr
                addr += s.size
            self.outputs[kind] = (start, parts)
        if addr > 1 << 32:
            self.error(1, 1, f"program does not fit in the 32-bit address space (ends at {addr:#x})")
        self.by_address = {}
        for item in self.items:
            if isinstance(item, Instr):
                self.by_address.setdefault(item.address, item)

    def second_pass(self) -> tuple[dict[Section, bytearray], dict[int, SourceLine]]:
        self.final = True
        self.consts2: dict[str, Value] = {}
        images = {s: bytearray(s.size) for s in self.sections.values()}
        lines: dict[int, SourceLine] = {}
        for item in self.items:
            w = item.where
            src = (SourceLine(*w.listed) if w is not None
                   else SourceLine(self.name, item.line, self.lines[item.line - 1]))
            try:
                with self.at(item):
                    data, starts = self._encode(item)
            except AsmSyntaxError as e:
                self.report(e, item.line, w)
                continue
            except RecursionError:
                self.error(item.line, 1, "statement too deeply nested", w)
                continue
            except Exception as e:  # noqa: BLE001 -- see _statement
                self.error(item.line, 1, f"internal assembler error: {type(e).__name__}: {e}", w)
                continue
            images[item.section][item.offset:item.offset + len(data)] = data
            for off in starts:
                lines[item.address + off] = src
        return images, lines

    def _encode(self, item: Item) -> tuple[bytes, list[int]]:
        """Bytes of one item and the offsets (within it) that get a line-table entry."""
        if isinstance(item, Bytes):
            return item.data, [0] if item.mapped and item.data else []
        if isinstance(item, Assign):
            self.active.append(item)
            try:
                self.consts2[item.name] = evaluate(item.expr, self)
            finally:
                self.active.pop()
            return b"", []
        if isinstance(item, Data):
            out = bytearray()
            for k, expr in enumerate(item.exprs):
                self.elem = k * item.width
                out += self._data_value(expr, item)
            return bytes(out), [k * item.width for k in range(len(item.exprs))]
        if item.form.pseudo:
            words = pseudo.expand(item.form, item.ops, item.plan, self, item.address)
        else:
            words = [self._encode_insn(item)]
        return b"".join(w.to_bytes(4, "little") for w in words), [4 * k for k in range(len(words))]

    def _data_value(self, expr: Expr, item: Data) -> bytes:
        n = evaluate(expr, self).n
        bits = 8 * item.width
        lo = -(1 << (bits - 1))
        hi = (1 << bits) - 1
        if item.width == 8:
            n &= hi                 # 64-bit values wrap like LLVM's int64 arithmetic
        elif not lo <= n <= hi:
            raise AsmSyntaxError(expr.col, f"value {n} out of range for a {item.width}-byte "
                                           f"value: must be in [{lo}, {hi}]")
        if item.section.kind == "bss" and n:
            raise AsmSyntaxError(expr.col, "non-zero data in .bss (only zeros may go there)")
        return (n & hi).to_bytes(item.width, "little")

    def _encode_insn(self, item: Instr) -> int:
        form = item.form
        values = dict(form.fixed)
        for name, op in item.ops.items():
            if isinstance(op, int):
                values[name] = op
            else:
                values[name] = self._operand_value(form, name, op, item.address)
        return form.insn.encode(**values)

    def _operand_value(self, form: Form, name: str, expr: Expr, pc: int) -> int:
        kind, f, mnem = form.kinds[name], form.field[name], form.mnemonic
        try:
            v = evaluate(expr, self)
        except UndefinedSymbol as e:
            if kind == "csr" and isinstance(expr, Sym):
                raise AsmSyntaxError(expr.col, f"unknown CSR '{expr.name}'"
                                               f"{suggest(expr.name.lower(), CSR_NUMBERS)}") from None
            raise e
        n = v.n
        if kind == "pcrel":
            n = v.n - pc if v.is_address else v.n
            what = "branch" if f.bits == 13 else "jump"
            hi = f.hi & ~((1 << f.shift) - 1)       # the largest even offset
            if not f.lo <= n <= hi:
                raise AsmSyntaxError(expr.col, f"{what} target out of range: offset {n} is not "
                                               f"in [{f.lo}, {hi}]")
            if n % 2:
                raise AsmSyntaxError(expr.col, f"{what} target misaligned: offset {n} is odd "
                                               "(must be a multiple of 2)")
            return n
        if v.is_address:
            hint = "%pcrel_hi(...)" if mnem == "auipc" else "%hi(...)" if mnem == "lui" else "%lo(...)"
            raise AsmSyntaxError(expr.col, f"an address cannot be used as the immediate of "
                                           f"{mnem} (use {hint}, or la to load an address)")
        if not f.lo <= n <= f.hi:
            what = {"shamt": "shift amount", "csr": "CSR number"}.get(kind, "immediate")
            hint = " (the upper 20 bits: use li for a 32-bit constant)" if f.bits == 20 else ""
            raise AsmSyntaxError(expr.col, f"{what} {n} out of range for {mnem}: must be in "
                                           f"[{f.lo}, {f.hi}]{hint}")
        return n

    def program(self) -> Program:
        images, lines = self.second_pass()
        if self.errors:
            raise AssemblerError(list(self.errors.values()))
        segments = []
        for kind in OUTPUTS:
            start, parts = self.outputs[kind]
            size = max((s.addr + s.size for s in parts), default=start) - start
            if size == 0:
                continue
            data = bytearray(size)
            for s in parts:
                data[s.addr - start:s.addr - start + s.size] = images[s]
            segments.append(Segment("." + kind, start, bytes(data), FLAGS[kind]))
        symbols = {n: s.addr + off for n, (s, off, _) in self.labels.items()}
        entry = symbols.get("_start", symbols.get("main", self.outputs["text"][0]))
        return Program(segments=segments, symbols=symbols, entry=entry, lines=lines,
                       name=self.name, source=self.source, global_symbols=set(self.globals))


def assemble(text: str, name: str = "<asm>", base: int = 0x80000000) -> Program:
    """Assemble RISC-V (RV32IM, Zicsr, Zifencei, privileged) source into a Program.

    Args:
        text: the assembly source (GNU as syntax, the subset LLVM accepts; see vmlab.asm).
        name: file name used in error messages and in the line table.
        base: address of the first byte of ``.text``; the other sections follow it.

    Returns:
        A :class:`vmlab.program.Program`: segments ``.text``, ``.rodata``, ``.data``, ``.bss``
        (empty ones omitted), label addresses, ``.globl`` names, the entry point (``_start``,
        else ``main``, else the start of ``.text``) and the address -> source line table.

    Raises:
        AssemblerError: listing every error in the source.
    """
    if not isinstance(base, int) or not 0 <= base < 1 << 32 or base % 4:
        raise ValueError(f"base must be a 4-byte aligned 32-bit address, got {base!r}")
    if not isinstance(text, str):
        raise TypeError(f"assemble() takes the source as str, got {type(text).__name__}")
    asm = Assembler(text, name, base)
    asm.first_pass()
    asm.layout()
    return asm.program()
