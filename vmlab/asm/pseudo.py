"""Multi-instruction pseudo-instructions: li, la/lla, call, tail, jump, and loads/stores of a symbol.

Each expands to base instructions of the table, encoded by the table (``ISA.by_name``). The
expansions are LLVM's (``-mno-relax``, no compressed instructions), so that vmlab and clang
produce the same bytes:

- ``li rd, c``: :func:`li_sequence` (LLVM's RISCVMatInt for RV32): ``addi`` when ``c`` fits
  12 bits, ``lui`` alone when its low 12 bits are zero, ``addi``+``slli`` when ``c`` is a small
  number shifted left, otherwise ``lui``+``addi``. A value not known yet (a forward reference)
  gets a single ``addi``, as in LLVM.
- ``la``/``lla rd, sym``: ``auipc rd, %pcrel_hi(sym)`` + ``addi rd, rd, %pcrel_lo``; with a
  plain number instead of a label, the ``li`` sequence.
- ``call [rd,] sym``: ``auipc rd, ..`` + ``jalr rd, rd, ..`` (rd defaults to ra);
  ``tail sym``: the same with t1 and x0; ``jump sym, rt``: with rt and x0.
- ``lw rd, sym``: ``auipc rd`` + ``lw rd, lo(rd)``; ``sw rs, sym, rt``: ``auipc rt`` + ``sw rs, lo(rt)``.

:func:`plan` runs in the first pass and fixes the size; :func:`expand` runs in the second.
"""
from __future__ import annotations

from ..isa import ISA
from .errors import AsmSyntaxError, NotYet
from .expr import Env, Value, evaluate, hi20, sext12
from .forms import LOADS, STORES, Form

RA, T1, ZERO = 1, 6, 0
LI_MIN, LI_MAX = -(1 << 31), (1 << 32) - 1


def _impl(v: int) -> list[tuple[str, int]]:
    hi, lo = hi20(v), sext12(v)
    seq = [("lui", hi)] if hi else []
    if lo or not hi:
        seq.append(("addi", lo))
    return seq


def li_sequence(value: int) -> list[tuple[str, int]]:
    """Instructions (name, immediate) that build the 32-bit `value`, exactly as LLVM does."""
    v = ((value & 0xFFFFFFFF) ^ 0x80000000) - 0x80000000      # RV32 sign-extends the constant
    seq = _impl(v)
    # LLVM: "If the low 12 bits are non-zero, the first expansion may end with an ADDI. If
    # there are trailing zeros, try generating a sign extended constant with no trailing zeros
    # and use a final SLLI to restore them" -- kept when shorter, or when the shifted constant
    # fits 6 bits (compressible, which LLVM prefers whether or not C is enabled).
    if v & 0xFFF and not v & 1 and len(seq) >= 2:
        tz = (v & -v).bit_length() - 1
        shifted = v >> tz
        tmp = _impl(shifted)
        if len(tmp) + 1 < len(seq) or -32 <= shifted < 32:
            seq = tmp + [("slli", tz)]
    return seq


def li_words(rd: int, value: int) -> list[int]:
    words, src = [], ZERO
    for name, imm in li_sequence(value):
        ins = ISA.by_name[name]
        if name == "lui":
            words.append(ins.encode(rd=rd, imm=imm))
        elif name == "slli":
            words.append(ins.encode(rd=rd, rs1=src, shamt=imm))
        else:
            words.append(ins.encode(rd=rd, rs1=src, imm=imm))
        src = rd
    return words


def _li_value(v: Value, col: int, mnemonic: str) -> int:
    if v.is_address:
        raise AsmSyntaxError(col, f"{mnemonic} needs a constant, but this is an address "
                                  "(use la to load an address)")
    if not LI_MIN <= v.n <= LI_MAX:
        raise AsmSyntaxError(col, f"immediate {v.n} out of range for {mnemonic}: "
                                  f"must be in [{LI_MIN}, {LI_MAX}]")
    return v.n


def plan(form: Form, ops: dict, env: Env) -> tuple[int, object]:
    """First pass: (size in bytes, plan) of a pseudo-instruction.

    The plan is the final words when the value is already known (li, la of a number), "addi"
    for li of a value known only later (one addi, as LLVM emits), or "pcrel" for an
    auipc-based pair completed in the second pass.
    """
    name = form.mnemonic
    if name in ("li", "la", "lla"):
        expr = ops["imm"] if name == "li" else ops["sym"]
        try:
            v = evaluate(expr, env)
        except NotYet:
            return (4, "addi") if name == "li" else (8, "pcrel")
        if name != "li" and v.is_address:
            return 8, "pcrel"
        words = li_words(ops["rd"], _li_value(v, expr.col, name))
        return 4 * len(words), words
    return 8, "pcrel"


def _target(form: Form, ops: dict, env: Env) -> Value:
    expr = ops["sym"]
    v = evaluate(expr, env)
    name = form.mnemonic
    if not v.is_address and name not in ("la", "lla"):
        if name in LOADS or name in STORES:
            raise AsmSyntaxError(expr.col, f"{name} needs 'offset(register)' or a label, "
                                           f"got the number {v.n}")
        raise AsmSyntaxError(expr.col, f"{name} target must be a label, not the number {v.n:#x}")
    return v


def expand(form: Form, ops: dict, planned: object, env: Env, pc: int) -> list[int]:
    """Second pass: the instruction words of a pseudo-instruction at address `pc`."""
    name = form.mnemonic
    if isinstance(planned, list):
        return planned                      # li (or la of a constant) resolved in the first pass
    if planned == "addi":                   # li of a forward reference: one addi, as in LLVM
        v = evaluate(ops["imm"], env)
        n = _li_value(v, ops["imm"].col, name)
        if not -2048 <= n <= 2047:
            raise AsmSyntaxError(ops["imm"].col, f"li of a value not known at this point (it "
                                 f"depends on a later definition) must fit in 12 bits [-2048, 2047], "
                                 f"got {n}; define it before this line to load any 32-bit constant")
        return [ISA.by_name["addi"].encode(rd=ops["rd"], rs1=ZERO, imm=n)]
    off = (_target(form, ops, env).n - pc) & 0xFFFFFFFF
    hi, lo = hi20(off), sext12(off)
    auipc = ISA.by_name["auipc"]
    if name in ("la", "lla"):
        rd = ops["rd"]
        return [auipc.encode(rd=rd, imm=hi), ISA.by_name["addi"].encode(rd=rd, rs1=rd, imm=lo)]
    if name in LOADS:
        rd = ops["rd"]
        return [auipc.encode(rd=rd, imm=hi), ISA.by_name[name].encode(rd=rd, rs1=rd, imm=lo)]
    if name in STORES:
        rt = ops["rt"]
        return [auipc.encode(rd=rt, imm=hi), ISA.by_name[name].encode(rs1=rt, rs2=ops["rs2"], imm=lo)]
    link, tmp = {"call": (ops.get("rd", RA),) * 2, "tail": (ZERO, T1),
                 "jump": (ZERO, ops.get("rt", 0))}[name]
    return [auipc.encode(rd=tmp, imm=hi), ISA.by_name["jalr"].encode(rd=link, rs1=tmp, imm=lo)]


def pcrel_target(form: Form, ops: dict, planned: object):
    """The expression a pseudo-instruction's auipc points at (for %pcrel_lo), or None."""
    if planned == "pcrel" and (form.mnemonic in ("la", "lla") or form.mnemonic in LOADS
                               or form.mnemonic in STORES):
        return ops["sym"]
    return None
