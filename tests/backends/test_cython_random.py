"""Random instruction streams generated from the table (tests/strategies.py), on the `cython`
backend against the reference: in lockstep with random chunk schedules, and switching
backends at a random point of the stream."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import random_program
from vmlab import Machine
from vmlab.backends import available
from vmlab.backends.cython import CythonBackend
from vmlab.lockstep import compare_machines, lockstep

pytestmark = pytest.mark.skipif("cython" not in available(),
                                reason=str(CythonBackend.unavailable_reason()))

RAM = 1 << 15


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1),
       chunks=st.lists(st.integers(1, 400), min_size=1, max_size=4))
def test_random_streams_in_random_chunks(seed, chunks):
    d = lockstep(random_program(seed, n=60), "cython", max_steps=1000, chunks=chunks, ram_size=RAM)
    assert d is None, f"seed {seed}, chunks {chunks}:\n{d.report()}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), k=st.integers(0, 300),
       order=st.sampled_from([("cython", "interp"), ("interp", "cython")]))
def test_switching_backends_mid_stream(seed, k, order):
    prog = random_program(seed, n=60)
    ref, m = Machine("interp", ram_size=RAM), Machine(order[0], ram_size=RAM)
    ref.load(prog)
    m.load(prog)
    for budget in (k, 1000 - k):                  # the same two runs, switching in between
        want, got = ref.run(max_steps=budget), m.run(max_steps=budget)
        assert (got.kind, got.pc, got.code, got.cause) == (want.kind, want.pc, want.code, want.cause)
        assert compare_machines(ref, m) == []
        m.backend = order[1]
