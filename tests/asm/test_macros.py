"""Macros (GNU as and RARS), .rept/.irp/.irpc, .include and conditional assembly: what they
expand to, where their code is listed, and what their errors say. The GNU forms are also checked byte for byte
against LLVM (corpus/63_macros_rept_irp.s in test_llvm_oracle.py)."""
from __future__ import annotations

import pytest

from vmlab import Machine
from vmlab.asm import AssemblerError, assemble


def words(src: str, name: str = "t.s") -> list[int]:
    data = assemble(src, name).segments[0].data
    return [int.from_bytes(data[k:k + 4], "little") for k in range(0, len(data), 4)]


def same(a: str, b: str) -> None:
    assert words(a) == words(b)


def errors(src: str, name: str = "t.s"):
    with pytest.raises(AssemblerError) as info:
        assemble(src, name)
    return info.value.errors


def run(src: str, name: str = "t.s", **kw):
    m = Machine(**kw)
    m.load(assemble(src, name))
    stop = m.run(max_steps=100_000)
    return m, stop


def test_gnu_parameters_defaults_and_named_arguments():
    same(".macro m a, b=7\naddi \\a, \\a, \\b\n.endm\nm a0\nm a1, 3\nm b=5, a=a2\nm a3 9",
         "addi a0, a0, 7\naddi a1, a1, 3\naddi a2, a2, 5\naddi a3, a3, 9")


def test_gnu_join_counter_and_vararg():
    same(".macro def name, v\n.equ \\name\\()_x, \\v\n.endm\ndef a, 3\ndef b, 4\nli a0, a_x + b_x",
         "li a0, 7")
    # \@ counts macro uses from 0: unique labels for a macro with a loop, used twice
    src = ".macro spin n\nli t0, \\n\nl\\@: addi t0, t0, -1\nbnez t0, l\\@\n.endm\nspin 3\nspin 4"
    assert set(assemble(src).symbols) == {"l0", "l1"}
    same(".macro all r:vararg\n.irp x, \\r\nli \\x, 1\n.endr\n.endm\nall a0, a1, a2",
         "li a0, 1\nli a1, 1\nli a2, 1")


def test_exitm_leaves_the_expansion():
    same(".macro m\nli a0, 1\n.exitm\nli a0, 2\n.endm\nm\nli a1, 3", "li a0, 1\nli a1, 3")


def test_rept_irp_irpc_and_nesting():
    same(".rept 3\nnop\n.endr", "nop\nnop\nnop")
    same(".rept 0\nnop\n.endr\nli a0, 1", "li a0, 1")
    same(".irp r, a0, a1\nli \\r, 5\n.endr", "li a0, 5\nli a1, 5")
    same(".irpc d, 357\naddi a0, a0, \\d\n.endr", "addi a0, a0, 3\naddi a0, a0, 5\naddi a0, a0, 7")
    same(".rept 2\n.irp r, t0, t1\naddi \\r, \\r, 1\n.endr\n.endr", "addi t0, t0, 1\naddi t1, t1, 1\n" * 2)
    # a .rept inside a macro sees the macro's arguments
    same(".macro fill n, v\n.rept \\n\n.byte \\v\n.endr\n.endm\n.data\nfill 3, 9\n.text\nnop",
         "nop")
    assert assemble(".macro fill n, v\n.rept \\n\n.byte \\v\n.endr\n.endm\n.data\nfill 3, 9").segments[0].data == b"\t\t\t"


def test_macro_may_be_named_like_an_instruction_and_use_itself_indirectly():
    # a macro takes precedence over the instruction of the same name (as in gas)
    same(".macro nop\naddi x0, x0, 1\n.endm\nnop", "addi x0, x0, 1")
    same(".macro inc r\naddi \\r, \\r, 1\n.endm\n.macro inc2 r\ninc \\r\ninc \\r\n.endm\ninc2 s0",
         "addi s0, s0, 1\naddi s0, s0, 1")


RARS = """
.macro print_int (%x)
        li a7, 1
        mv a0, %x
        ecall
.end_macro
.macro print_str (%s)
        .data
msg:    .asciz %s
        .text
        li a7, 4
        la a0, msg
        ecall
.end_macro
.macro countdown (%n)
        li t1, %n
loop:   addi t1, t1, -1
        bnez t1, loop
.end_macro
.macro done
        li a7, 10
        ecall
.end_macro
.macro done (%code)
        li a0, %code
        li a7, 93
        ecall
.end_macro
        .text
main:   li t0, 42
        print_int (t0)
        print_str ("; one\\n")
        countdown(3)
        print_str ("two\\n")
        countdown (2)
        print_int(t1)
        done (3)
"""


def test_rars_macros_rename_their_labels_and_overload_by_argument_count():
    m, stop = run(RARS)
    assert m.console.output == "42; one\ntwo\n0"
    assert stop.exited and stop.code == 3
    names = set(assemble(RARS).symbols)
    assert {"msg_M1", "msg_M3", "loop_M2", "loop_M4"} <= names and "loop" not in names
    m, stop = run(RARS.replace("done (3)", "done"))
    assert stop.exited and stop.code == 0       # done with no argument: RARS exit (10)


def test_code_from_a_macro_is_listed_at_its_use():
    prog = assemble(".macro two\nnop\nnop\n.endm\nli a0, 1\ntwo\n.rept 2\naddi a1, a1, 1\n.endr", "p.s")
    rows = [(a - prog.entry, sl.line, sl.text) for a, sl in sorted(prog.lines.items())]
    assert rows == [(0, 5, "li a0, 1"), (4, 6, "two"), (8, 6, "two"),
                    (12, 8, "addi a1, a1, 1"), (16, 8, "addi a1, a1, 1")]


def test_include_relative_to_the_including_file(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "io.s").write_text('.include "exit.s"\n.macro say (%r)\nmv a0, %r\n'
                                           'li a7, 1\necall\n.end_macro\n')
    (tmp_path / "lib" / "exit.s").write_text(".macro bye\nli a0, 0\nli a7, 93\necall\n.endm\n")
    main = tmp_path / "main.s"
    main.write_text('.include "lib/io.s"\nmain: li t0, 7\nsay (t0)\nbye\n')
    m = Machine()
    m.load(main)
    stop = m.run()
    assert stop.exited and stop.code == 0 and m.console.output == "7"


def test_errors_inside_an_included_file_name_that_file(tmp_path):
    inc = tmp_path / "defs.s"
    inc.write_text("nop\naddi a0, a0, 5000\n")
    main = tmp_path / "main.s"
    main.write_text('.include "defs.s"\n.include "missing.s"\n')
    errs = errors(main.read_text(), str(main))
    assert [(e.file.endswith("defs.s"), e.line, e.col) for e in errs] == [(False, 2, 10), (True, 2, 14)]
    assert errs[0].message.startswith("cannot include 'missing.s': No such file or directory (looked in ")
    assert str(tmp_path) in errs[0].message
    assert errs[1].text == "addi a0, a0, 5000"


def test_a_file_that_includes_itself_is_stopped(tmp_path):
    loop = tmp_path / "loop.s"
    loop.write_text('.include "loop.s"\n')
    errs = errors(loop.read_text(), str(loop))
    assert len(errs) == 1 and "included more than 100 deep (does a file include itself?)" in errs[0].message


def test_errors_in_an_expansion_point_at_the_macro_and_name_the_use():
    errs = errors(".macro put r, v\n  li \\r, \\v\n  addi \\r, \\r, \\v\n.endm\nput a0, 1\nput a1, 9999")
    assert len(errs) == 1
    e = errs[0]
    assert (e.line, e.col, e.text) == (3, 16, "  addi a1, a1, 9999")
    assert e.message == ("immediate 9999 out of range for addi: must be in [-2048, 2047] "
                         "(in macro 'put', used on line 6)")


def test_runaway_expansions_end_in_a_clear_error():
    errs = errors(".rept 1000000\n.rept 1000000\nnop\n.endr\n.endr")
    assert [e.message for e in errs] == ["expansions make more than 200,000 lines"]
    errs = errors(".macro a\nb\n.endm\n.macro b\na\n.endm\na")
    assert "nested more than 100 deep" in errs[0].message
    # a macro using itself twice would expand 2**100 times: the first error ends it
    errs = errors(".macro m\nm\nm\n.endm\nm")
    assert len(errs) == 1 and "nested more than 100 deep" in errs[0].message


def test_body_openers_report_their_own_problems():
    assert errors(".macro\n.endm")[0].message == "expected a macro name after .macro"
    assert errors(".macro .word\n.endm")[0].message == "'.word' is a directive and cannot be a macro name"
    assert errors(".macro m x, x\n.endm")[0].message == "parameter 'x' named twice"
    assert errors(".irp\n.endr")[0].message == "expected '.irp symbol, values'"
    e = errors(".rept 2; nop\n.endr")[0]
    assert e.message == "the lines of a .rept start on the next line" and e.col == 10
    assert errors(".exitm")[0].message == "'.exitm' outside a macro"
    assert errors(".rept 2\n.exitm\n.endr")[0].message == "'.exitm' outside a macro"
    # the body of a bad opener is still read to its end: one error, not one per line
    assert len(errors(".rept x\nnop\n.endr\nnop")) == 1


def test_conditional_assembly_keeps_one_branch():
    same(".equ N, 3\n.if N > 2\nli a0, 1\n.elseif N > 1\nli a0, 2\n.else\nli a0, 3\n.endif",
         "li a0, 1")
    same(".equ N, 2\n.if N > 2\nli a0, 1\n.elseif N > 1\nli a0, 2\n.else\nli a0, 3\n.endif",
         "li a0, 2")
    same(".if 0\nli a0, 1\n.elseif 0\nli a0, 2\n.else\nli a0, 3\n.endif", "li a0, 3")
    # a dropped branch is not assembled, nor are the conditions nested in it evaluated
    same(".if 0\n.if 1/0\n.word 1/0\n.endif\nbogus\n.macro m\n.endm\n.endif\nm: nop", "nop")
    same("x: nop\n.ifdef x\nli a0, 1\n.endif\n.ifndef y\nli a1, 1\n.endif\n.ifdef y\nli a2, 1\n.endif",
         "nop\nli a0, 1\nli a1, 1")


def test_conditions_inside_macros_see_the_arguments():
    src = (".macro ld dst, src\n.ifb \\src\nli \\dst, 0\n.else\nmv \\dst, \\src\n.endif\n.endm\n"
           ".macro sh r, n\n.ifc \\n, 1\n.exitm\n.endif\nslli \\r, \\r, \\n\n.endm\n")
    same(src + "ld a0\nld a1, a2\nsh a0, 1\nsh a0, 3\nnop", "li a0, 0\nmv a1, a2\nslli a0, a0, 3\nnop")


def test_comparison_and_logical_operators_follow_gas():
    # comparisons give -1 (all ones), && and || give 1 or 0; + binds tighter than ==
    data = assemble(".data\n.word 2 < 3, 3 < 2, 1 && 2, 0 || 0, !0, 1 + 2 == 3\n").segments[0].data
    assert [int.from_bytes(data[k:k + 4], "little", signed=True) for k in range(0, 24, 4)] == [-1, 0, 1, 0, 1, -1]
