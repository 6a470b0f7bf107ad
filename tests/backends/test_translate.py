"""The translate backend against the reference interpreter, in lockstep.

Every program runs on both backends; after each chunk of instructions the harness compares pc,
registers, privilege, CSRs, instret, RAM, console and stop reasons. Chunk schedules vary so
that whole blocks, loops and regions run between comparisons ([100000]) and so that budgets
end in the middle of blocks ([7, 100, 3, 1000], [2, 5, 13]) or at every instruction ([1]).
Thresholds vary too: 0 translates at once, 1 and 8 interpret first (FX!32's profile phase).
"""
from __future__ import annotations

import pytest

from vmlab import Machine, StopKind, assemble
from vmlab.isa import ISA
from vmlab.lockstep import compare_machines, lockstep

@pytest.fixture(autouse=True)
def _release_shared_exception_tracebacks():
    """The reference interpreter and the bus raise shared exception instances; each raise
    extends the instance's __traceback__, which keeps every Machine of the test alive.
    Dropping those tracebacks after each test keeps the suite's memory flat."""
    yield
    from vmlab import bus
    from vmlab.backends import interp
    for e in (bus.NEED_SYNC, getattr(interp, "_CAREFUL", None), getattr(interp, "_BREAK", None)):
        if e is not None:
            e.__traceback__ = None


SCHEDULES = ([1], [7, 100, 3, 1000], [100000], [2, 5, 13])
THRESHOLDS = (0, 1, 8)
E = lambda name, **ops: ISA.by_name[name].encode(**ops)  # noqa: E731


def tune(**attrs):
    """lockstep setup: set attributes of the translate backend (the reference is left alone)."""
    def setup(m):
        if m.backend.name == "translate":
            for k, v in attrs.items():
                setattr(m.backend, k, v)
    return setup


def assert_lockstep(prog, *, schedules=SCHEDULES, thresholds=THRESHOLDS, max_steps=20_000,
                    single_steps=3_000, mode=None, **attrs):
    for th in thresholds:
        for ch in schedules:
            n = single_steps if ch == [1] else max_steps
            d = lockstep(prog, "translate", chunks=ch, max_steps=n, mode=mode,
                         setup=tune(threshold=th, **attrs))
            assert d is None, f"threshold={th} chunks={ch} {attrs}\n{d.report()}"


def run_both(src, *, mode=None, max_steps=1_000_000, setup=None, **attrs):
    """Run to the end on interp and translate; return (ref, dut, ref stop, dut stop)."""
    prog = assemble(src) if isinstance(src, str) else src
    out = []
    for name in ("interp", "translate"):
        m = Machine(name, mode=mode, ram_size=1 << 20)
        m.load(prog)
        if name == "translate":
            for k, v in attrs.items():
                setattr(m.backend, k, v)
        if setup:
            setup(m)
        out.append(m)
    stops = [m.run(max_steps=max_steps) for m in out]
    return out[0], out[1], stops[0], stops[1]


# ---------------------------------------------------------------- every instruction of the table

VALUES = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678, 31, 0xFFFF8000]
IMMS = [0, 1, -1, 2047, -2048, 0x555, -0x556]


def _li(reg: str, v: int) -> str:
    return f"    li {reg}, {v - (1 << 32) if v >> 31 else v}"


def coverage_source(group: str) -> str:
    """Each instruction of the table in `group` with edge-case operands, results stored to RAM.

    Instruction words come from the table's encoder (``.word``), so an instruction added to
    the table is covered here without editing this test. The whole body runs twice, so that
    with a threshold of 1 the second pass is translated.
    """
    out = ["    la s0, out", "    li s2, 2", "top:"]
    store_n = 0

    def save(reg="a0"):
        nonlocal store_n
        out.append(f"    sw {reg}, 0(s0)")
        out.append("    addi s0, s0, 4")
        store_n += 1

    def word(name, **ops):
        out.append(f"    .word {E(name, **ops):#010x}          # {name} {ops}")

    for ins in ISA.insns:
        if ins.system:
            continue
        f = ins.fmt
        if group == "alu" and f == "R":
            for a in VALUES:
                for b in VALUES:
                    out += [_li("a1", a), _li("a2", b)]
                    word(ins.name, rd=10, rs1=11, rs2=12)
                    save()
            out += [_li("a1", 0x80000000), _li("a2", 0xFFFFFFFF)]
            word(ins.name, rd=11, rs1=11, rs2=12)       # rd == rs1
            word(ins.name, rd=12, rs1=11, rs2=12)       # rd == rs2
            word(ins.name, rd=0, rs1=11, rs2=12)        # x0 destination
            word(ins.name, rd=13, rs1=0, rs2=12)        # x0 sources
            word(ins.name, rd=14, rs1=11, rs2=0)
            for r in ("a1", "a2", "a3", "a4"):
                save(r)
        elif group == "imm" and (f in ("I", "SH", "U")) and ins.name not in (
                "lb", "lh", "lw", "lbu", "lhu", "jalr"):
            if f == "U":
                for imm in (0, 1, 0x7FFFF, 0x80000, 0xFFFFF, 0x12345):
                    word(ins.name, rd=10, imm=imm)
                    save()
                word(ins.name, rd=0, imm=0x12345)
                continue
            field = "shamt" if f == "SH" else "imm"
            imms = (0, 1, 5, 31) if f == "SH" else IMMS
            for a in VALUES:
                for imm in imms:
                    out.append(_li("a1", a))
                    word(ins.name, rd=10, rs1=11, **{field: imm})
                    save()
            out.append(_li("a1", 0xFFFFFFF0))
            word(ins.name, rd=11, rs1=11, **{field: 3})
            word(ins.name, rd=12, rs1=0, **{field: 3})   # li / mv / nop shapes: x0 source
            word(ins.name, rd=0, rs1=11, **{field: 3})
            save("a1")
            save("a2")
        elif group == "mem" and ins.name in ("lb", "lh", "lw", "lbu", "lhu"):
            out.append("    la a1, table")
            for off in range(-3, 9):                    # misaligned offsets complete
                word(ins.name, rd=10, rs1=11, imm=off + 4)
                save()
            word(ins.name, rd=11, rs1=11, imm=4)        # rd == rs1
            save("a1")
        elif group == "mem" and f == "S":
            out.append("    la a1, scratch")
            for k, v in enumerate(VALUES):
                out.append(_li("a2", v))
                for off in (0, 1, 2, 3):
                    word(ins.name, rs1=11, rs2=12, imm=8 * k + off)
            word(ins.name, rs1=11, rs2=0, imm=100)      # store x0
        elif group == "control" and f == "B":
            for a in VALUES[:6]:
                for b in VALUES[:6]:
                    out += [_li("a1", a), _li("a2", b), "    li a3, 0"]
                    word(ins.name, rs1=11, rs2=12, imm=8)
                    out.append("    li a3, 1")             # skipped when taken
                    save("a3")
            out += ["    li a3, 0"]
            word(ins.name, rs1=0, rs2=0, imm=8)
            out.append("    li a3, 1")
            save("a3")
        elif group == "control" and ins.name == "jal":
            word("jal", rd=1, imm=8)
            out.append("    li a3, 99")
            out.append("    auipc a4, 0")
            out.append("    sub a3, a4, ra")               # ra is the address after the jal
            save("a3")
            word("jal", rd=0, imm=4)
        elif group == "control" and ins.name == "jalr":
            out += ["    auipc t0, 0"]
            word("jalr", rd=1, rs1=5, imm=13)               # bit 0 of the target is cleared
            out += ["    li a3, 7", "    sub a3, ra, t0"]
            save("a3")
            out += ["    auipc t0, 0"]
            word("jalr", rd=5, rs1=5, imm=12)               # rd == rs1: the old value is used
            out += ["    sub a3, t0, ra"]
            save("a3")
        elif group == "control" and f == "FENCE":
            word(ins.name, pred=15, succ=15)
    out += ["    addi s2, s2, -1", "    la s0, out", "    beqz s2, done", "    j top", "done:", "    ret",
            "    .data",
            "table: .byte 0x80, 0x7f, 0xff, 0x01, 0x00, 0x80, 0xfe, 0x7f, 0x11, 0x92, 0x83, 0xf4, 0x00, 0x01, 0x02",
            "    .align 2",
            "scratch: .space 128",
            f"out: .space {4 * store_n + 64}"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("group", ["alu", "imm", "mem", "control"])
def test_every_instruction_of_the_table(group):
    prog = assemble(coverage_source(group))
    # (single steps would only exercise the interpreted path: a block runs translated when
    # the budget covers it; the random-program tests below single-step)
    assert_lockstep(prog, schedules=([7, 100, 3, 1000], [1_000_000]), thresholds=(0, 1), max_steps=200_000)


def test_coverage_source_covers_the_table():
    covered = set()
    for g in ("alu", "imm", "mem", "control"):
        for line in coverage_source(g).splitlines():
            if "# " in line and ".word" in line:
                covered.add(line.split("# ")[1].split()[0])
    assert covered == {i.name for i in ISA.insns if not i.system}


# ---------------------------------------------------------------- loops, calls, regions

LOOPS = """
    .globl main
main:
    mv s9, ra
    la s0, data
    li s1, 40              # outer count
    li a0, 0
outer:
    li t0, 0
inner:                      # a loop with a branch inside it
    andi t1, t0, 1
    beqz t1, even
    add a0, a0, t0
    j next
even:
    sub a0, a0, t0
    slli t2, t0, 2
    add t2, t2, s0
    sw a0, 0(t2)
    lh t3, 2(t2)
    lbu t4, 1(t2)
    xor a0, a0, t3
    add a0, a0, t4
next:
    addi t0, t0, 1
    li t5, 13
    blt t0, t5, inner
    mv a1, a0
    call mix               # a call inside the outer loop
    addi s1, s1, -1
    bnez s1, outer
    li t0, 100             # a tight self loop
count:
    addi a0, a0, 3
    addi t0, t0, -1
    bnez t0, count
    mv ra, s9
    ret
mix:
    mul a2, a1, a1
    mulhu a3, a1, a1
    srai a4, a1, 3
    divu a5, a1, s1
    rem a6, a1, s1
    xor a0, a2, a3
    add a0, a0, a4
    sub a0, a0, a5
    add a0, a0, a6
    ret
    .data
data: .space 128
"""

FIB = """
    .globl main
main:
    mv s9, ra
    li a0, 12
    call fib
    mv ra, s9
    ret
fib:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    li a5, 1
    bge a5, a0, base
    addi a0, s0, -1
    call fib
    mv s1, a0
    addi a0, s0, -2
    call fib
    add a0, s1, a0
    j out
base:
    mv a0, s0
out:
    lw ra, 12(sp)
    lw s0, 8(sp)
    lw s1, 4(sp)
    addi sp, sp, 16
    ret
"""

MEMCPY = """
    .globl main
main:
    la a0, dst
    la a1, src
    li a2, 61
copy:                      # bytes, then words while aligned
    lb t0, 0(a1)
    sb t0, 0(a0)
    lhu t1, 0(a1)          # misaligned halfwords complete
    sh t1, 64(a0)
    addi a0, a0, 1
    addi a1, a1, 1
    addi a2, a2, -1
    bnez a2, copy
    la a0, dst
    li a2, 15
    li a3, 0
sum:
    lw t0, 0(a0)
    add a3, a3, t0
    sw a3, 128(a0)
    addi a0, a0, 4
    addi a2, a2, -1
    bgtz a2, sum
    mv a0, a3
    ret
    .data
src: .ascii "The quick brown fox jumps over the lazy dog, 0123456789 !?"
    .space 16
dst: .space 256
"""


@pytest.mark.parametrize("src", [LOOPS, FIB, MEMCPY], ids=["loops", "fib", "memcpy"])
def test_programs_lockstep(src):
    assert_lockstep(assemble(src))


@pytest.mark.parametrize("attrs", [dict(regions=False), dict(region_policy="reachable"),
                                   dict(max_block_insns=3, max_region_blocks=3),
                                   dict(max_region_insns=8), dict(grow_every=1),
                                   dict(group_accesses=False)],
                         ids=["blocks-only", "reachable-regions", "tiny-blocks", "tiny-regions",
                              "grow-on-every-entry", "no-access-groups"])
def test_configurations_lockstep(attrs):
    for src in (LOOPS, FIB):
        assert_lockstep(assemble(src), schedules=([7, 100, 3, 1000], [100000]), thresholds=(0, 2), **attrs)


def _workloads():
    from vmlab.workloads import WORKLOADS
    return WORKLOADS


@pytest.mark.parametrize("workload", _workloads(), ids=lambda w: w.name)
def test_benchmark_workloads_lockstep(workload):
    """vmlab bench's workloads (C ones when the toolchain is here), growth checked on every
    entry too, so that regions are re-formed and entered at every kind of block."""
    try:
        prog = workload.program()
    except Exception as e:                      # no C toolchain here
        pytest.skip(f"{workload.name}: {e}")
    for attrs in (dict(), dict(grow_every=1, threshold=2)):
        d = lockstep(prog, "translate", chunks=[997, 13, 20011], max_steps=150_000,
                     ram_size=16 << 20, setup=tune(**attrs))
        assert d is None, f"{workload.name} {attrs}\n{d.report()}"


def test_results_and_exit_code():
    ref, dut, a, b = run_both(FIB, threshold=8)
    assert a.kind is StopKind.EXITED and b.code == a.code == 144
    assert compare_machines(ref, dut) == []
    assert dut.backend.stats["instructions translated"] > 0.9 * dut.state.instret


# ---------------------------------------------------------------- self-modifying code

SMC_NEXT = """
    .globl main
main:
    li s1, 30
    li a0, 0
    la s0, patch
    lw s2, 0(s0)           # addi a0, a0, 1
loop:
    andi t0, s1, 7
    slli t0, t0, 20        # the immediate field
    add t0, t0, s2
    sw t0, 0(s0)           # rewrite the very next instruction, in the same block
patch:
    addi a0, a0, 1
    addi s1, s1, -1
    bnez s1, loop
    ret
"""

SMC_SELF_LOOP = """
    .globl main
main:
    li s1, 25
    li a0, 0
    la s0, body
    lw s2, 0(s0)
body:
    addi a0, a0, 1         # this loop rewrites its own first instruction
    addi s1, s1, -1
    slli t0, s1, 20
    add t0, t0, s2
    sw t0, 0(s0)
    bnez s1, body
    ret
"""

SMC_OTHER = """
    .globl main
main:
    mv s9, ra
    li s1, 20
    li a0, 0
    la s0, callee
    lw s2, 0(s0)
loop:
    call callee            # translated, chained ...
    slli t0, s1, 20        # ... then rewritten: the chain into it must be dropped
    add t0, t0, s2
    sw t0, 0(s0)
    andi t1, s1, 3
    bnez t1, 1f
    fence.i
1:  sh t0, 2(s0)           # halfword store into the upper immediate bits
    sb zero, 3(s0)
    addi s1, s1, -1
    bnez s1, loop
    mv ra, s9
    ret
callee:
    addi a0, a0, 1
    ret
"""


@pytest.mark.parametrize("src", [SMC_NEXT, SMC_SELF_LOOP, SMC_OTHER], ids=["next-insn", "self-loop", "callee"])
def test_self_modifying_code(src):
    assert_lockstep(assemble(src))
    ref, dut, a, b = run_both(src, threshold=0)
    assert a.code == b.code
    assert dut.backend.stats["invalidations"] > 0
    # code that rewrites itself all the time never gets hot enough to be translated
    ref, dut, a, b = run_both(src, threshold=50)
    assert a.code == b.code


def test_host_write_invalidates_translation():
    src = """
    .globl main
main:
    li a0, 0
    li t0, 1000
loop:
    addi a0, a0, 1
    addi t0, t0, -1
    bnez t0, loop
    ret
"""
    ms = []
    for name in ("interp", "translate"):
        m = Machine(name, ram_size=1 << 20)
        m.load(src)
        m.run(max_steps=500)
        ms.append(m)
    loop = ms[0].symbol("loop")
    for m in ms:
        m.write_u32(loop, E("addi", rd=10, rs1=10, imm=5))   # now adds 5 per iteration
        assert m.run().kind is StopKind.EXITED
    assert ms[0].regs.a0 == ms[1].regs.a0
    assert compare_machines(ms[0], ms[1]) == []


# ---------------------------------------------------------------- traps in the middle of blocks

TRAP_PROCESS = """
    .globl main
main:
    li s1, 50
    la s0, data
loop:
    addi a0, a0, 1
    lw t0, 0(s0)           # faults once s0 is moved off RAM
    addi a1, a1, 2
    addi s1, s1, -1
    bnez s1, loop
    lui s0, 0x1000         # unmapped
    li s1, 3
    j loop
    .data
data: .word 7
"""

SYSTEM_TRAPS = """
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    la s0, data
    li s1, 60
loop:
    addi a0, a0, 1
    andi t1, s1, 3
    bnez t1, 1f
    lui t2, 0x1000
    lw t3, 0(t2)           # load access fault, every fourth iteration
1:  sw a0, 4(s0)
    andi t1, s1, 7
    bnez t1, 2f
    .word 0                # illegal instruction
    ecall                  # handled by the guest's handler in system mode
2:  lh t4, 1(s0)           # misaligned: completes
    auipc t5, 0
    addi t5, t5, 10
    andi t1, s1, 15
    bnez t1, 3f
    jalr zero, 0(t5)       # misaligned target: traps on the jump
3:  csrr a2, minstret
    csrr a3, mcycle
    add a4, a2, a3
    addi s1, s1, -1
    bnez s1, loop
    li t0, 1
    la t1, tohost
    sw t0, 0(t1)
hang: j hang
handler:
    csrr t6, mcause
    add a5, a5, t6
    csrr t6, mepc
    addi t6, t6, 4
    csrw mepc, t6
    mret
    .data
data: .word 0x11223344, 0x55667788
    .align 6
tohost: .word 0, 0
"""

TIMER = """
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    li t0, 0x2004000       # CLINT mtimecmp
    li t1, 300
    sw t1, 0(t0)
    sw zero, 4(t0)
    li t1, 0x80            # MTIE
    csrw mie, t1
    csrsi mstatus, 8       # MIE
    li s1, 2000
loop:
    addi a0, a0, 1
    andi t1, a0, 31
    bnez t1, 1f
    li t2, 0x10000000      # UART: a device store needs synchronised state
    li t3, 46
    sb t3, 0(t2)
1:  addi s1, s1, -1
    bnez s1, loop
    li t0, 1
    la t1, tohost
    sw t0, 0(t1)
hang: j hang
handler:
    addi a1, a1, 1
    li t4, 0x200bff8       # mtime
    lw t5, 0(t4)
    addi t5, t5, 250
    li t4, 0x2004000
    sw t5, 0(t4)
    mret
    .data
    .align 6
tohost: .word 0, 0
"""


def test_trap_mid_block_process_mode():
    assert_lockstep(assemble(TRAP_PROCESS))
    ref, dut, a, b = run_both(TRAP_PROCESS)
    assert a.kind is b.kind is StopKind.TRAP and a.pc == b.pc and a.tval == b.tval == 0x1000000
    assert compare_machines(ref, dut) == []


GROUP_FALLBACKS = """
    .globl _start
_start:
    la s0, buf
    li s1, 40
walk:                      # loads and stores through s0 share one guard ...
    lw t0, 0(s0)
    lw t1, 4(s0)
    add t2, t0, t1
    sw t2, 8(s0)
    sh t1, 12(s0)
    lbu t3, 13(s0)
    sb t3, 14(s0)
    addi s0, s0, 1         # ... which fails when s0 is misaligned: the bus completes them
    addi s1, s1, -1
    bnez s1, walk
    li s1, 3
    la s0, self
self:                      # stores of the same words into this very line: the bus drops
    lw t0, 0(s0)           # the translation, which leaves after the store
    lw t1, 4(s0)
    sw t0, 0(s0)
    sw t1, 4(s0)
    addi s1, s1, -1
    bnez s1, self
    li s0, 0x80000000
    lw t0, 0(s0)           # in RAM ...
    lw t1, -4(s0)          # ... and below it: the fault is at this instruction
    li a0, 1
    li a7, 93
    ecall
    .data
buf: .space 128
"""


def test_grouped_accesses_when_their_guard_fails():
    """Misaligned accesses, stores into code and a fault in the middle of a group take the
    group's slow way (each access through the bus), as the interpreter would."""
    assert_lockstep(assemble(GROUP_FALLBACKS))
    ref, dut, a, b = run_both(GROUP_FALLBACKS, threshold=0)
    assert a.kind is b.kind is StopKind.TRAP and a.pc == b.pc and a.tval == b.tval == 0x7FFFFFFC
    assert compare_machines(ref, dut) == []
    assert dut.backend.stats["invalidations"] > 0


@pytest.mark.parametrize("src", [SYSTEM_TRAPS, TIMER], ids=["traps", "timer"])
def test_system_mode(src):
    prog = assemble(src)
    assert_lockstep(prog, mode="system")
    ref, dut, a, b = run_both(prog, mode="system")
    assert a.kind is b.kind is StopKind.EXITED
    assert compare_machines(ref, dut) == []
    if src is TIMER:
        assert dut.regs.a1 > 3                       # interrupts were taken
        assert dut.console.output == ref.console.output != ""


# ---------------------------------------------------------------- budgets, breakpoints, switching

def test_every_budget_stops_exactly():
    prog = assemble(LOOPS)
    ref = Machine("interp", ram_size=1 << 20)
    ref.load(prog)
    for th in (0, 3):
        dut = Machine("translate", ram_size=1 << 20)
        dut.backend.threshold = th
        dut.load(prog)
        ref.reset()
        for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987):
            a, b = ref.step(k), dut.step(k)
            assert (a.kind, a.pc) == (b.kind, b.pc)
            assert compare_machines(ref, dut) == []


def test_breakpoints_inside_a_translated_loop():
    ms = []
    for name in ("interp", "translate"):
        m = Machine(name, ram_size=1 << 20)
        m.load(LOOPS)
        if name == "translate":
            m.backend.threshold = 0
        m.run(max_steps=3000)                        # everything hot and translated
        ms.append(m)
    ref, dut = ms
    assert dut.backend.translations
    bp = dut.symbol("even") + 8                      # in the middle of a translated block
    for m in ms:
        m.add_breakpoint(bp)
    for _ in range(5):
        a, b = ref.run(), dut.run()
        assert a.kind is b.kind is StopKind.BREAKPOINT and a.pc == b.pc == bp
        assert compare_machines(ref, dut) == []
    for m in ms:
        m.remove_breakpoint(bp)
    assert ref.run().code == dut.run().code
    assert compare_machines(ref, dut) == []


def test_switching_backends_mid_run():
    prog = assemble(LOOPS)
    ref = Machine("interp", ram_size=1 << 20)
    ref.load(prog)
    ref.run()
    m = Machine("translate", ram_size=1 << 20)
    m.load(prog)
    for k, name in enumerate(["translate", "interp", "translate", "interp"] * 3):
        m.backend = name
        if name == "translate":
            m.backend.threshold = k % 3
        m.run(max_steps=777)
    m.backend = "translate"
    m.run()
    assert compare_machines(ref, m) == []


def test_watchpoints_match_the_interpreter():
    src = """
    .globl main
main:
    la s0, v
    li t0, 100
loop:
    lw t1, 0(s0)
    addi t1, t1, 1
    sw t1, 4(s0)
    addi t0, t0, -1
    bnez t0, loop
    ret
    .data
v: .word 5, 0
"""
    for read in (False, True):
        ms = []
        for name in ("interp", "translate"):
            m = Machine(name, ram_size=1 << 20)
            m.load(src)
            if name == "translate":
                m.backend.threshold = 0
            m.run(max_steps=200)
            m.add_watchpoint(m.symbol("v") + (0 if read else 4), 4, write=not read, read=read)
            ms.append(m)
        for _ in range(3):
            a, b = (m.run() for m in ms)
            assert a.kind is b.kind is StopKind.WATCHPOINT and a.pc == b.pc
            assert compare_machines(*ms) == []



def test_stores_above_flagged_lines_skip_the_flag_test_and_hooks_move_that_line():
    """Translated stores at or above bus.flag_end (past the last line holding code or a
    hook) do not look at line flags. A watchpoint set on the stack after the code was
    translated moves flag_end above it, so the store is seen; removing it moves it back."""
    src = """
    .globl main
main:
    li t0, 200
    addi sp, sp, -16
loop:
    sw t0, 8(sp)
    addi t0, t0, -1
    bnez t0, loop
    addi sp, sp, 16
    ret
"""
    ms = []
    for name in ("interp", "translate"):
        m = Machine(name)
        m.load(src)
        if name == "translate":
            m.backend.threshold = 0
        m.run(max_steps=100)
        ms.append(m)
    m = ms[1]
    slot = m.regs.sp + 8
    assert m.bus.flag_end <= m.symbol("main") - m.bus.base + 64      # only the code's lines
    assert "_FH" in m.backend.source(m.symbol("loop"))
    wids = [x.add_watchpoint(slot) for x in ms]
    assert m.bus.flag_end > slot - m.bus.base
    for _ in range(3):
        a, b = (x.run() for x in ms)
        assert a.kind is b.kind is StopKind.WATCHPOINT and a.pc == b.pc
        assert compare_machines(*ms) == []
    for x, w in zip(ms, wids):
        x.remove_watchpoint(w)
    assert m.bus.flag_end <= m.symbol("main") - m.bus.base + 64
    a, b = (x.run() for x in ms)
    assert a.exited and b.exited and compare_machines(*ms) == []


# ---------------------------------------------------------------- inspection

def test_blocks_source_and_stats():
    m = Machine("translate", ram_size=1 << 20)
    m.backend.threshold = 2
    m.load(LOOPS)
    assert m.run().kind is StopKind.EXITED
    b = m.backend
    st = b.stats
    for key in ("translations", "blocks translated", "cache hits", "cache misses", "invalidations",
                "average block length", "instructions interpreted", "instructions translated",
                "seconds translating", "seconds executing"):
        assert key in st
    assert st["instructions interpreted"] > 0 and st["instructions translated"] > st["instructions interpreted"]
    assert st["instructions interpreted"] + st["instructions translated"] + st["careful steps"] >= m.state.instret - 1
    rows = {r.start: r for r in b.blocks}
    count = rows[m.symbol("count")]
    assert count.translated and count.insns == 3
    # blocks are named by their entry and may overlap: the loop's first iteration ran in the
    # block that starts at "li t0, 100" and falls into it
    assert sum(r.executions for r in b.blocks if r.start <= m.symbol("count") < r.end) == 100
    assert count.start in count.successors and count.start in count.chained
    src = b.source(m.symbol("count"))
    assert "addi a0, a0, 3" in src and "# " in src and "for _i in range(" in src
    compile(src, "<test>", "exec")
    t = next(t for t in b.translations if any(a <= m.symbol("count") < e for a, e in t.ranges))
    assert t.form in ("loop", "region") and t.insns >= 3 and "Translation" in repr(t)
    # code that never ran can still be shown
    assert "def _make" in b.source(m.symbol("mix"))


def test_chaining_without_regions():
    m = Machine("translate", ram_size=1 << 20)
    m.backend.threshold = 0
    m.backend.regions = False
    m.load(FIB)
    assert m.run().code == 144
    chained = [t for t in m.backend.translations if t.chained]
    assert chained, "blocks with static exits are chained"
    assert any(r.chained for r in m.backend.blocks)


SWITCH = """
    .globl main
main:
    mv s9, ra
    li s1, 400
    li a0, 0
    la s2, table
loop:                      # a switch: a jump through a table of four cases
    andi t0, s1, 3
    slli t0, t0, 2
    add t0, t0, s2
    lw t0, 0(t0)
    jr t0
case0:
    addi a0, a0, 1
    j next
case1:
    xori a0, a0, 5
    j next
case2:
    slli a0, a0, 1
    j next
case3:
    sub a0, a0, s1
next:
    addi s1, s1, -1
    bnez s1, loop
    mv ra, s9
    ret
    .data
table: .word case0, case1, case2, case3
"""


def test_a_jump_tables_targets_join_its_region():
    """The cases a computed jump went to while interpreted are taken into the region formed
    around it, at once: not each in its own region that then takes the others over, which
    compiled the same code again and again (62 guest instructions for a 20-instruction region)."""
    ref, m, s_ref, s = run_both(SWITCH, threshold=16)
    assert s.exited and s.code == s_ref.code and m.state.x == ref.state.x
    (t,) = [t for t in m.backend.translations if any(a <= m.symbol("loop") < e for a, e in t.ranges)]
    for case in ("case0", "case1", "case2", "case3"):
        assert any(a <= m.symbol(case) < e for a, e in t.ranges), case
    assert m.backend.stats["guest instructions translated"] <= 1.5 * t.insns
    (row,) = [r for r in m.backend.blocks if r.start == m.symbol("loop")]
    assert sorted(row.jump_targets) == [m.symbol(c) for c in ("case0", "case1", "case2", "case3")]
    # the block from main falls into the loop and ends at the same jr; ret is not watched
    assert all(not r.jump_targets for r in m.backend.blocks if r.end != row.end)
    assert_lockstep(assemble(SWITCH), thresholds=(0, 3))


def test_threshold_interprets_first():
    m = Machine("translate", ram_size=1 << 20)
    m.backend.threshold = 1000
    m.load(LOOPS)
    m.run()
    st = m.backend.stats
    assert st["translations"] == 0 and st["instructions translated"] == 0
    m2 = Machine("translate", ram_size=1 << 20)
    m2.backend.threshold = 0
    m2.load(LOOPS)
    m2.run()
    assert m2.backend.stats["instructions interpreted"] < 0.01 * m2.state.instret


def test_fault_position_comes_from_the_traceback():
    """A trap in the middle of a translated block: pc is the faulting instruction, the
    registers written before it are back in the state, instret counts the completed ones."""
    src = """
    .globl main
main:
    la s0, data
    li s1, 0
loop:
    addi a0, a0, 1
    addi a1, a1, 2
    lw t0, 0(s0)
    addi a2, a2, 3
    addi s1, s1, 1
    li t1, 9
    blt s1, t1, loop
    lui s0, 0x10
    j loop
    .data
data: .word 7
"""
    ref, dut, a, b = run_both(src, threshold=0)
    assert b.kind is StopKind.TRAP and b.pc == dut.symbol("loop") + 8
    assert (dut.regs.a0, dut.regs.a1, dut.regs.a2) == (10, 20, 27)
    assert compare_machines(ref, dut) == []


# ---------------------------------------------------------------- random programs from the table

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:          # pragma: no cover
    given = None

import random

from vmlab.program import Program, Segment

BASE = 0x8000_0000
DATA = BASE + 0x4000
TOHOST = BASE + 0x6000
RESERVED = {8, 9, 30, 31}     # s0 data, s1 code, t5 loop counter, t6 trap handler
MEMORY = {"lb", "lh", "lw", "lbu", "lhu", "sb", "sh", "sw"}


def looping_program(seed: int, n: int = 30) -> Program:
    """A random loop body drawn from the table, run a few times (system mode).

    Loads and stores are mostly s0-relative (data), sometimes s1-relative: those rewrite the
    loop's own code between or within iterations. Branches jump forward inside the body, or
    rarely backward; a trap handler skips whatever traps. Each iteration runs the (possibly
    rewritten) body again, so blocks get hot, translated, invalidated and translated again.
    """
    r = random.Random(seed)
    insns = [i for i in ISA.insns if i.name not in ("wfi", "ecall", "ebreak", "mret", "sret")]
    body_addr = BASE + 0x100

    def reg(dest=False):
        while True:
            v = r.choice([0, 5, 6, 7, 10, 11, 12, 13, 14, 15, 28, 29] + list(range(32)))
            if not dest or v not in RESERVED:
                return v

    body = []
    for k in range(n):
        ins = r.choice(insns)
        ops = {}
        for f in ins.fields:
            if f.kind == "reg":
                ops[f.name] = reg(dest=f.name == "rd")
            elif f.kind == "csr":
                ops[f.name] = r.choice([0x340, 0x341, 0xB00, 0xB02, 0xC00, 0x304, 0x7A0])
            elif f.kind == "pcrel":
                step = r.randint(1, max(1, n - k)) if r.random() < 0.9 else -r.randint(0, k)
                ops[f.name] = 4 * step + (2 if r.random() < 0.02 else 0)
            else:
                lo, hi = f.lo, f.hi
                v = r.choice([lo, hi, 0, 1, r.randint(lo, hi), r.randint(-8, 8) if f.signed else r.randint(0, 8)])
                v = max(lo, min(hi, v))
                ops[f.name] = v - v % (1 << f.shift)
        if ins.name in MEMORY:
            p = r.random()
            if p < 0.7:
                ops["rs1"], ops["imm"] = 8, r.randint(-32, 512)
            elif p < 0.9:
                ops["rs1"], ops["imm"] = 9, 4 * r.randint(0, n) + r.choice([0, 0, 0, 1, 2])
        if ins.name == "jalr":
            ops["rs1"], ops["imm"] = 9, 4 * r.randint(k + 1, n)
        body.append(ins.encode(**ops))
    body += [E("addi", rd=30, rs1=30, imm=-1), E("bne", rs1=30, rs2=0, imm=-4 * (len(body) + 1)),
             E("addi", rd=31, rs1=0, imm=1), E("lui", rd=29, imm=TOHOST >> 12), E("sw", rs1=29, rs2=31, imm=0),
             E("jal", rd=0, imm=0)]
    pro = [E("auipc", rd=31, imm=0), E("addi", rd=31, rs1=31, imm=0), E("csrrw", rd=0, rs1=31, csr=0x305),
           E("lui", rd=8, imm=DATA >> 12), E("auipc", rd=9, imm=0), E("addi", rd=9, rs1=9, imm=body_addr - (BASE + 16)),
           E("addi", rd=30, rs1=0, imm=r.randint(4, 40))]
    for rr in (5, 6, 7, 10, 11, 12, 13, 14, 15, 28):
        v = r.getrandbits(32)
        pro += [E("lui", rd=rr, imm=(v + 0x800) >> 12 & 0xFFFFF), E("addi", rd=rr, rs1=rr, imm=((v & 0xFFF) ^ 0x800) - 0x800)]
    pro.append(E("jal", rd=0, imm=body_addr - (BASE + 4 * len(pro))))
    handler_off = (4 * len(pro) + 15) & ~15
    pro[1] = E("addi", rd=31, rs1=31, imm=handler_off)
    handler = [E("csrrs", rd=31, rs1=0, csr=0x341), E("addi", rd=31, rs1=31, imm=4),
               E("csrrw", rd=0, rs1=31, csr=0x341), E("mret")]
    code = bytearray(0x100 + 4 * len(body))
    code[:4 * len(pro)] = b"".join(w.to_bytes(4, "little") for w in pro)
    code[handler_off:handler_off + 16] = b"".join(w.to_bytes(4, "little") for w in handler)
    code[0x100:] = b"".join(w.to_bytes(4, "little") for w in body)
    data = bytes(r.getrandbits(8) for _ in range(1024))
    return Program([Segment(".text", BASE, bytes(code)), Segment(".data", DATA - 32, data),
                    Segment(".tohost", TOHOST, bytes(8))],
                   symbols={"_start": BASE, "tohost": TOHOST, "body": body_addr}, entry=BASE,
                   name=f"looping-{seed}")


def _lockstep_random(prog, threshold, chunks):
    d = lockstep(prog, "translate", chunks=chunks, max_steps=4000, mode="system",
                 setup=tune(threshold=threshold))
    assert d is None, f"{prog.name} threshold={threshold} chunks={chunks}\n{d.report()}"


if given is not None:
    _settings = settings(max_examples=40, deadline=None, derandomize=True,
                         suppress_health_check=[HealthCheck.too_slow])

    @_settings
    @given(seed=st.integers(0, 2**32 - 1), threshold=st.sampled_from([0, 1, 3]),
           chunks=st.sampled_from([[7, 100, 3, 1000], [100000], [2, 5, 13], [1, 50]]))
    def test_random_loops_from_the_table(seed, threshold, chunks):
        _lockstep_random(looping_program(seed), threshold, chunks)

    @_settings
    @given(seed=st.integers(0, 2**32 - 1), threshold=st.sampled_from([0, 1, 3]),
           chunks=st.sampled_from([[7, 100, 3, 1000], [100000], [2, 5, 13], [1]]))
    def test_random_streams_from_the_table(seed, threshold, chunks):
        try:
            from strategies import random_program
        except ImportError:
            pytest.skip("tests/strategies.py not available")
        _lockstep_random(random_program(seed, 40), threshold, chunks)


# ---------------------------------------------------------------- optimisation passes
def test_passes_see_every_block_and_change_only_their_copies():
    """backend.passes runs over each decoded block's InsnCode list; removing the code of a
    dead write (li t1 before t1 is written again) keeps the results of interp."""
    src = """
        .globl _start
    _start:
        li   t0, 200
    1:  li   t1, 3
        slli t2, t0, 1
        add  t1, t0, t2
        add  a0, a0, t1
        addi t0, t0, -1
        bnez t0, 1b
        andi a0, a0, 255
        li   a7, 93
        ecall
    """
    seen, removed = [], []

    def drop_li_t1(codes):
        seen.append(codes[0].pc)
        for c in codes:
            if c.ins.name == "addi" and c.ops.get("rd") == 6 and c.ops.get("rs1") == 0:
                c.stmts = []
                removed.append(c.pc)

    ref, dut, a, b = run_both(src, threshold=0, passes=[drop_li_t1])
    assert b.code == a.code == (sum(3 * i for i in range(1, 201)) & 255)
    assert compare_machines(ref, dut) == []
    loop = dut.symbol("_start") + 4
    assert loop in seen and set(removed) == {loop}
    # the emitter's shared result still has its code: a machine without the pass is unaffected
    plain = Machine("translate")
    plain.load(assemble(src))
    plain.backend.threshold = 0
    plain.run()
    assert plain.backend.source(loop).count("t1 = 3") == 1


# ---------------------------------------------------------------- superblocks
SUPERBLOCK = """
        .globl _start
over:                                # before the loop: the block's pieces are out of order
        addi    t0, t0, -1
        li      t1, 150
        bne     t0, t1, 1f
        PATCH                        # halfway: rewrite the instruction at `over`
1:      bgtz    t0, loop
        andi    a0, a0, 255
        li      a7, 93
        ecall
_start:
        li      t0, 300
        li      a0, 0
        la      s0, over
        li      s1, 0xffe28293       # addi t0, t0, -2
loop:
        addi    a0, a0, 3
        j       over                 # the block goes on at `over`
        addi    a0, a0, 100          # never runs
"""


@pytest.mark.parametrize("patch", ["nop", "sw s1, 0(s0)"], ids=["plain", "rewrites-the-jump-target"])
def test_superblocks_go_through_jumps_and_are_dropped_when_the_target_changes(patch):
    src = SUPERBLOCK.replace("PATCH", patch)
    assert_lockstep(assemble(src))
    ref, dut, a, b = run_both(src, threshold=2)
    assert b.code == a.code and compare_machines(ref, dut) == []
    over = dut.symbol("over")
    spans = [r for r in dut.backend.translations if len(r.ranges) > len(r.blocks)]   # a block in two pieces
    if patch == "nop":
        assert spans and any(a == over for r in spans for a, b in r.ranges)
    else:
        assert dut.backend.stats["invalidations"] >= 1
    plain = Machine("translate")
    plain.load(assemble(src))
    plain.backend.superblocks = False
    plain.backend.threshold = 2
    assert plain.run().code == a.code
    assert all(len(r.ranges) == len(r.blocks) for r in plain.backend.translations)


# ---------------------------------------------------------------- branches over one instruction
SKIPS = """
        .globl _start
_start:
        li      s0, 0x9e3779b9       # a pseudo-random bit source
        li      s1, 200
        li      a0, 0
        li      a1, 0
        li      a3, 0
        la      s2, cell
loop:
        srli    t0, s0, 1            # s0 = s0 >> 1 ^ (0xedb88320 if bit 0 was set)
        andi    t1, s0, 1
        mv      s0, t0
        beqz    t1, 1f
        xor     s0, s0, s3           # skipped when the bit is clear
1:      andi    t2, s0, 7
        li      a2, 5                # known before the branch ...
        bltu    t2, s1, 2f
        li      a2, 9                # ... but not after it
2:      add     a0, a0, a2
        blt     t2, a1, 3f
        mv      a1, t2               # a running maximum
3:      bge     a0, a1, 4f
        addi    a0, a0, 1
4:      bne     t2, zero, 5f
        lw      a4, 0(s2)            # a load: it may fault
5:      beq     t2, a1, 6f
        sw      a0, 0(s2)            # a store: it may fault, or write code
6:      bgeu    a3, t2, 7f
        li      s5, 1                # written only when the branch is not taken, read after the loop
7:      beq     zero, zero, 8f       # always taken: a jump, not a conditional skip
        addi    a0, a0, 1000
8:      bne     zero, zero, 9f       # never taken
        addi    a3, a3, 1
9:      addi    s1, s1, -1
        bnez    s1, loop
        add     a0, a0, a1
        add     a0, a0, a3
        add     a0, a0, s5
        andi    a0, a0, 255
        li      a7, 93
        ecall
        .data
cell:   .word 0
"""


def _with_poly(m):
    m.state.x[19] = 0xEDB88320          # s3


def test_branches_over_one_instruction_lockstep():
    prog = assemble(SKIPS)
    for skips in (True, False):
        for regions in (True, False):
            d = [lockstep(prog, "translate", chunks=ch, max_steps=20_000,
                          setup=lambda m, s=skips, r=regions, th=th: (_with_poly(m), tune(threshold=th, skip_branches=s, regions=r)(m)))
                 for th in (0, 1, 8) for ch in ([7, 100, 3, 1000], [100000], [2, 5, 13])]
            assert all(x is None for x in d), [x.report() for x in d if x is not None][0]
    ref, dut, a, b = run_both(SKIPS, setup=_with_poly, threshold=2)
    assert a.kind is b.kind is StopKind.EXITED and a.code == b.code
    assert compare_machines(ref, dut) == []
    # the plain skips were taken into the blocks; the load, the store and the jump were not
    lines = "\n".join(dut.backend.source(t.pc) for t in dut.backend.translations).splitlines()

    def in_line(insn):            # shown as the else branch of its branch's if
        found = [k for k, ln in enumerate(lines) if ln.rstrip().endswith(insn)]
        assert found, insn
        return any(lines[k - 1].strip() == "else:" and "n += 1" in lines[k - 3] + lines[k - 2] for k in found)
    for insn in ("xor s0, s0, s3", "li a2, 9", "mv a1, t2", "addi a0, a0, 1", "li s5, 1",
                 "lw a4, 0(s2)", "sw a0, 0(s2)"):
        assert in_line(insn), insn
    assert not any("addi a0, a0, 1000" in ln for ln in lines)     # after an always-taken branch: never runs


def test_branch_over_one_instruction_every_budget_and_breakpoint():
    prog = assemble(SKIPS)
    ref = Machine("interp", ram_size=1 << 20)
    ref.load(prog)
    _with_poly(ref)
    dut = Machine("translate", ram_size=1 << 20)
    dut.backend.threshold = 0
    dut.load(prog)
    _with_poly(dut)
    for k in (1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987):
        a, b = ref.step(k), dut.step(k)
        assert (a.kind, a.pc) == (b.kind, b.pc)
        assert compare_machines(ref, dut) == []
    # a breakpoint on a skipped instruction, and one on where the branch joins
    for label_offset in (4, 8):
        bp = dut.symbol("loop") + 12 + label_offset          # beqz t1 is at loop+12
        for m in (ref, dut):
            m.add_breakpoint(bp)
        for _ in range(3):
            a, b = ref.run(max_steps=5_000), dut.run(max_steps=5_000)
            assert (a.kind, a.pc) == (b.kind, b.pc)
            assert compare_machines(ref, dut) == []
        for m in (ref, dut):
            m.remove_breakpoint(bp)
    assert ref.run().code == dut.run().code
    assert compare_machines(ref, dut) == []


SKIP_MANY = """
        .globl _start
_start:
        li      s1, 300
        li      a0, 0
        li      a1, 7
        la      s2, cell
loop:
        andi    t0, s1, 3
        bnez    t0, 1f               # over three
        addi    a0, a0, 5
        xor     a1, a1, s1
        slli    a2, a1, 2
1:      andi    t1, s1, 5
        beq     t1, zero, 2f         # over six
        li      a3, 1
        add     a0, a0, a3
        mv      a4, a0
        srli    a4, a4, 1
        or      a1, a1, a4
        sub     a0, a0, t1
2:      bltu    t0, t1, 3f           # over seven: too many, ends the block
        addi    a0, a0, 1
        addi    a0, a0, 1
        addi    a0, a0, 1
        addi    a0, a0, 1
        addi    a0, a0, 1
        addi    a0, a0, 1
        addi    a0, a0, 1
3:      bge     t0, t1, 4f           # over two, the second a store
        addi    a0, a0, 2
        sw      a0, 0(s2)
4:      bgeu    t0, t1, 5f           # over a jump: ends the block
        j       5f
5:      addi    s1, s1, -1
        bnez    s1, loop
        add     a0, a0, a1
        add     a0, a0, a2
        add     a0, a0, a3
        andi    a0, a0, 255
        li      a7, 93
        ecall
        .data
cell:   .word 0
"""


def test_branches_over_several_instructions():
    prog = assemble(SKIP_MANY)
    assert_lockstep(prog)
    assert_lockstep(prog, regions=False, thresholds=(0, 3))
    ref, dut, a, b = run_both(SKIP_MANY, threshold=2)
    assert a.kind is b.kind is StopKind.EXITED and a.code == b.code
    assert compare_machines(ref, dut) == []
    text = "\n".join(dut.backend.source(t.pc) for t in dut.backend.translations)
    assert "n += 3" in text and "n += 6" in text and "n += 2" in text and "n += 7" not in text
    # every instruction it runs in line still shows its disassembly
    for insn in ("addi a0, a0, 5", "xor a1, a1, s1", "slli a2, a1, 2", "li a3, 1", "sub a0, a0, t1"):
        assert insn in text, insn
    # a breakpoint on the third of six skipped instructions, and budgets ending among them
    ref2, dut2 = Machine("interp", ram_size=1 << 20), Machine("translate", ram_size=1 << 20)
    dut2.backend.threshold = 0
    for m in (ref2, dut2):
        m.load(prog)
    for k in (1, 2, 3, 4, 5, 6, 7, 9, 11, 17, 29, 61, 127):
        x, y = ref2.step(k), dut2.step(k)
        assert (x.kind, x.pc) == (y.kind, y.pc) and compare_machines(ref2, dut2) == []
    bp = dut2.symbol("loop") + 7 * 4 + 8
    for m in (ref2, dut2):
        m.add_breakpoint(bp)
    for _ in range(3):
        x, y = ref2.run(), dut2.run()
        assert (x.kind, x.pc) == (y.kind, y.pc) == (StopKind.BREAKPOINT, bp)
        assert compare_machines(ref2, dut2) == []


SKIP_FAULT = """
        .globl _start
_start:
        li      s1, 50
        la      s2, cell
        li      a0, 0
loop:
        andi    t0, s1, 1
        bnez    t0, 1f
        addi    a0, a0, 1
        lw      a1, 0(s2)            # s2 turns into a bad address on the 31st iteration
        add     a0, a0, a1
        sw      a0, 4(s2)
1:      addi    s1, s1, -1
        li      t1, 20
        bne     s1, t1, 2f
        li      s2, 0x10
2:      bnez    s1, loop
        li      a7, 93
        ecall
        .data
cell:   .word 5, 0
"""


def test_fault_among_the_instructions_a_branch_jumps_over():
    """A load behind a branch faults: pc, registers and instret are those of the reference."""
    prog = assemble(SKIP_FAULT)
    assert_lockstep(prog)
    ref, dut, a, b = run_both(SKIP_FAULT, threshold=2)
    assert a.kind is b.kind and a.kind is not StopKind.EXITED and a.pc == b.pc
    assert dut.state.pc == ref.state.pc == dut.symbol("loop") + 12        # the lw
    assert compare_machines(ref, dut) == []
    assert any("n += 4" in dut.backend.source(t.pc) for t in dut.backend.translations)


LIST_WALK = """
    .globl _start
_start:
    li s1, {reps}
    li s2, 0               # checksum
    la s4, spare           # where the walk stores; at round {smc_at} of the last pass: its own code
    la s5, walk
    sub s5, s5, s4
    la t0, walk
    lw s3, 0(t0)           # the word at walk (stored back unchanged: the translation still goes)
    li t3, {total}
outer:
    la a2, head
    li a0, -1
walk:                      # a list walk: one path round two blocks, left in the middle or at the end
    addi a4, a2, 4
    bgeu a2, a0, found
    mv a1, a2
    lw a2, 0(a4)           # faults on a wild next pointer
    addi t3, t3, -1
    seqz t5, t3
    mul t5, t5, s5
    add t6, s4, t5
    sw s3, 0(t6)
    add s2, s2, a1
    andi t4, a1, 8
    beqz t4, 1f            # a branch over one instruction, inside the round (its steps given back)
    addi s6, s6, 1
1:  bnez a2, walk
found:
    addi s1, s1, -1
    bnez s1, outer
    add a0, s2, s6
    li a7, 93
    ecall
    .data
spare: .word 0
    .align 3
head:
{nodes}
"""


def list_walk(nodes: int = 40, reps: int = 30, wild: bool = False, smc_at: int | None = None):
    """A program whose hot loop is a linked-list walk (two blocks, one path round)."""
    lines = []
    for i in range(nodes):
        nxt = f"node{i + 1}" if i + 1 < nodes else ("0x10" if wild else "0")
        lines.append(f"node{i}: .word {i * 3}, {nxt}")
    total = 1 << 30 if smc_at is None else (reps - 1) * nodes + smc_at
    return assemble(LIST_WALK.format(reps=reps, smc_at=smc_at, total=total, nodes="\n".join(lines)))


@pytest.mark.parametrize("variant", [{}, dict(wild=True), dict(smc_at=17)], ids=["plain", "fault", "smc"])
def test_a_loop_with_one_path_round_runs_as_a_for_loop(variant):
    """A loop of two blocks, each leading to the next, runs as one for loop counted on the way
    out: it is left in the middle of a round, at its end, by a fault and by a store that drops
    the translation, and budgets end anywhere in it; every state matches the interpreter's."""
    prog = list_walk(**variant)
    for th in (0, 8, 100):
        ref, m, s_ref, s = run_both(prog, threshold=th)
        assert s.kind is s_ref.kind and s.pc == s_ref.pc and s.code == s_ref.code
        assert s.kind is (StopKind.TRAP if "wild" in variant else StopKind.EXITED)
        assert compare_machines(ref, m) == []
        if not variant:
            walk = m.symbol("walk")
            src = m.backend.source(walk + 8)        # (walk itself is also in the block from _start)
            compile(src, "<test>", "exec")
            if th:
                # (at threshold 0 the region is entered in the loop, whose header then heads
                # the outer loop too: one loop of four blocks, not one path round)
                assert "one path round" in src and "for _i in range(1, n // 14 + 1):" in src
            # executions counted on the way out add up, and so do those of the translations
            # a bigger one replaced: each of 30 passes goes 40 times round the loop
            rows = {r.start: r for r in m.backend.blocks}
            assert rows[walk + 8].executions == 30 * 40, th
            assert sum(r.executions for r in rows.values() if r.start <= walk < r.end) == 30 * 40, th
    assert_lockstep(prog, thresholds=(0, 8), max_steps=40_000)


SUM_CALLS = """
    .globl main
main:
    mv s3, ra
    li s0, 5000            # calls left
    li s1, 1               # a running hash
loop:
    mv a0, s1
    call mix
back:
    xor s1, s1, a0
    addi s0, s0, -1
    bnez s0, loop
    andi a0, s1, 127
    mv ra, s3
    ret
mix:
    slli t0, a0, 5
    add a0, a0, t0
    srli t1, a0, 3
    xor a0, a0, t1
    ret
"""


@pytest.mark.parametrize("threshold", [0, 8, 100])
def test_block_executions_are_exact(threshold):
    """`blocks` counts every whole run of a block, interpreted or translated, across slices
    that end inside translations (the rest of the block interpreted) and across translations
    that a bigger region replaced; a run that a slice's end cuts goes on in a block of its own."""
    m = Machine("translate", ram_size=1 << 20)
    m.backend.threshold = threshold
    m.load(assemble(SUM_CALLS))
    assert m.run().exited and m.state.instret > 2 * 20_000      # several slices
    rows = m.backend.blocks

    def runs(label: str, insns: int) -> int:
        # a block's runs, plus the one run that a slice's end split, which goes on in a block
        # that starts in the middle of it
        a = m.symbol(label)
        return sum(r.executions for r in rows if a <= r.start < a + 4 * insns)
    assert runs("back", 3) == 5000
    assert runs("loop", 3) == 4999            # the first: in the block of main
