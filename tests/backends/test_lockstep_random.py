"""Every backend against the reference interpreter, in lockstep, on random instruction streams
generated from the instruction table (tests/strategies.py) and on the workloads.

500 streams per backend here; the cython backend's own file adds 2000 more per CI run."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from conftest import BACKENDS
from strategies import random_program
from vmlab.lockstep import lockstep
from vmlab.workloads import WORKLOADS

import pytest
from hypothesis import strategies as st

OTHERS = [b for b in BACKENDS if b != "interp"] or ["interp"]
SETTINGS = settings(max_examples=500, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("other_backend", OTHERS)
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_random_streams_every_instruction(other_backend, seed):
    prog = random_program(seed)
    d = lockstep(prog, other_backend, max_steps=600, ram_size=1 << 15)
    assert d is None, f"seed {seed}:\n{d.report()}"


@pytest.mark.parametrize("other_backend", OTHERS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), chunk=st.sampled_from([[7, 100, 3], [1000], [13, 1, 250]]))
def test_random_streams_in_chunks(other_backend, seed, chunk):
    d = lockstep(random_program(seed, n=80), other_backend, max_steps=2000, chunks=chunk, ram_size=1 << 15)
    assert d is None, f"seed {seed}, chunks {chunk}:\n{d.report()}"


@pytest.mark.parametrize("workload", [w.name for w in WORKLOADS])
def test_workloads_in_chunks(other_backend, workload):
    prog = next(w for w in WORKLOADS if w.name == workload).program()
    d = lockstep(prog, other_backend, max_steps=3_000_000, chunks=[1, 17, 1000, 50_000])
    assert d is None, d.report()


def test_harness_reports_a_divergence():
    """The harness itself can fail: a backend with a deliberately wrong add is caught."""
    from vmlab import backends
    from vmlab.backends.interp import InterpBackend

    class Broken(InterpBackend):
        name = "broken"

        def make_handler(self, pc, word, indexed=False):
            h, ins = super().make_handler(pc, word, indexed)
            if ins is not None and ins.name == "add":
                x = self.m.state.x
                rd = (word >> 7) & 31

                def bad():
                    npc = h()
                    if rd:
                        x[rd] = (x[rd] + 1) & 0xFFFFFFFF
                    return npc
                return bad, ins
            return h, ins

    import sys
    import types
    mod = types.ModuleType("broken_backend_for_test")
    mod.Broken = Broken
    sys.modules[mod.__name__] = mod
    backends.register("broken", mod.__name__, "Broken")
    try:
        d = lockstep("main: li a0, 1\nli a1, 2\nadd a2, a0, a1\nret", "broken")
    finally:
        del backends.REGISTRY["broken"]
    assert d is not None and d.step == 3
    assert "x12 (a2): reference 0x00000003, broken 0x00000004" in d.report()
    assert "add a2, a0, a1" in d.report()
