"""The Machine API: loading, registers, memory, breakpoints, watchpoints, snapshots, history,
backend switching, pausing, stops as values."""
from __future__ import annotations

import threading
import time

import pytest

from helpers import run_asm
from vmlab import Machine, StopKind, assemble
from vmlab.bus import HOOK, Bus
from vmlab.errors import BackendUnavailable, LoadError
from vmlab.program import Program, Segment

COUNT = """
        .globl main
main:   li   t0, 0
        li   t1, 100
loop:   addi t0, t0, 1
        bne  t0, t1, loop
        mv   a0, t0
        ret
"""


def test_load_text_and_run_exit_code(backend):
    m, stop = run_asm(COUNT, backend)
    assert stop.kind is StopKind.EXITED and stop.code == 100
    assert m.regs.a0 == 100 and m.regs["t0"] == 100 and m.regs[5] == 100
    assert m.state.instret == 2 + 200 + 2


def test_registers_view_and_x0():
    m = Machine()
    m.load(COUNT)
    m.regs.a1 = -1
    assert m.regs.a1 == 0xFFFFFFFF and m.regs.signed("a1") == -1
    m.regs[0] = 5
    assert m.regs.zero == 0
    with pytest.raises(KeyError, match="no register named 'q9'"):
        m.regs["q9"]
    with pytest.raises(IndexError):
        m.regs[32]
    assert "a0=" in repr(m.regs)


def test_process_mode_start_state():
    m = Machine()
    m.load(COUNT)
    assert m.mode == "process" and m.priv == "U"
    assert m.pc == m.symbol("main")
    assert m.regs.sp == 0x8000_0000 + (16 << 20)


def test_memory_helpers():
    m = Machine()
    m.load(".data\nv: .word 0x11223344\ns: .asciz \"hi there\"\n.text\nmain: ret")
    v = m.symbol("v")
    assert m.read_u32(v) == 0x11223344 and m.read_u16(v) == 0x3344 and m.read_u8("v") == 0x44
    assert m.read_cstring("s") == "hi there"
    m.write_u32(v, 0xCAFEBABE)
    assert m.read(v, 4) == bytes.fromhex("bebafeca")
    assert m.read_i32(v) == 0xCAFEBABE - (1 << 32)
    with pytest.raises(IndexError, match="outside RAM"):
        m.read_u32(0x1000)
    with pytest.raises(KeyError, match="did you mean 'v'"):
        m.symbol("vv")


def test_step_and_step_limit(backend):
    m = Machine(backend)
    m.load(COUNT)
    s = m.step(3)
    assert s.kind is StopKind.STEP_LIMIT and m.state.instret == 3
    assert m.regs.t0 == 1 and m.pc == m.symbol("loop") + 4
    assert m.run().code == 100


def test_breakpoints_address_symbol_predicate(backend):
    m = Machine(backend)
    m.load(COUNT)
    m.add_breakpoint("loop")
    s = m.run()
    assert s.kind is StopKind.BREAKPOINT and s.pc == m.symbol("loop") and m.regs.t0 == 0
    s = m.run()                                   # continues over the breakpoint, stops next time
    assert s.kind is StopKind.BREAKPOINT and m.regs.t0 == 1
    m.remove_breakpoint("loop")
    m.add_breakpoint(lambda mm: mm.regs.t0 == 50)
    s = m.run()
    assert s.kind is StopKind.BREAKPOINT and m.regs.t0 == 50
    m.clear_breakpoints()
    assert m.run().code == 100


def test_toggle_breakpoint():
    m = Machine()
    m.load(COUNT)
    assert m.toggle_breakpoint("loop") is True
    assert m.symbol("loop") in m.breakpoints
    assert m.toggle_breakpoint("loop") is False
    assert not m.breakpoints
    with pytest.raises(ValueError, match="aligned"):
        m.add_breakpoint(m.symbol("loop") + 2)


def test_watchpoint_write_and_read(backend):
    src = """
        .data
v:      .word 0
        .text
main:   la   t0, v
        li   t1, 7
        lw   t2, 0(t0)
        sw   t1, 0(t0)
        addi t1, t1, 1
        li   a0, 0
        ret
"""
    m = Machine(backend)
    m.load(src)
    wid = m.add_watchpoint("v")
    s = m.run()
    assert s.kind is StopKind.WATCHPOINT
    assert m.read_u32("v") == 7                      # stops after the store completed
    assert s.extra["value"] == 7 and "write" in s.message
    m.remove_watchpoint(wid)
    assert m.run().exited
    m.reset()
    m.add_watchpoint("v", read=True, write=False)
    s = m.run()
    assert s.kind is StopKind.WATCHPOINT and "read" in s.message and m.regs.t2 == 0


FIRST_WORD = """
        .text
first:  .word 0x11111111          # the first word of RAM (offset 0 from its base): data,
        .space 60                 # and nothing else in its 64-byte line
_start: li   t0, 0x80000000
        li   a1, 7
        sw   a1, 0(t0)
        lw   a2, 0(t0)
        li   a0, 0
        li   a7, 93
        ecall
"""


def test_watchpoint_on_the_first_word_of_ram(backend):
    """Offset 0 passes any AND mask: forcing accesses through the bus must not miss it."""
    m = Machine(backend)
    m.load(FIRST_WORD)
    m.add_watchpoint(0x80000000, read=True, write=False)
    s = m.run(max_steps=100)
    assert s.kind is StopKind.WATCHPOINT and "read" in s.message and s.addr == 0x80000000
    assert m.regs.a2 == 7


def test_step_back_undoes_a_store_to_the_first_word_of_ram():
    m = Machine(history=100)
    m.load(FIRST_WORD)
    m.step(3)                                  # lui, li, sw
    assert m.read_u32(0x80000000) == 7
    assert m.step_back(1) == 1
    assert m.read_u32(0x80000000) == 0x11111111


def test_stack_at_the_top_of_the_address_space(backend):
    """RAM that ends at 2**32: sp starts at 0 (a 32-bit register cannot hold 2**32) and the
    first push wraps to the top of RAM."""
    src = """
_start: addi sp, sp, -16
        li   t0, 42
        sw   t0, 12(sp)
        lw   a0, 12(sp)
        addi sp, sp, 16
        li   a7, 93
        ecall
"""
    m = Machine(backend, ram_base=0xFF000000, ram_size=16 << 20)
    m.load(assemble(src, base=0xFF000000))
    assert m.regs.sp == 0
    s = m.run(max_steps=100)
    assert s.exited and s.code == 42 and m.regs.sp == 0
    assert m.read_u32(0xFFFFFFFC) == 42
    # returning from the entry function exits there too (its return address is outside RAM)
    m.load(assemble(src.replace("li   a7, 93\n        ecall", "ret"), base=0xFF000000))
    s = m.run(max_steps=100)
    assert s.exited and s.code == 42, s


def test_running_off_the_top_of_the_address_space(backend):
    """Straight-line code in RAM's last words, RAM ending at 2**32: the pc wraps to 0, outside
    RAM, and the fetch there is an access fault, on every backend (not an overflow)."""
    for start in (0xFFFFFFF0, 0xFFFFFF00):
        m = Machine(backend, ram_base=0xFF000000, ram_size=16 << 20)
        m.load(assemble("_start: j _start", base=0xFF000000))
        for a in range(start, 1 << 32, 4):
            m.write(a, (0x00128293).to_bytes(4, "little"))          # addi t0, t0, 1
        m.state.pc = start
        s = m.run(max_steps=1000)
        assert s.kind is StopKind.TRAP and "instruction access fault" in str(s)
        assert m.state.pc == 0 and m.regs.t0 == ((1 << 32) - start) // 4


def test_snapshot_restore(backend):
    m = Machine(backend)
    m.load(COUNT)
    m.step(10)
    snap = m.snapshot()
    regs = list(m.state.x)
    m.run()
    m.restore(snap)
    assert list(m.state.x) == regs and m.state.instret == 10
    assert m.run().code == 100


def test_step_back_across_syscalls_and_memory():
    src = """
        .data
v:      .word 1
        .text
main:   la   t0, v
        li   t1, 42
        sw   t1, 0(t0)
        li   a0, 65
        li   a7, 11
        ecall
        li   a0, 0
        ret
"""
    m = Machine(history=100)
    m.load(src)
    m.step(7)                                  # la is two instructions; through the PrintChar ecall
    assert m.console.output == "A" and m.read_u32("v") == 42
    assert m.step_back(3) == 3                 # undo ecall, li a7, li a0
    assert m.console.output == "" and m.read_u32("v") == 42
    assert m.step_back(1) == 1                 # undo the store
    assert m.read_u32("v") == 1
    m.step(4)
    assert m.console.output == "A"
    assert m.run().exited


def test_step_back_across_a_trap():
    src = """
_start: la   t0, handler
        csrw mtvec, t0
        li   a0, 1
        ecall
        li   a0, 3
        j    done
handler:
        li   a0, 2
        csrr t1, mepc
        addi t1, t1, 4
        csrw mepc, t1
        mret
done:   la   t0, tohost
        li   t1, 1
        sw   t1, 0(t0)
1:      j 1b
        .data
tohost: .word 0
"""
    m = Machine(history=1000)
    m.load(src)
    assert m.mode == "system"
    m.step(5)                                  # la (2 instructions), csrw, li, ecall -> handler
    assert m.pc == m.symbol("handler") and m.csrs["mcause"] == 11
    m.step_back(1)
    assert m.pc == m.symbol("_start") + 16 and m.priv == "M" and m.csrs["mcause"] == 0
    s = m.run()
    assert s.exited and s.code == 0 and m.regs.a0 == 3


def test_switch_backend_mid_run(other_backend):
    m = Machine("interp")
    m.load(COUNT)
    m.step(50)
    m.backend = other_backend
    m.step(50)
    m.backend = "interp"
    assert m.run().code == 100


@pytest.mark.parametrize("lines", [(), (0,), (1,), (4095,), (4096,), (4097,), (8191, 3),
                                   (65535,), (0, 65535), (12345, 70000), (262143,)])
def test_flag_end_is_just_past_the_last_flagged_line(lines):
    bus = Bus(ram_size=16 << 20)                     # 262,144 lines of 64 bytes
    for line in lines:
        bus.flags[line] = HOOK
    bus.find_flag_end()
    assert bus.flag_end == (max(lines) + 1 if lines else 0) * 64


def test_unknown_backend():
    with pytest.raises(BackendUnavailable, match="unknown backend 'nope'"):
        Machine("nope")


def test_pause_from_another_thread(backend):
    m = Machine(backend)
    m.load("main: j main")
    threading.Timer(0.3, m.pause).start()
    t = time.perf_counter()
    s = m.run()
    assert s.kind is StopKind.PAUSED and time.perf_counter() - t < 5


def test_ctrl_c_pauses_a_run_and_the_previous_handler_comes_back(backend):
    import os
    import signal
    before = signal.getsignal(signal.SIGINT)
    m = Machine(backend)
    m.load("main: j main")
    threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    s = m.run(timeout=20)
    assert s.kind is StopKind.PAUSED and s.message != "timeout"
    assert signal.getsignal(signal.SIGINT) is before


def test_timeout_stops_infinite_loop(backend):
    m = Machine(backend)
    m.load("main: j main")
    s = m.run(timeout=0.2)
    assert s.kind is StopKind.PAUSED and s.message == "timeout"


def test_stats():
    m = Machine()
    m.load(COUNT)
    m.run()
    assert m.stats.instructions == 204 and m.stats.seconds > 0 and m.stats.mips > 0
    assert "instructions" in str(m.stats)


def test_reset_reloads():
    m = Machine()
    m.load(".data\nv: .word 5\n.text\nmain: la t0, v\nsw zero, 0(t0)\nret")
    m.run()
    assert m.read_u32("v") == 0
    m.reset()
    assert m.read_u32("v") == 5 and m.state.instret == 0


FILL = """
        .globl main
main:   li   t0, 0x80000100            # past this code
        li   t1, 0x80fff000            # below the stack
        li   t2, -1
fill:   sw   t2, 0(t0)                 # one word in every 64 bytes of RAM
        addi t0, t0, 64
        bltu t0, t1, fill
        ret
"""


@pytest.mark.parametrize("ram_size", [16 << 20, 3 * 4096])
def test_load_gives_zeroed_ram_again(backend, ram_size):
    """load() zeroes RAM in place: the accessors keep working on the same bytearray, and no
    byte of the old contents is left, at the ends either."""
    m = Machine(backend, ram_size=ram_size)
    ram = m.bus.ram
    m.load(FILL if ram_size > 4096 * 3 else COUNT)
    m.run()
    ram[0] = ram[-1] = ram[len(ram) // 2] = 0xAA
    assert ram.count(0) < len(ram)
    m.load(COUNT)
    assert m.bus.ram is ram
    image = bytes(m.program.segments[0].data)
    assert ram[:len(image)] == image and ram.count(0) == len(ram) - len(image.replace(b"\0", b""))
    assert m.run().code == 100


def test_repr_and_html():
    m = Machine()
    m.load(COUNT)
    assert "next: li t0, 0" in repr(m)
    m.run()
    assert "exited with code 100" in m._repr_html_()


def test_load_errors(tmp_path):
    m = Machine()
    with pytest.raises(LoadError, match="no such file"):
        m.load(str(tmp_path / "missing.s"))
    with pytest.raises(LoadError, match="outside RAM"):
        m.load(assemble(".text\nmain: ret", base=0x1000))
    big = Program([Segment(".text", 0x8000_0000, bytes(4)), Segment(".data", 0x8100_0000, bytes(1 << 20))],
                  entry=0x8000_0000, name="big")
    with pytest.raises(LoadError, match=r"\[0x80000000, 0x81000000\); it needs at least 17 MiB of RAM at "
                                        r"0x80000000: Machine\(ram_size=17 << 20\), or vmlab run --ram-mib 17"):
        m.load(big)
    assert Machine(ram_size=17 << 20).load(big) is big


def test_run_without_program():
    with pytest.raises(Exception, match="no program loaded"):
        Machine().run()


def test_error_in_a_host_syscall_handler_is_not_chained_to_the_guest_trap(backend):
    """A handler a student adds may raise: the traceback shows their error, not "during
    handling of the above exception" after a vmlab Trap."""
    import traceback
    from vmlab.env.syscalls import SyscallEnv

    class Env(SyscallEnv):
        RARS = dict(SyscallEnv.RARS)

    def unfinished(self, a0, a1, a2):
        raise NotImplementedError("the student's handler")
    Env.RARS[4242] = unfinished
    m = Machine(backend)
    m.load(assemble(".globl _start\n_start:\n li a7, 4242\n ecall\n"))
    m.syscalls.__class__ = Env
    with pytest.raises(NotImplementedError) as info:
        m.run()
    text = "".join(traceback.format_exception(info.value))
    assert "During handling" not in text and "the student's handler" in text


RANDOM_PROGRAM = """
main:
    li a0, 1
    li a1, 42
    li a7, 40            # RandSeed(id 1, seed 42)
    ecall
    li a0, 1
    li a7, 41            # RandInt(id 1)
    ecall
    li a7, 1
    ecall
    li a0, 32
    li a7, 11
    ecall
    li s0, 5
1:  li a0, 1
    li a1, 10
    li a7, 42            # RandIntRange(id 1, 10)
    ecall
    li a7, 1
    ecall
    addi s0, s0, -1
    bnez s0, 1b
    li a0, 32
    li a7, 11
    ecall
    li a0, 7             # id 7, never seeded: seed 0, the same on every run and backend
    li a1, 1000
    li a7, 42
    ecall
    li a7, 1
    ecall
    li a7, 30            # Time: a0 low, a1 high
    ecall
    mv s1, a0
    mv s2, a1
    li a0, 60000
    li a7, 32            # Sleep 60 s: moves Time's clock, does not block
    ecall
    li a7, 30
    ecall
    sub a0, a0, s1       # at least 60,000 ms later (the high word does not change here)
    li t0, 60000
    sltu a0, a0, t0      # exit 0 when it is
    li a7, 93
    ecall
"""


def test_rars_random_and_time_syscalls(backend):
    """RandSeed/RandInt/RandIntRange are java.util.Random: new Random(42).nextInt() is
    -1170105035, and each call takes one step of the generator, so nextInt(10) goes on with
    the 2nd to 6th values of new Random(42)'s nextInt(10) sequence 0 3 8 4 0 5. Unseeded ids
    start from seed 0; Sleep advances the clock Time reads instead of blocking."""
    import time
    t = time.monotonic()
    m = Machine(backend)
    m.load(RANDOM_PROGRAM)
    stop = m.run()
    assert time.monotonic() - t < 30
    assert stop.exited and stop.code == 0, stop
    first, tens, unseeded = m.console.output.split(" ")
    assert first == "-1170105035" and tens == "38405"
    from vmlab.env.syscalls import JavaRandom
    assert unseeded == str(JavaRandom(0).next_int(1000))


def test_rars_random_state_is_restored_by_snapshots_and_step_back():
    """The generators are part of what a snapshot keeps and what step_back undoes: running
    the same steps again prints the same numbers."""
    m = Machine()
    m.load(RANDOM_PROGRAM)
    m.run(max_steps=9)                       # seeded, RandInt done
    snap = m.snapshot()
    m.run()
    first = m.console.output
    m.restore(snap)
    m.run()
    assert m.console.output == first
    m = Machine(history=100)
    m.load(RANDOM_PROGRAM)
    m.run(max_steps=20)                      # the first RandIntRange done
    out = m.console.output
    assert m.step_back(4) == 4               # back before it
    m.run(max_steps=4)
    assert m.console.output == out
