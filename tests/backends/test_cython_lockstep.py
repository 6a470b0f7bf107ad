"""The `cython` backend against the reference interpreter, in lockstep, on programs that cover
every instruction of the table with its edge cases, self-modifying code, traps in process mode
and system-mode programs with trap handlers, CSRs, devices and timer interrupts.

Each program runs once comparing after every instruction, and once in uneven chunks so that the
compiled core runs long stretches between comparisons (and its run-length counting, budget
stops and cache are exercised at many different boundaries).
"""
from __future__ import annotations

import pytest

from vmlab import Machine, assemble
from vmlab.backends import available
from vmlab.backends.cython import CythonBackend
from vmlab.isa import ISA
from vmlab.lockstep import lockstep
from vmlab.program import Program, Segment
from vmlab.stops import StopKind

pytestmark = pytest.mark.skipif("cython" not in available(),
                                reason=str(CythonBackend.unavailable_reason()))

CHUNKS = [[1], [3, 1, 64, 7, 1000, 2], [5000]]
EDGE = [0, 1, 2, 31, 32, 33, 0x7FF, 0x800, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000,
        0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0x12345678, 0xDEADBEEF, 0x55555555, 0xAAAAAAAA]
IMMS = [0, 1, -1, 2, 2047, -2048, 31, -7, 0x555, -0x556]
SHAMTS = [0, 1, 7, 15, 16, 31]


STEP_BY_STEP = 3000          # instructions compared one by one (a lockstep step costs ~0.3 ms)


def check(program, chunks=None, max_steps=100_000, ram_size=1 << 16, **kw):
    for c in ([chunks] if chunks else CHUNKS):
        n = min(max_steps, STEP_BY_STEP) if c == [1] else max_steps
        d = lockstep(program, "cython", chunks=c, max_steps=n, ram_size=ram_size, **kw)
        assert d is None, f"chunks {c}:\n{d.report()}"


def _words(words: list[int], extra: list[Segment] = (), **symbols) -> Program:
    text = b"".join((w & 0xFFFFFFFF).to_bytes(4, "little") for w in words)
    return Program([Segment(".text", 0x80000000, text), *extra], symbols=dict(symbols),
                   entry=0x80000000, name="words")


def table_names(fmt: str) -> list[str]:
    return [i.name for i in ISA.insns if i.fmt == fmt and not i.system]


# ---- every instruction, every edge --------------------------------------------------------------

def alu_program() -> str:
    """Every R-type instruction of the table on every pair of edge values (nested loops)."""
    ops = table_names("R")
    body = "\n".join(f"    {op} t2, s2, s3\n    xor s11, s11, t2\n    add s10, s10, t2" for op in ops)
    words = ", ".join(hex(v) for v in EDGE)
    return f"""
_start:
    la s0, edge
    li s4, {len(EDGE) * 4}
    li s5, 0                      # i
outer:
    li s6, 0                      # j
inner:
    add t0, s0, s5
    lw s2, 0(t0)
    add t0, s0, s6
    lw s3, 0(t0)
{body}
    addi s6, s6, 4
    blt s6, s4, inner
    addi s5, s5, 4
    blt s5, s4, outer
    mv a0, s11
    ret
    .data
edge: .word {words}
"""


def imm_program() -> str:
    """Every I-type and shift-immediate instruction with edge immediates on edge values."""
    lines = []
    for k, v in enumerate(EDGE):
        lines.append(f"    li s2, {v:#x}")
        for op in ("addi", "slti", "sltiu", "xori", "ori", "andi"):
            assert op in table_names("I")
            for imm in IMMS:
                lines.append(f"    {op} t2, s2, {imm}\n    xor s11, s11, t2")
        for op in table_names("SH"):
            for sh in SHAMTS:
                lines.append(f"    {op} t2, s2, {sh}\n    add s11, s11, t2")
        lines.append(f"    {('slli', 'srli', 'srai')[k % 3]} s2, s2, {k % 32}")     # rd == rs1
    for imm in (0, 1, 0x7FFFF, 0x80000, 0xFFFFF, 0x12345):
        lines.append(f"    lui t2, {imm:#x}\n    xor s11, s11, t2\n    auipc t2, {imm:#x}\n    add s11, s11, t2")
    return "_start:\n" + "\n".join(lines) + "\n    mv a0, s11\n    ret\n"


def x0_program() -> str:
    """Every instruction with a destination register, writing x0 (it must stay 0)."""
    lines = ["_start:", "    la s0, data", "    li s2, 0x87654321", "    li s3, 0x0000000f"]
    for ins in ISA.insns:
        if ins.system or "rd" not in ins.operand_names:
            continue
        if ins.fmt == "R":
            lines.append(f"    {ins.name} zero, s2, s3")
        elif ins.fmt == "SH":
            lines.append(f"    {ins.name} zero, s2, 3")
        elif ins.fmt == "U":
            lines.append(f"    {ins.name} zero, 0x12345")
        elif ins.name.startswith("l"):
            lines.append(f"    {ins.name} zero, 2(s0)")
        elif ins.name == "jal":
            lines.append("    jal zero, 1f\n    li a0, 99\n1:")
        elif ins.name == "jalr":
            lines.append("    la t0, 1f\n    jalr zero, 0(t0)\n    li a0, 98\n1:")
        else:
            lines.append(f"    {ins.name} zero, s2, -5")
        lines.append("    add s11, s11, zero\n    mv a1, zero")
    lines += ["    mv a0, s11", "    ret", "    .data", "data: .word 0x80ff7f01, 0xdeadbeef"]
    return "\n".join(lines) + "\n"


def memory_program() -> str:
    """Every load and store: sign extension, edge offsets, misaligned addresses (which
    complete in RAM), loads right after stores, overlapping partial stores."""
    loads = [i.name for i in ISA.insns if i.fmt == "I" and i.name.startswith("l")]
    stores = table_names("S")
    assert set(loads) == {"lb", "lh", "lw", "lbu", "lhu"} and set(stores) == {"sb", "sh", "sw"}
    lines = ["_start:", "    la s0, mid", "    li s2, 0x80ff7f01", "    li s3, 0xfedcba98"]
    for off in (-2048, -2047, -1, 0, 1, 2, 3, 5, 2044, 2045, 2047):
        for ld in loads:
            lines.append(f"    {ld} t2, {off}(s0)\n    xor s11, s11, t2\n    add s10, s10, t2")
    for off in (-2048, -3, -2, -1, 0, 1, 2, 3, 6, 2046, 2047):
        for st in stores:
            lines.append(f"    {st} s2, {off}(s0)")
            for ld in loads:
                lines.append(f"    {ld} t2, {off}(s0)\n    xor s11, s11, t2")
            lines.append(f"    {st} s3, {off}(s0)\n    lw t2, {off & ~3}(s0)\n    add s10, s10, t2")
            lines.append("    addi s2, s2, 0x111\n    slli s3, s3, 1")
    lines += ["    add a0, s11, s10", "    ret", "    .data", "    .align 6",
              "lo: .space 2048", "mid:"]
    lines += ["    .word " + ", ".join(hex(v) for v in EDGE)]
    lines += ["    .space 2048"]
    return "\n".join(lines) + "\n"


def control_program() -> str:
    """Every branch on edge pairs (taken and not, forward and backward), calls through jal
    and jalr, jalr with an odd offset (bit 0 cleared) and with rd == rs1."""
    branches = table_names("B")
    lines = ["_start:", "    mv s9, ra", "    la s0, edge", f"    li s4, {len(EDGE) * 4}", "    li s5, 0",
             "outer:", "    li s6, 0", "inner:", "    add t0, s0, s5", "    lw s2, 0(t0)",
             "    add t0, s0, s6", "    lw s3, 0(t0)"]
    for k, b in enumerate(branches):
        lines.append(f"    {b} s2, s3, 1f\n    addi s11, s11, {k + 1}\n    j 2f\n"
                     f"1:  slli s11, s11, 1\n2:")
        lines.append(f"    j 4f\n3:  addi s10, s10, {k + 1}\n    j 5f\n4:  {b} s3, s2, 3b\n5:")
    lines += ["    addi s6, s6, 4", "    blt s6, s4, inner", "    addi s5, s5, 4",
              "    blt s5, s4, outer",
              "    call f", "    la t0, f", "    jalr t0", "    la t1, f", "    addi t1, t1, 1",
              "    jalr ra, 0(t1)                # bit 0 of the target is cleared",
              "    la t1, g", "    jalr t1, 0(t1)               # rd == rs1: old rs1 is the target",
              "    add a0, s11, s10", "    mv ra, s9", "    ret",
              "f:  addi s10, s10, 1000", "    ret",
              "g:  addi s10, s10, 7", "    jalr zero, 0(t1)",
              "    .data", "edge: .word " + ", ".join(hex(v) for v in EDGE)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("make", [alu_program, imm_program, x0_program, memory_program, control_program])
def test_every_instruction(make):
    prog = assemble(make())
    ref = Machine("interp", ram_size=1 << 20)
    ref.load(prog)
    stop = ref.run(max_steps=1_000_000)
    assert stop.kind is StopKind.EXITED, stop          # the program itself is sound
    check(prog, max_steps=ref.state.instret + 10)


def test_programs_cover_the_table():
    text = alu_program() + imm_program() + x0_program() + memory_program() + control_program()
    used = {ln.split()[0] for ln in text.splitlines() if ln.strip() and not ln.strip().endswith(":")}
    used |= {"jal", "jalr", "fence"}        # j/call/ret are jal/jalr aliases; fence below
    missing = [i.name for i in ISA.insns if not i.system and i.name not in used]
    assert missing == [], missing


def test_division_edges_and_fence():
    prog = assemble("""
_start:
    li s2, 0x80000000
    li s3, -1
    div a1, s2, s3          # overflow: the dividend
    rem a2, s2, s3          # overflow: 0
    div a3, s2, zero        # by zero: all ones
    divu a4, s2, zero
    rem a5, s2, zero        # by zero: the dividend
    remu a6, s3, zero
    fence
    fence rw, w
    mulh t0, s2, s2
    mulhsu t1, s2, s3
    mulhu t2, s3, s3
    add a0, a1, a2
    ret
""")
    check(prog)
    m = Machine("cython")
    m.load(prog)
    assert m.run().exited
    assert [m.regs[r] for r in ("a1", "a2", "a3", "a4", "a5", "a6")] == \
        [0x80000000, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0x80000000, 0xFFFFFFFF]
    assert (m.regs.t0, m.regs.t1, m.regs.t2) == (0x40000000, 0x80000000, 0xFFFFFFFE)


# ---- self-modifying code ---------------------------------------------------------------------------

SMC = """
# patch an instruction ahead in the same straight-line run, one inside a hot loop (with
# fence.i), and half of an instruction word with sh; the program's result depends on each
_start:
    la s0, patch1
    lw t0, newinsn            # addi a0, a0, 100
    sw t0, 0(s0)              # the very next instructions, already decoded with this run
    nop
patch1:
    addi a0, a0, 1            # replaced before it runs
    li s1, 50
    la s2, patch2
    lw t1, newinsn2           # addi a1, a1, 3
loop:
patch2:
    addi a1, a1, 1            # replaced halfway through the loop
    addi s1, s1, -1
    li t2, 25
    bne s1, t2, 1f
    sw t1, 0(s2)
    fence.i
1:  bnez s1, loop
    la s3, patch3
    li t3, 0x7ff              # addi a2, zero, 1 -> immediate 0x7ff via a halfword store
    slli t3, t3, 4
    lhu t4, 2(s3)
    andi t4, t4, 0xf
    or t3, t3, t4
    sh t3, 2(s3)
patch3:
    addi a2, zero, 1
    add a0, a0, a1
    add a0, a0, a2
    ret
newinsn:  addi a0, a0, 100
newinsn2: addi a1, a1, 3
"""


def test_self_modifying_code():
    prog = assemble(SMC)
    check(prog)
    m = Machine("cython")
    m.load(prog)
    stop = m.run()
    assert stop.exited and stop.code == 100 + (25 + 3 * 25) + 0x7ff


def test_code_rewritten_by_the_host_between_runs():
    """m.write() into decoded code (bus.code_listeners) drops the cached decoding."""
    prog = assemble("_start:\n    li a0, 0\nloop:\n    addi a0, a0, 1\n    j loop\n")
    m = Machine("cython")
    m.load(prog)
    m.run(max_steps=1001)
    assert m.regs.a0 == 500
    loop = m.symbol("loop")
    assert m.backend.cached(loop)[0] == "addi"
    m.write_u32(loop, ISA.by_name["addi"].encode(rd=10, rs1=10, imm=2))
    assert m.backend.cached(loop) is None
    m.run(max_steps=1000)
    assert m.regs.a0 == 500 + 2 * 500


def test_store_into_the_running_run_leaves_the_core():
    """A loop whose body stores into its own first word every iteration."""
    prog = assemble("""
_start:
    li s1, 40
    lw t0, insn
loop:
    sw t0, 0(s2)
    addi a0, a0, 1
    addi s1, s1, -1
    bnez s1, loop
    ret
insn: addi a0, a0, 1
""", )

    def setup(m):
        m.regs.s2 = m.symbol("loop") + 4
    for c in CHUNKS:
        d = lockstep(prog, "cython", chunks=c, setup=setup)
        assert d is None, d.report()


def test_store_next_to_code_is_reported_to_the_other_backends():
    """The core makes a store into a line holding code when it decoded none of the words
    written; the interpreter, which had decoded the word, must still see the new one."""
    prog = assemble("""
_start:
    jal ra, slot
    la s2, slot
    lw t0, newinsn
    sw t0, 0(s2)
    jal ra, slot
    li a7, 93
    ecall
slot: addi a0, a0, 1
    ret
newinsn: addi a0, a0, 100
""")
    m = Machine("interp")
    m.load(prog)
    m.run(max_steps=2)                      # the interpreter decodes slot
    m.backend = "cython"
    m.run(max_steps=6)                      # ret, la, lw (two each), sw: the core stores into slot
    assert m.backend.cached(m.symbol("slot")) is None
    assert m.read_u32(m.symbol("slot")) == m.read_u32(m.symbol("newinsn"))
    m.backend = "interp"
    stop = m.run()
    assert stop.exited and stop.code == 101
    check(prog)


def test_data_beside_code_only_the_core_decoded_stays_in_the_core():
    """Stores into a line whose code only the core decoded (small programs: .bss right after
    .text) need no report to other backends; a line the interpreter decoded still gets one."""
    prog = assemble("""
_start:
    la s0, data
    li t0, 5
loop: sw t0, 0(s0)
    sw t0, 4(s0)
    addi t0, t0, -1
    bnez t0, loop
    lw a0, 4(s0)
    li a7, 93
    ecall
data: .word 7, 7
""")
    m = Machine("cython")
    m.load(prog)
    assert m.symbol("data") >> 6 == m.symbol("loop") >> 6       # one 64-byte line
    m.run(max_steps=8)                                            # inside the loop, before the ecall
    assert m.backend.core.ncode_writes == 0
    m.reset()
    m.backend = "interp"
    m.run(max_steps=3)                                            # the interpreter decodes the line
    m.backend = "cython"
    m.run(max_steps=1)
    assert m.backend.core.code_writes == [(m.symbol("data"), 4)]
    assert m.run().code == 1                                      # the last value stored
    check(prog)


def test_stores_at_line_and_ram_edges():
    """Stores just before a line with code, straddling into it (onto a word never executed),
    and into the last bytes of RAM: the core's quick flag test reads two lines at once."""
    prog = assemble("""
_start:
    la s0, edge
    li t0, 0x12345678
    sw t0, -4(s0)               # the last word before the code line
    sw t0, -2(s0)               # misaligned, half of it on the code line's data word
    sh t0, 2(s0)
    lw a1, -4(s0)
    lw a2, 0(s0)
    li s1, 0x80010000           # the end of RAM (ram_size 64 KiB)
    sw t0, -4(s1)
    sh t0, -6(s1)
    sb t0, -7(s1)
    lw a3, -8(s1)
    lw a4, -4(s1)
    add a0, a1, a2
    add a0, a0, a3
    add a0, a0, a4
    j after
    .balign 64
    .space 64                   # a line of data only
edge:
    .word 0                     # the next line: a data word, then code
after:
    li a7, 93
    ecall
""")
    check(prog)


# ---- traps in process mode ---------------------------------------------------------------------------

E = lambda name, **ops: ISA.by_name[name].encode(**ops)  # noqa: E731

TRAPS = {
    "illegal": "_start:\n    li a0, 1\n    .word 0\n    ret\n",
    "illegal-ones": "_start:\n    li a0, 1\n    .word 0xffffffff\n",
    "load-unmapped": "_start:\n    li t0, 0x1000\n    lw a0, 0(t0)\n    ret\n",
    "load-end-of-ram": "_start:\n    li t0, 0x800ffffe\n    lw a0, 0(t0)\n    ret\n",
    "store-unmapped": "_start:\n    li t0, 0x40000000\n    sb a0, 3(t0)\n    ret\n",
    "jalr-misaligned": "_start:\n    la t0, 1f\n    jalr ra, 2(t0)\n1:  ret\n",
    "fetch-unmapped": "_start:\n    li t0, 0x1000\n    jr t0\n",
    "ebreak": "_start:\n    li a0, 5\n    ebreak\n    li a0, 6\n    ret\n",
    "exit-ecall": "_start:\n    li a0, 42\n    li a7, 93\n    ecall\n",
    "exit-ret": "_start:\n    li a0, -3\n    ret\n",
    "write-syscall": "_start:\n    li a0, 1\n    la a1, msg\n    li a2, 3\n    li a7, 64\n    ecall\n"
                     "    li a0, 7\n    ret\nmsg: .ascii \"hi\\n\"\n",
    "fall-off-ram": None,
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_process_mode_traps(name):
    if name == "fall-off-ram":
        # the last word of RAM is a nop: the next fetch is outside RAM
        prog = assemble("_start:\n    li t0, 0x800ffffc\n    jr t0\n")
        prog.segments.append(Segment(".tail", 0x800FFFFC, E("addi").to_bytes(4, "little")))
    else:
        prog = assemble(TRAPS[name])
    check(prog, mode="process", ram_size=1 << 20)


@pytest.mark.parametrize("target", [2, 6, -2])
def test_static_jumps_to_misaligned_targets(target):
    """jal and taken branches whose target is not 4-byte aligned trap on the jump itself."""
    for w in (E("jal", rd=1, imm=target), E("beq", rs1=0, rs2=0, imm=target),
              E("bne", rs1=0, rs2=0, imm=target)):
        prog = _words([E("addi", rd=10, rs1=0, imm=3), w, E("jalr", rd=0, rs1=1, imm=0)])
        check(prog, mode="process")


def test_branch_out_of_ram_not_taken_and_taken():
    words = [E("bne", rs1=0, rs2=0, imm=-4096),        # never taken: target outside RAM
             E("addi", rd=10, rs1=10, imm=1),
             E("beq", rs1=0, rs2=0, imm=-4096)]          # taken: fetch fault below RAM
    check(_words(words), mode="process")


# ---- system mode ---------------------------------------------------------------------------------

SYSTEM = """
# M-mode: a vectored/direct trap handler, CSR traffic, ecall, illegal instructions, a
# misaligned jump, a timer interrupt through the CLINT with wfi, UART output, then tohost
    .equ CLINT, 0x02000000
    .equ UART, 0x10000000
_start:
    la t0, handler
    csrw mtvec, t0
    csrwi mscratch, 5
    csrrsi a1, mscratch, 2
    csrrci a2, mscratch, 1
    csrr a3, misa
    csrr a4, mhartid
    rdinstret a5
    rdcycle a6
    ecall                         # cause 11, handler skips it
    .word 0                       # illegal, skipped
    csrw 0x7c0, a0                # unimplemented CSR: illegal, skipped
    la t1, 1f
    jalr zero, 2(t1)              # misaligned target: mepc = this jalr, handler skips it
1:  li t2, UART
    li t3, 'o'
    sb t3, 0(t2)
    li t3, 'k'
    sb t3, 0(t2)
    # timer: mtimecmp = mtime + 300, enable MTIE and MIE, wait
    li t2, CLINT
    li t4, 0xbff8
    add t4, t4, t2
    lw t5, 0(t4)
    addi t5, t5, 300
    li t4, 0x4000
    add t4, t4, t2
    sw t5, 0(t4)
    sw zero, 4(t4)
    li t6, 0x80
    csrs mie, t6
    csrsi mstatus, 8
    li s1, 0
spin:                             # first interrupt: while running straight-line code
    addi s1, s1, 1
    beqz s9, spin
    li s9, 0
    li t2, CLINT                  # second one: mtimecmp = mtime + 200, then wfi
    li t4, 0xbff8
    add t4, t4, t2
    lw t5, 0(t4)
    addi t5, t5, 200
    li t4, 0x4000
    add t4, t4, t2
    sw t5, 0(t4)
    sw zero, 4(t4)
    wfi
    beqz s9, 2f
    li t0, 1
    la t1, tohost
    sw t0, 0(t1)
1:  j 1b
2:  li t0, 3
    la t1, tohost
    sw t0, 0(t1)
    j 1b

handler:
    csrr s8, mcause
    bltz s8, irq
    addi s7, s7, 1
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
irq:
    li s9, 1
    li t2, CLINT
    li t4, 0x4000
    add t4, t4, t2
    li t5, -1
    sw t5, 0(t4)
    sw t5, 4(t4)
    mret

    .data
    .align 6
tohost: .word 0, 0
"""


def test_system_mode_handlers_csrs_devices_and_timer():
    prog = assemble(SYSTEM)
    ref = Machine("interp")
    ref.load(prog)
    stop = ref.run(max_steps=100_000)
    assert ref.mode == "system" and stop.exited and stop.code == 0, stop
    assert ref.console.output == "ok" and ref.regs.s7 == 4
    check(prog, max_steps=5000)


def test_system_mode_program_without_handler_stops_with_a_trap():
    prog = assemble("_start:\n    .word 0\n    .data\ntohost: .word 0\n")
    check(prog)


# ---- switching backends mid-run -------------------------------------------------------------

@pytest.mark.parametrize("order", [("cython", "interp"), ("interp", "cython"),
                                   ("cython", "interp", "cython")])
@pytest.mark.parametrize("k", [1, 7, 333, 5000])
def test_switching_mid_run(order, k):
    prog = assemble(alu_program())
    ref = Machine("interp")
    ref.load(prog)
    want = ref.run(max_steps=1_000_000)
    m = Machine(order[0])
    m.load(prog)
    for name in order[1:]:
        m.run(max_steps=k)
        m.backend = name
    got = m.run(max_steps=1_000_000)
    assert (got.kind, got.code, m.state.instret, list(m.state.x)) == \
        (want.kind, want.code, ref.state.instret, list(ref.state.x))
    assert m.bus.ram == ref.bus.ram


# ---- superinstructions ----------------------------------------------------------------------

# An operand list for each instruction of codegen_cython.FUSED_PAIRS; the branches and jumps go
# to the next pair either way (jalr through the auipc before it). s0 points at data.
PAIR_OPERANDS = {
    "addi": "t2, t2, 3", "add": "t3, t3, t2", "xor": "t6, t6, t3", "andi": "t4, t3, 0x55",
    "srli": "t5, t3, 3", "slli": "t5, t2, 2", "mul": "t3, t3, t2", "auipc": "t1, 0",
    "sub": "t6, t6, t2", "or": "t4, t4, t2", "and": "t5, t5, t3", "sltu": "t6, t2, t3",
    "lui": "t4, 0x12345", "xori": "t5, t5, -1", "srai": "t6, t3, 2",
    "lb": "t4, 7(s0)", "lh": "t5, 6(s0)", "lhu": "t4, 10(s0)", "sh": "t3, 14(s0)",
    "lw": "t4, 8(s0)", "lbu": "t5, 5(s0)", "sw": "t3, 12(s0)", "sb": "t2, 3(s0)",
    "beq": "t4, t5, {next}", "bne": "t4, t5, {next}", "blt": "t2, t3, {next}",
    "bltu": "t2, t3, {next}", "bge": "t2, t3, {next}", "bgeu": "t4, t3, {next}",
    "jal": "zero, {next}", "jalr": "zero, 8(t1)",
}


def pairs_program() -> str:
    from vmlab.isa.codegen_cython import FUSED_PAIRS
    body = []
    for k, (a, b) in enumerate(FUSED_PAIRS):
        for name in (a, b):
            assert name in PAIR_OPERANDS, f"add operands for {name} to PAIR_OPERANDS"
            body.append(f"    {name} {PAIR_OPERANDS[name].format(next=f'p{k}')}")
        body.append(f"p{k}:")
    return "\n".join([
        "_start:", "    la s0, data", "    li s1, 40", "    li t2, 5", "    li t3, -9",
        "loop:", *body, "    addi s1, s1, -1", "    bnez s1, loop",
        "    addi t0, zero, 16", "    lw t1, 0(t0)",      # a pair whose second half faults
        ".data", "data: .word 1, 2, 3, 4, 5, 6, 7, 8"])


def test_superinstructions_stop_and_fault_inside_a_pair():
    check(assemble(pairs_program()))


# ---- a branch over one instruction (OP_OVER_*) ---------------------------------------------------

OVER_EDGE = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678, 5, 0xFFFFFFFE]


def over_program() -> tuple[str, list[str]]:
    """Every branch of the table over every instruction the loop can skip without a branch,
    taken and not (edge values compared both ways); the program's result mixes every outcome.
    Returns the text and the labels of the branches."""
    from vmlab.isa import codegen_cython as cg
    compiled, _ = cg.compile_table()
    skippable = [c.ins for c in compiled if cg.over_candidate(c)]
    branches = [c.ins.name for c in compiled if c.op and cg.taken_mask(c.ins) is not None]
    operands = {"R": "t2, s2, s3", "I": "t2, s2, -5", "SH": "t2, s3, 7", "U": "t2, 0x12345"}
    lines = ["_start:", "    la s0, edge", f"    li s4, {len(OVER_EDGE) * 4}", "    li s5, 0",
             "outer:", "    li s6, 0", "inner:", "    add t0, s0, s5", "    lw s2, 0(t0)",
             "    add t0, s0, s6", "    lw s3, 0(t0)"]
    labels = []
    for b in branches:
        for ins in skippable:
            k = len(labels)
            labels.append(f"over{k}")
            lines += [f"    addi t2, s10, {k}",
                      f"over{k}: {b} s2, s3, 1f",
                      f"    {ins.name} {operands[ins.fmt]}",
                      "1:  xor s11, s11, t2",
                      "    add s10, s10, t2"]
    lines += ["    addi s6, s6, 4", "    blt s6, s4, inner", "    addi s5, s5, 4",
              "    blt s5, s4, outer", "    add a0, s11, s10", "    ret",
              "    .data", "edge: .word " + ", ".join(hex(v) for v in OVER_EDGE)]
    return "\n".join(lines) + "\n", labels


def test_branch_over_one_instruction_every_branch_and_instruction():
    text, labels = over_program()
    prog = assemble(text)
    m = Machine("cython")
    m.load(prog)
    assert m.run(max_steps=5000).kind is StopKind.STEP_LIMIT
    for lb in labels:                  # the loop runs them without a host branch
        assert m.backend.core.op_name(m.symbol(lb)).startswith("(branch over)+"), lb
        assert m.backend.cached(m.symbol(lb))[0] in ("beq", "bne", "blt", "bge", "bltu", "bgeu")
    ref = Machine("interp")
    ref.load(prog)
    assert ref.run(max_steps=10_000_000).exited
    check(prog, max_steps=ref.state.instret + 10)


OVER_LOOP = """
_start:
    li s1, 60
    li a0, 0x1234
    li a1, 0x5a5a
loop:
    andi a2, s1, 3
skip_branch:
    beqz a2, after              # taken one time in four
skipped:
    xor a0, a0, a1
after:
    slli a0, a0, 1
    addi s1, s1, -1
    bnez s1, loop
    bnez s3, done
    li s3, 1                    # once more, from the skipped instruction
    li s1, 1
    la t0, skipped
    jr t0
done:
    ret
"""


@pytest.mark.parametrize("where", ["skip_branch", "skipped", "after"])
def test_branch_over_breakpoints(where):
    """A breakpoint set after the branch became OP_OVER_* (on it, on the instruction it skips,
    or where it lands) stops exactly where the interpreter stops, every time."""
    prog = assemble(OVER_LOOP)
    stops = {}
    for backend in ("interp", "cython"):
        m = Machine(backend)
        m.load(prog)
        m.run(max_steps=30)                         # decoded, and the branch fused
        if backend == "cython":
            assert m.backend.core.op_name(m.symbol("skip_branch")) == "(branch over)+xor"
        m.add_breakpoint(m.symbol(where))
        seen = []
        for _ in range(25):
            s = m.run(max_steps=10_000)
            seen.append((s.kind, s.pc, m.state.instret, list(m.state.x)))
            if s.kind is not StopKind.BREAKPOINT:
                break
        m.remove_breakpoint(m.symbol(where))
        s = m.run(max_steps=100_000)
        seen.append((s.kind, s.pc, m.state.instret, list(m.state.x)))
        stops[backend] = seen
    assert stops["cython"] == stops["interp"]
    assert len(stops["interp"]) > 3


def test_branch_over_skipped_instruction_rewritten_and_jumped_into():
    """A store replaces the skipped instruction halfway through the loop (the branch must run
    the new one), and the program ends by jumping into the skipped instruction."""
    prog = assemble(OVER_LOOP.replace("    bnez s3, done", """\
    la t0, skipped
    lw t1, newinsn
    sw t1, 0(t0)                # xor -> add, under the branch that skips it
    li s1, 40
    li t2, 20
patch_loop:
    andi a2, s1, 1
    beqz a2, 2f
patched:
    add a0, a0, a1
2:  addi s1, s1, -1
    bne s1, t2, 3f
    la t0, patched
    lw t1, newinsn2
    sw t1, 0(t0)                # add -> sub, in the middle of this loop
3:  bnez s1, patch_loop
    bnez s3, done""") + "newinsn: add a0, a0, a1\nnewinsn2: sub a0, a0, a1\n")
    check(prog)
