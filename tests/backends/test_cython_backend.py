"""The `cython` backend's protocol: availability, breakpoints, pause without the GIL, watchpoints,
timeouts, its decoded-instruction cache and detaching from the bus."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from vmlab import Machine, assemble
from vmlab.backends import available
from vmlab.backends.cython import CythonBackend
from vmlab.stops import StopKind

ROOT = Path(__file__).resolve().parents[2]
needs_core = pytest.mark.skipif("cython" not in available(),
                                reason=str(CythonBackend.unavailable_reason()))

LOOP = """
_start:
    li a0, 0
    li a1, 0
loop:
    addi a0, a0, 1
    addi a1, a1, 3
    j loop
"""
COUNT = """
_start:
    li a0, 0
    li t0, 1000
loop:
    addi a0, a0, 1
    la t1, data
    sw a0, 4(t1)
    bne a0, t0, loop
    li a0, 0
    ret
    .data
    .align 6
data: .word 0, 0, 0
"""


def machine(src: str, backend: str = "cython", **kw) -> Machine:
    m = Machine(backend, **kw)
    m.load(assemble(src))
    return m


def test_missing_extension_is_reported_not_raised():
    """Without vmlab._core: import works, available() omits cython, Machine says how to build."""
    code = ("import sys; sys.modules['vmlab._core'] = None\n"
            "import vmlab\n"
            "from vmlab.backends import available\n"
            "from vmlab.backends.cython import CythonBackend\n"
            "assert 'cython' not in available(), available()\n"
            "assert 'interp' in available()\n"
            "print(CythonBackend.unavailable_reason())\n"
            "try:\n"
            "    vmlab.Machine(backend='cython')\n"
            "except vmlab.BackendUnavailable as e:\n"
            "    print('raised:', e)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "vmlab._core is not built" in out.stdout and "pip install -e ." in out.stdout
    assert "raised: backend 'cython' is not available" in out.stdout


@needs_core
def test_available_and_runs():
    assert CythonBackend.unavailable_reason() is None
    m = machine(COUNT)
    stop = m.run()
    assert stop.exited and stop.code == 0 and m.read_u32(m.symbol("data") + 4) == 1000
    assert m.backend.name == "cython"


@needs_core
@pytest.mark.parametrize("k", [0, 1, 2, 3, 4, 5, 17, 4096, 4097, 20_001])
def test_step_budget_is_exact(k):
    m, r = machine(COUNT), machine(COUNT, "interp")
    sm, sr = m.run(max_steps=k), r.run(max_steps=k)
    assert (sm.kind, sm.pc, m.state.instret, list(m.state.x)) == (sr.kind, sr.pc, r.state.instret, list(r.state.x))


@needs_core
def test_breakpoints_stop_before_and_step_over():
    m = machine(COUNT)
    m.run(max_steps=50)                       # the loop is decoded and cached
    bp = m.symbol("loop") + 8                 # the sw, in the middle of a cached run
    m.add_breakpoint(bp)
    for i in range(3):
        stop = m.run()
        assert stop.kind is StopKind.BREAKPOINT and stop.pc == bp == m.pc
        assert m.backend.cached(bp)[0] == "(breakpoint)"
    a0 = m.regs.a0
    assert m.read_u32(m.symbol("data") + 4) == a0 - 1      # the sw has not run yet
    r = machine(COUNT, "interp")
    r.run(max_steps=50)
    r.add_breakpoint(bp)
    for i in range(3):
        r.run()
    assert (r.state.instret, r.regs.a0) == (m.state.instret, a0)
    m.remove_breakpoint(bp)
    assert m.run().exited


@needs_core
def test_breakpoint_set_directly_in_the_set_is_seen_at_the_next_run():
    m = machine(COUNT)
    m.run(max_steps=50)
    m.breakpoints.add(m.symbol("loop"))       # without add_breakpoint(): synced when run starts
    assert m.run().kind is StopKind.BREAKPOINT


@needs_core
def test_pause_from_another_thread_reaches_the_loop_without_the_gil():
    m = machine(LOOP)
    m.run(max_steps=10)
    core = m.backend.core
    core.clear_pause()
    t = threading.Timer(0.2, m.backend.request_pause)
    t.start()
    t0 = time.perf_counter()
    status = core.execute(m.state, 10**12)    # one call, no slices: only the C flag stops it
    t.join()
    assert status == sys.modules["vmlab._core"].PAUSED
    assert 0 < core.done < 10**12 and time.perf_counter() - t0 < 60
    assert m.state.instret == 10 + core.done
    same_as_reference(m, LOOP)


def same_as_reference(m: Machine, src: str) -> None:
    """LOOP after n instructions, worked out by hand (the interpreter would take too long)."""
    assert src is LOOP
    k = m.state.instret - 2
    assert (m.regs.a0, m.regs.a1, m.pc) == ((k + 2) // 3, 3 * ((k + 1) // 3), m.symbol("loop") + 4 * (k % 3))


@needs_core
def test_machine_pause_and_timeout():
    m = machine(LOOP)
    threading.Timer(0.2, m.pause).start()
    stop = m.run()
    assert stop.kind is StopKind.PAUSED
    stop = m.run(timeout=0.1)
    assert stop.kind is StopKind.PAUSED and "timeout" in stop.message
    same_as_reference(m, LOOP)


@needs_core
@pytest.mark.parametrize("kind", ["write", "read"])
def test_watchpoints_stop_like_the_reference(kind):
    stops = []
    for backend in ("interp", "cython"):
        m = machine(COUNT, backend)
        src = COUNT
        if kind == "read":
            m.load(assemble(src.replace("sw a0, 4(t1)", "sw a0, 4(t1)\n    lw t2, 4(t1)")))
        wid = m.add_watchpoint(m.symbol("data") + 4, 4, write=(kind == "write"), read=(kind == "read"))
        got = [m.run() for _ in range(3)]
        stops.append([(s.kind, s.pc, s.addr, m.state.instret) for s in got][-1:] +
                     [(s.kind, s.pc) for s in got])
        m.remove_watchpoint(wid)
        assert m.run().exited
    assert stops[0] == stops[1]
    assert stops[1][1][0] is StopKind.WATCHPOINT


@needs_core
def test_cache_holds_decoded_runs_and_is_dropped():
    m = machine(COUNT)
    m.run(max_steps=10)
    loop = m.symbol("loop")
    assert m.backend.cached(loop)[:3] == ("addi", 10, 10)
    assert m.backend.cached(loop + 16)[0] == "bne"
    assert m.backend.stats["decoded instructions"] > 0
    m.backend.invalidate_all()
    assert m.backend.cached(loop) is None
    m.run(max_steps=10)
    assert m.backend.cached(loop) is not None
    m.reset()
    assert m.backend.cached(loop) is None


@needs_core
def test_detach_unsubscribes_from_the_bus():
    m = machine(COUNT)
    b = m.backend
    assert b.invalidate in m.bus.code_listeners
    m.backend = "interp"
    assert b.invalidate not in m.bus.code_listeners
    m.backend = "cython"
    assert m.backend.invalidate in m.bus.code_listeners
    assert m.run().exited


@needs_core
def test_predicates_and_history_still_work():
    m = machine(COUNT, history=10)
    m.add_breakpoint(lambda mm: mm.regs.a0 == 5)
    stop = m.run()
    assert stop.kind is StopKind.BREAKPOINT and m.regs.a0 == 5
    assert m.step_back(2) == 2
