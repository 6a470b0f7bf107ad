"""Loads, stores, branches, jumps and x0, on every backend, with the values the spec gives."""
from __future__ import annotations

import pytest

from helpers import run_asm
from vmlab import StopKind
from vmlab.isa import ISA
from vmlab.isa.causes import Cause

DATA = """
        .data
        .align 2
d:      .byte 0x80, 0x7f, 0xff, 0x01
        .half 0x8001, 0x7ffe
        .word 0xdeadbeef
        .word 0
"""


@pytest.mark.parametrize("insn, off, want", [
    ("lb", 0, 0xFFFFFF80), ("lb", 1, 0x7F), ("lbu", 0, 0x80), ("lbu", 2, 0xFF),
    ("lh", 4, 0xFFFF8001), ("lhu", 4, 0x8001), ("lh", 6, 0x7FFE), ("lw", 8, 0xDEADBEEF),
    ("lw", 0, 0x01FF7F80),
    # misaligned accesses complete (vmlab's documented policy)
    ("lw", 1, 0x0101FF7F), ("lh", 3, 0x0101), ("lhu", 5, 0xFE80), ("lw", 6, 0xBEEF7FFE),
])
def test_loads(backend, insn, off, want):
    m, stop = run_asm(DATA + f".text\nmain: la t0, d\n{insn} a0, {off}(t0)\nmv a1, a0\nli a0, 0\nret",
                      backend)
    assert stop.exited and m.regs.a1 == want


@pytest.mark.parametrize("insn, off, want", [
    ("sb", 12, "ef000000"), ("sh", 12, "efbe0000"), ("sw", 12, "efbeadde"),
    ("sw", 13, "00efbead"), ("sh", 15, "000000ef"),
])
def test_stores(backend, insn, off, want):
    m, stop = run_asm(DATA + f".text\nmain: la t0, d\nli t1, 0xdeadbeef\n{insn} t1, {off}(t0)\nli a0, 0\nret",
                      backend)
    assert stop.exited and m.read(m.symbol("d") + 12, 4).hex() == want


def test_negative_offsets_and_x0_base(backend):
    m, stop = run_asm(DATA + ".text\nmain: la t0, d+8\nlw a1, -8(t0)\nlbu a2, -5(t0)\nlw a3, 0(x0)\nret",
                      backend)
    assert m.regs.a1 == 0x01FF7F80 and m.regs.a2 == 0x01
    assert stop.kind is StopKind.TRAP and stop.cause == Cause.LOAD_ACCESS_FAULT and stop.tval == 0


def test_store_to_unmapped_memory_traps(backend):
    m, stop = run_asm("main: li t0, 0x40000000\nsw t0, 4(t0)\nret", backend)
    assert stop.kind is StopKind.TRAP and stop.cause == Cause.STORE_ACCESS_FAULT and stop.tval == 0x40000004


def test_x0_is_hardwired(backend):
    m, stop = run_asm("main: li x0, 5\naddi x0, x0, 1\nlui x0, 1\nmv a0, x0\nret", backend)
    assert stop.exited and stop.code == 0 and m.regs.zero == 0


BRANCHES = [("beq", lambda a, b: a == b), ("bne", lambda a, b: a != b),
            ("blt", lambda a, b: _s(a) < _s(b)), ("bge", lambda a, b: _s(a) >= _s(b)),
            ("bltu", lambda a, b: a < b), ("bgeu", lambda a, b: a >= b)]
EDGE = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]


def _s(v):
    return v - (1 << 32) if v & 0x80000000 else v


@pytest.mark.parametrize("name, rule", BRANCHES)
def test_branches(backend, name, rule):
    body = ["main: li s0, 0"]
    pairs = [(a, b) for a in EDGE for b in EDGE]
    for k, (a, b) in enumerate(pairs):
        body += [f"li a1, {a}", f"li a2, {b}", f"{name} a1, a2, 1f", "j 2f", f"1: ori s0, s0, {1 << (k % 11)}",
                 "2:", f"{'slli s1, s0, 0' if k % 11 else 'nop'}"]
        if k % 11 == 10:
            body += ["mv a0, s0", "li a7, 1", "ecall", "li a0, 32", "li a7, 11", "ecall", "li s0, 0"]
    body += ["mv a0, s0", "li a7, 1", "ecall", "li a0, 0", "ret"]
    m, stop = run_asm("\n".join(body), backend)
    assert stop.exited
    groups = [pairs[i:i + 11] for i in range(0, len(pairs), 11)]
    want = " ".join(str(sum(1 << j for j, (a, b) in enumerate(g) if rule(a, b))) for g in groups)
    assert m.console.output == want


def test_jal_jalr_link_and_rd_equals_rs1(backend):
    src = """
main:   jal  t0, 1f
back:   j    done
1:      la   t1, target
        jalr t1, 0(t1)          # rd == rs1: the target uses the old value
target: mv   a2, t1
        la   t2, back
        jalr x0, 0(t2)
done:   mv   a1, t0
        li   a0, 0
        ret
"""
    m, stop = run_asm(src, backend)
    assert stop.exited
    assert m.regs.a1 == m.symbol("back")                 # jal links pc + 4
    assert m.regs.a2 == m.symbol("target")               # jalr links pc + 4


def test_jalr_clears_bit0(backend):
    m, stop = run_asm("main: la t0, 1f\naddi t0, t0, 1\njr t0\nli a0, 1\n1: li a0, 7\nret", backend)
    assert stop.exited and stop.code == 7


def test_misaligned_jump_target_traps_without_writing_rd(backend):
    m, stop = run_asm("main: la t0, 1f\naddi t0, t0, 2\nli a1, 99\njalr a1, 0(t0)\n1: ret", backend)
    assert stop.kind is StopKind.TRAP and stop.cause == Cause.INSTRUCTION_ADDRESS_MISALIGNED
    assert stop.tval == m.symbol("main") + 20 + 2 and stop.pc == m.symbol("main") + 16
    assert m.regs.a1 == 99


def test_misaligned_branch_target_traps_only_when_taken(backend):
    beq_plus_6 = ISA.by_name["beq"].encode(rs1=0, rs2=0, imm=6)
    bne_plus_6 = ISA.by_name["bne"].encode(rs1=0, rs2=0, imm=6)
    m, stop = run_asm(f"main: .word {bne_plus_6}\nli a0, 5\n.word {beq_plus_6}\nret", backend)
    assert stop.kind is StopKind.TRAP and stop.cause == Cause.INSTRUCTION_ADDRESS_MISALIGNED
    assert m.regs.a0 == 5 and stop.pc == m.symbol("main") + 8


def test_self_modifying_code(backend):
    """A store rewrites an instruction that already ran: every backend sees the new one."""
    add100 = ISA.by_name["addi"].encode(rd=8, rs1=8, imm=100)
    src = f"""
main:   li   s0, 0
        li   s1, 3
loop:
patch:  addi s0, s0, 1          # rewritten to addi s0, s0, 100 after the first pass
        la   t0, patch
        li   t2, {add100}
        sw   t2, 0(t0)
        fence.i
        addi s1, s1, -1
        bnez s1, loop
        mv   a0, s0
        ret
"""
    m, stop = run_asm(src, backend)
    assert stop.exited and stop.code == 1 + 100 + 100


def test_self_modifying_code_without_fence(backend):
    """vmlab's caches are invalidated by the store itself, so even without fence.i the new
    instruction runs (the spec allows either; every backend must agree with the reference)."""
    src = """
main:   la   t0, slot
        li   t1, 0x02a00513     # li a0, 42
        sw   t1, 0(t0)
slot:   li   a0, 1
        ret
"""
    m, stop = run_asm(src, backend)
    assert stop.exited and stop.code == 42


def test_every_instruction_has_a_semantics_test():
    """Walk the table: each instruction is exercised by a test in tests/semantics or tests/programs."""
    import pathlib
    import re
    root = pathlib.Path(__file__).resolve().parents[1]
    text = " ".join(p.read_text() for d in ("semantics", "programs") for p in (root / d).rglob("*")
                    if p.suffix in (".py", ".s")).replace("\\n", " ")
    from semantics.test_alu_oracle import RTYPE, ITYPE, SHIFT
    covered = set(RTYPE + ITYPE + SHIFT)
    missing = [i.name for i in ISA.insns if i.name not in covered
               and not re.search(rf"(?<![\w.]){re.escape(i.name)}(?![\w.])", text)]
    assert not missing, f"instructions without a test: {missing}"


def test_lui_auipc(backend):
    m, stop = run_asm("main: lui a1, 0xfffff\nauipc a2, 0x1\nauipc a3, 0xfffff\nlui a4, 0\nli a0, 0\nret", backend)
    base = m.symbol("main")
    assert m.regs.a1 == 0xFFFFF000 and m.regs.a2 == base + 4 + 0x1000
    assert m.regs.a3 == (base + 8 - 0x1000) & 0xFFFFFFFF and m.regs.a4 == 0


def test_fence_orders_nothing_observable(backend):
    m, stop = run_asm("main: li a0, 3\nfence\nfence rw, w\nfence.tso\npause\nret", backend)
    assert stop.exited and stop.code == 3 and m.state.instret == 6


@pytest.mark.parametrize("insn", ["sret", "sfence.vma", "sfence.vma a0, a1"])
def test_supervisor_instructions_are_illegal_without_s_mode(backend, insn):
    m, stop = run_asm(f"main: {insn}\nret", backend)
    assert stop.kind is StopKind.TRAP and stop.cause == Cause.ILLEGAL_INSTRUCTION
    assert stop.tval == m.read_u32("main")           # mtval holds the instruction bits
