"""Error reporting: exact positions, the rendered caret, specific messages, every error at once."""
from __future__ import annotations

import pytest

from vmlab.asm import AssemblerError, Diagnostic, assemble
from vmlab.errors import VmlabError


def errors(src: str) -> list[Diagnostic]:
    with pytest.raises(AssemblerError) as info:
        assemble(src, "lab.s")
    return info.value.errors


def only(src: str) -> Diagnostic:
    errs = errors(src)
    assert len(errs) == 1, errs
    return errs[0]


def test_rendering_with_caret():
    with pytest.raises(AssemblerError) as info:
        assemble("main:\n    addi a0, a0, 5000\n    ret\n", "lab.s")
    assert str(info.value) == (
        "lab.s:2:18: error: immediate 5000 out of range for addi: must be in [-2048, 2047]\n"
        "    addi a0, a0, 5000\n"
        "                 ^")


def test_caret_keeps_tabs():
    with pytest.raises(AssemblerError) as info:
        assemble("\tadd\ta0, a1, q9\n", "t.s")
    assert str(info.value) == ("t.s:1:14: error: expected a register, got 'q9'\n"
                               "\tadd\ta0, a1, q9\n"
                               "\t   \t        ^")


def test_unknown_instruction_suggests():
    d = only("  nop\n  addd a0, a1, a2\n")
    assert (d.file, d.line, d.col) == ("lab.s", 2, 3)
    assert d.message == "unknown instruction 'addd' (did you mean 'add'?)"
    assert d.text == "  addd a0, a1, a2"
    assert "did you mean 'lw'" in only("lww a0, 0(a0)").message


def test_every_error_is_reported_in_order():
    src = ("start:\n"
           "    lw   a0, 4(a9)\n"            # 2: unknown register
           "    addi a0, a0\n"               # 3: operand count
           "    beq  a0, a1, nowhere\n"      # 4: undefined symbol (found in the second pass)
           "    .wrod 3\n"                   # 5: unknown directive
           "start:\n"                        # 6: duplicate label
           "    slli a0, a0, 32\n"           # 7: range
           "    .ascii \"open\n")            # 8: unterminated string
    got = [(d.line, d.col, d.message) for d in errors(src)]
    assert got == [
        (2, 16, "unknown register 'a9'"),
        (3, 5, "'addi' takes 3 operands (addi rd, rs1, imm), got 2"),
        (4, 18, "undefined symbol 'nowhere'"),
        (5, 5, "unknown directive '.wrod' (did you mean '.word'?)"),
        (6, 1, "duplicate label 'start' (first defined on line 1)"),
        (7, 18, "shift amount 32 out of range for slli: must be in [0, 31]"),
        (8, 12, "unterminated string"),
    ]


@pytest.mark.parametrize("src, line, col, message", [
    ("add a0, a1, a2, a3", 1, 17, "'add' takes 3 operands (add rd, rs1, rs2), got 4"),
    ("jal a0, a1, a2", 1, 13, "'jal' takes 1 or 2 operands (jal rd, imm | jal imm), got 3"),
    ("addi a0, a1, a2", 1, 14, "expected an expression, got register 'a2'"),
    ("lui a0, 0x100000", 1, 9, "immediate 1048576 out of range for lui: must be in [0, 1048575] "
                               "(the upper 20 bits: use li for a 32-bit constant)"),
    ("li a0, 0x100000000", 1, 8, "immediate 4294967296 out of range for li: "
                                 "must be in [-2147483648, 4294967295]"),
    ("csrr a0, mstatu", 1, 10, "unknown CSR 'mstatu' (did you mean 'mstatus'?)"),
    ("csrw 4096, a0", 1, 6, "CSR number 4096 out of range for csrw: must be in [0, 4095]"),
    ("beq a0, a1, 5000", 1, 13, "branch target out of range: offset 5000 is not in [-4096, 4094]"),
    ("beq a0, a1, 3", 1, 13, "branch target misaligned: offset 3 is odd (must be a multiple of 2)"),
    ("j f\n.space 0x100000\nf:", 1, 3, "jump target out of range: offset 1048580 is not in "
                                       "[-1048576, 1048574]"),
    ("fence rx, w", 1, 7, "fence operand must be letters from 'iorw', in that order, or 0"),
    ("loop: j loop\nloop: nop", 2, 1, "duplicate label 'loop' (first defined on line 1)"),
    ("a0: nop", 1, 1, "'a0' is a register name and cannot be a label"),
    ("li a0, msg\nmsg:", 1, 8, "li needs a constant, but this is an address (use la to load an address)"),
    ("li a0, LATER\n.equ LATER, 5000", 1, 8, "li of a value not known at this point (it depends "
     "on a later definition) must fit in 12 bits [-2048, 2047], got 5000; define it before this "
     "line to load any 32-bit constant"),
    ("lw a0, 8", 1, 8, "lw needs 'offset(register)' or a label, got the number 8"),
    ("sw a0, x\nx:", 1, 8, "sw needs 'offset(register)'; to store at a label, name a temporary "
                           "register: 'sw rs, label, temp'"),
    ("call 0x100", 1, 6, "call target must be a label, not the number 0x100"),
    ("addi a0, a0, msg\nmsg:", 1, 14, "an address cannot be used as the immediate of addi "
                                      "(use %lo(...), or la to load an address)"),
    ("addi a0, a0, %pcrel_lo(x)\nx: nop", 1, 14, "%pcrel_lo must name the label of an auipc that "
     "uses %pcrel_hi (e.g. '1: auipc a0, %pcrel_hi(sym)' then 'addi a0, a0, %pcrel_lo(1b)')"),
    ("addi a0, a0, %hix(1)", 1, 15, "unknown relocation operator '%hix' (expected %hi, %lo, "
                                    "%pcrel_hi or %pcrel_lo)"),
    ("j 1f", 1, 3, "local label '1' is not defined after this line"),
    ("j 1b", 1, 3, "local label '1' is not defined before this line"),
    (".byte 256", 1, 7, "value 256 out of range for a 1-byte value: must be in [-128, 255]"),
    (".word 1 / 0", 1, 9, "division by zero"),
    (".word (1", 1, 9, "expected ')', got end of statement"),
    (".space n\nn = 4", 1, 8, "value must be known at this point (it depends on a label or "
                              "symbol defined later)"),
    (".align 99", 1, 8, "alignment exponent 99 out of range [0, 24]"),
    (".balign 3", 1, 9, "alignment 3 must be a power of 2 up to 16777216"),
    (".section .foo", 1, 10, "unknown section '.foo': use .text, .rodata, .data, .bss (or names "
                             "starting with them), or give flags such as \"ax\""),
    (".bss\nnop", 2, 1, "instructions are not allowed in .bss"),
    (".bss\n.word 1", 2, 7, "non-zero data in .bss (only zeros may go there)"),
    (".reloc 0, R_RISCV_NONE", 1, 1, "directive '.reloc' is not supported by vmlab's assembler"),
    (".data\n.float 1.5x", 2, 8, "invalid floating-point number '1.5x'"),
    (".double", 1, 8, "expected a floating-point number"),
    (".uleb128 x\nx:", 1, 10, "the value of .uleb128 must be known at this point (its size depends "
                             "on it): define the labels and symbols it uses above it, labels in "
                             "one section"),
    (".byte 1, 2\n.org 1", 2, 6, ".org 1 is behind the current offset 2 in section '.text' "
                                 "(.org cannot move backwards)"),
    (".comm buf, 4, 3", 1, 15, "alignment 3 must be a power of 2 up to 16777216"),
    (".incbin data.bin", 1, 9, 'expected a file name in double quotes: .incbin "file.bin"'),
    (".insn r 0x33, 8, 0, a0, a1, a2", 1, 15, "func3 8 out of range [0, 7]"),
    (".if 1\nnop", 1, 1, "no .endif for this .if"),
    (".else", 1, 1, "'.else' without .if before it"),
    (".if 0\n.else\n.else\n.endif", 3, 1, "'.else' after the .else of this .if"),
    (".if later\n.endif\nlater = 1", 1, 5, "value must be known at this point (it depends on a "
                                            "label or symbol defined later)"),
    ("li a0, 1 <", 1, 11, "expected an expression"),
    (".macro m", 1, 1, "macro 'm' is not closed: no .endm or .end_macro after it"),
    (".endm", 1, 1, "'.endm' without .macro before it"),
    (".macro m a\nadd \\a, \\a, \\b\n.endm\nm a0", 2, 13,
     "'\\b' is not a parameter of macro 'm' (its parameters: a) (in macro 'm', used on line 4)"),
    (".macro m a, b\n.endm\nm 1, 2, 3", 3, 9, "too many arguments for macro 'm' (it takes a, b)"),
    (".macro m a:req\n.endm\nm", 3, 2, "macro 'm' needs an argument for 'a' (it takes a:req)"),
    (".macro m\nm\n.endm\nm", 2, 1, "expansions nested more than 100 deep (does macro 'm' use "
                                    "itself?) (in macro 'm', used on line 2)"),
    (".macro m\n.endm\n.macro m\n.endm", 3, 1, "macro 'm' is already defined (line 1)"),
    (".rept 2\naddi a0, a0, 99999\n.endr", 2, 14, "immediate 99999 out of range for addi: must be in "
                                            "[-2048, 2047]"),
    (".equiv X, 1\n.equiv X, 2", 2, 8, "redefinition of 'X' (defined with .equiv or .eqv)"),
    (".eqv X, 1\n.equ X, 2", 2, 6, "redefinition of 'X' (defined with .equiv or .eqv)"),
    (".equ a, b\n.equ b, a", 1, 9, "circular definition of 'a'"),
    ("x: .equ x, 1", 1, 9, "'x' is already defined as a label (line 1)"),
    (".ascii \"\\q\"", 1, 9, "unknown escape sequence '\\q'"),
    ("li a0, 'ab'", 1, 8, "unterminated character literal (one character between quotes)"),
    ("li a0, 123abc", 1, 8, "invalid number '123abc'"),
    ("li a0, 99999999999999999999", 1, 8, "number '99999999999999999999' does not fit in 64 bits"),
    ("add a0, a1, a2 }", 1, 16, "unexpected character '}'"),
    ("nop a0", 1, 5, "'nop' takes 0 operands (nop), got 1"),
    ("/* open\nnop", 1, 1, "unterminated /* comment"),
])
def test_specific_messages(src, line, col, message):
    errs = errors(src)
    assert (errs[0].line, errs[0].col, errs[0].message) == (line, col, message)


def test_undefined_symbol_suggests_a_label():
    d = only("loop: nop\nj lopp")
    assert d.message == "undefined symbol 'lopp' (did you mean 'loop'?)"
    assert (d.line, d.col) == (2, 3)


def test_statements_after_a_bad_one_still_assemble_and_report():
    errs = errors("bad; also_bad\nnop; add a0")
    assert [(e.line, e.col) for e in errs] == [(1, 1), (1, 6), (2, 6)]


def test_an_error_in_a_definition_is_reported_once():
    errs = errors(".equ A, B / 0\n.equ B, 1\naddi a0, a0, A\naddi a1, a1, A")
    assert [(e.line, e.message) for e in errs] == [(1, "division by zero")]


def test_diagnostic_fields_and_str():
    d = only("nop\n  xyzzy\n")
    assert d == Diagnostic("lab.s", 2, 3, "unknown instruction 'xyzzy'", "  xyzzy")
    assert str(d) == "lab.s:2:3: error: unknown instruction 'xyzzy'\n  xyzzy\n  ^"


def test_assembler_error_is_vmlab_error():
    with pytest.raises(VmlabError):
        assemble("bogus")
    with pytest.raises(TypeError):
        assemble(b"nop")
