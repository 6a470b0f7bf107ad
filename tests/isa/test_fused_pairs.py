"""vmlab.isa.fused_pairs, the tool that chooses the cython core's superinstructions: what it
counts as a pair, how it weighs programs, and that its corpus leaves out the bench workloads."""
from __future__ import annotations

from collections import Counter

from vmlab.isa import fused_pairs as fp
from vmlab.isa.codegen_cython import FUSED_PAIRS

LOOP = """
main:
        li      t0, 10
loop:   addi    t1, t1, 1
        addi    t0, t0, -1
        bnez    t0, loop
        li      a0, 0
        ret
"""


def test_counts_executed_pairs_inside_straight_line_runs():
    prof = fp.profile(LOOP, "loop")
    # li/addi, then ten times addi/addi and addi/bne; nothing after bne (it ends a run), and
    # li a0 / ret is a pair too (jalr is compiled and may come second)
    assert prof.pairs == Counter({("addi", "addi"): 11, ("addi", "bne"): 10, ("addi", "jalr"): 1})


def test_pairs_need_both_compiled_and_a_first_that_does_not_end_a_run():
    firsts, seconds = fp.fusable()
    assert "addi" in firsts and "bne" not in firsts and "jal" not in firsts
    assert "bne" in seconds and "mret" not in seconds and "csrrw" not in seconds
    assert "ecall" in seconds and "ecall" not in firsts       # compiled (it only traps), ends a run
    assert all(a in firsts and b in seconds for a, b in FUSED_PAIRS)


def test_a_program_weighs_its_instructions_up_to_the_cap():
    big = fp.Profile("big", 4_000, Counter({("lw", "lw"): 400}))      # 10 %, weighs 1,000
    small = fp.Profile("small", 1_000, Counter({("sw", "sw"): 50}))   # 5 %, weighs 1,000
    tiny = fp.Profile("tiny", 10, Counter({("add", "add"): 5}))       # 50 %, weighs 10
    ranked = fp.rank([big, small, tiny], cap=1_000)
    assert [pair for pair, _, _ in ranked] == [("lw", "lw"), ("sw", "sw"), ("add", "add")]
    assert abs(ranked[0][1] - 100 / 2010) < 1e-12 and ranked[0][2] == 1


def test_the_corpus_leaves_out_the_bench_workloads():
    from vmlab.workloads import WORKLOADS
    files = fp.corpus()
    names = {f.name for f in files}
    assert {"heap.c", "fact.s", "wordfreq.c"} <= names
    assert not names & {w.file for w in WORKLOADS}
