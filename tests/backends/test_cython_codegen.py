"""The compiled core's handlers are generated from the instruction table (no extension needed).

The checked-in ``_speedups/_handlers.pxi`` must be what the generator writes today; every
non-system instruction must compile to C (none silently falls back to Python); and the
translation's range analysis must pick C types in which the Python integer semantics hold.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from vmlab.isa import ISA
from vmlab.isa import codegen_cython as cg
from vmlab.isa.spec import FORMATS, Insn

PXI = Path(__file__).resolve().parents[2] / "_speedups" / "_handlers.pxi"


def test_checked_in_handlers_are_fresh():
    assert PXI.exists(), "run: python -m vmlab.isa.codegen_cython"
    assert PXI.read_text(encoding="utf-8") == cg.handlers_pxi(), \
        "_speedups/_handlers.pxi is stale: run python -m vmlab.isa.codegen_cython and rebuild"


def test_check_mode_reports_stale_files(tmp_path, capsys):
    out = tmp_path / "h.pxi"
    assert cg.main(["--check", "-o", str(out)]) == 1
    assert cg.main(["-o", str(out)]) == 0
    assert cg.main(["--check", "-o", str(out)]) == 0
    out.write_text(out.read_text() + "# edited by hand\n")
    assert cg.main(["--check", "-o", str(out)]) == 1
    assert "python -m vmlab.isa.codegen_cython" in capsys.readouterr().err


def test_header_says_generated_and_how():
    head = cg.handlers_pxi().splitlines()[:3]
    assert head[0] == "# AUTO-GENERATED from vmlab/isa — DO NOT EDIT"
    assert "python -m vmlab.isa.codegen_cython" in head[1]


def test_every_non_system_instruction_is_compiled():
    compiled, _ = cg.compile_table()
    fallbacks = {c.ins.name: c.why for c in compiled if c.op is None and not c.ins.system}
    assert fallbacks == {}
    # system instructions stay in Python, except those that only raise a trap
    assert {c.ins.name for c in compiled if c.op is None} == {i.name for i in ISA.insns if i.system} - {"ecall", "ebreak"}
    assert {i.name for i in ISA.insns if cg.only_traps(i)} == {"ecall", "ebreak"}


def test_trap_only_instructions_leave_the_core_with_their_trap():
    text = cg.handlers_pxi()
    ecall = text[text.index("    L_ECALL:"):text.index("    L_EBREAK:")]
    assert "h->cause = h->ecall_cause;" in ecall and "EXIT(ST_TRAP);" in ecall
    assert "ENTER" not in ecall and "NEXT" not in ecall


def test_each_case_quotes_its_snippet_and_nothing_else_defines_semantics():
    text = cg.handlers_pxi()
    for ins in ISA.insns:
        if not ins.system:
            assert f"/* {cg.snippet_comment(ins)} */" in text
    core = (PXI.parent / "core.pyx").read_text()
    for name in ("OP_ADD", "OP_BEQ", "OP_LW", "OP_MULH"):
        assert name not in core          # the core dispatches; the table defines


# ---- the range analysis ---------------------------------------------------------------------------

def translate(snippet: str, fmt: str = "R") -> list[str]:
    ins = Insn("t", "0" * 32, fmt, "", snippet, "test")
    ins.fields = FORMATS[fmt]
    return cg.CaseTranslator(ins, cg.Temps()).translate()


def test_products_get_exact_64_bit_types():
    assert "(uint64_t)" in translate("X[rd] = (u64(X[rs1]) * X[rs2]) >> 32")[0]
    assert "(int64_t)(int32_t)" in translate("X[rd] = (s32(X[rs1]) * s32(X[rs2])) >> 32")[0]


def test_inexact_and_unsupported_expressions_are_rejected():
    with pytest.raises(cg.SnippetError):                      # floor division of a signed value
        translate("X[rd] = s32(X[rs1]) // X[rs2]")
    with pytest.raises(cg.SnippetError):                      # no 64-bit type holds it
        translate("X[rd] = (u64(X[rs1]) * X[rs2]) * X[rs2]")
    with pytest.raises(cg.NotCompilable):                     # a helper only Python provides
        translate("X[rd] = csr_access(1, True)")


def test_ranges_follow_the_values():
    v = cg.ExprTranslator(ISA.by_name["add"], {"PC": cg.Val("h.pc", "uint32_t", 0, 0xFFFFFFFC)})
    import ast
    x = v.expr(ast.parse("X[rs1] << 31", mode="eval").body)
    assert (x.lo, x.hi, x.ctype) == (0, 0xFFFFFFFF << 31, "int64_t")
    y = v.expr(ast.parse("s32(X[rs1]) >> 3", mode="eval").body)
    assert (y.lo, y.hi, y.ctype) == (-(1 << 28), (1 << 28) - 1, "int64_t")
    z = v.expr(ast.parse("X[rs1] & ~1", mode="eval").body)
    assert (z.lo, z.hi) == (0, 0xFFFFFFFF)


def test_decoder_fields_match_the_field_table():
    """field_code() is Field.extract written in C: check it by evaluating it in Python."""
    import random
    from vmlab.isa import fields as F
    r = random.Random(1)
    for f in (F.RD, F.RS1, F.RS2, F.SHAMT, F.IMM_I, F.IMM_S, F.IMM_B, F.IMM_U, F.IMM_J, F.CSR):
        code = cg.field_code(f).replace("(int64_t)", "")
        for _ in range(200):
            word = r.getrandbits(32)
            assert eval(code, {"word": word}) == f.extract(word), f
