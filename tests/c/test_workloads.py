"""The C benchmark workloads: right on the host (gcc) and the guest, sized for `vmlab bench`,
and identical on every backend, in lockstep with the reference interpreter."""
from __future__ import annotations

import pytest

from vmlab.backends import available
from vmlab.lockstep import lockstep
from vmlab.workloads import WORKLOADS

from .support import WORKLOADS as WORKLOAD_DIR, guest, host

C_WORKLOADS = [w for w in WORKLOADS if w.file.endswith(".c")]
OTHERS = [b for b in available() if b != "interp"]


def test_there_are_c_workloads():
    assert {w.name for w in C_WORKLOADS} >= {"coremix", "fft", "hashtab"}
    assert {p.name for p in WORKLOAD_DIR.glob("*.c")} == {w.file for w in C_WORKLOADS}


@pytest.fixture(scope="module", params=C_WORKLOADS, ids=lambda w: w.name)
def workload(request):
    return request.param, request.param.program()


def test_host_build_agrees(workload, tmp_path):
    """The expected checksum in the file is what the host's gcc build computes, and the guest
    prints exactly what the host prints."""
    w, prog = workload
    r = host(w.path, tmp_path)
    assert r.returncode == 0, f"{w.file} fails on the host:\n{r.stdout}{r.stderr}"
    stop, out, m = guest(prog)
    assert stop.exited and stop.code == 0, f"{stop}\n{out}"
    assert out == r.stdout
    assert 1_000_000 <= m.instret <= 3_000_000, f"{w.name}: {m.instret:,} instructions"


@pytest.mark.skipif(not OTHERS, reason="no backend other than interp is available here")
@pytest.mark.parametrize("backend", OTHERS)
def test_lockstep_with_interp(workload, backend):
    w, prog = workload
    d = lockstep(prog, backend, chunks=[1, 1000, 50_000], max_steps=3_000_000, ram_size=4 << 20)
    assert d is None, d.report()
