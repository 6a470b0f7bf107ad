"""The official RISC-V ISA tests (riscv-tests, `p` environment), when a built copy is given.

Set VMLAB_RISCV_TESTS to a directory holding rv32ui-p-*, rv32um-p-* and rv32mi-p-* ELF files
(built from riscv-software-src/riscv-tests). Each must report pass through tohost on every
backend. The suite is not shipped with vmlab, so without the variable these tests skip.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from vmlab import Machine

SUITE = os.environ.get("VMLAB_RISCV_TESTS")


def _elfs():
    if not SUITE:
        return []
    d = Path(SUITE)
    return sorted(p for p in d.iterdir() if p.name.startswith(("rv32ui-p-", "rv32um-p-", "rv32mi-p-"))
                  and p.suffix in ("", ".elf"))


@pytest.mark.skipif(not SUITE, reason="set VMLAB_RISCV_TESTS to a directory of built riscv-tests")
@pytest.mark.parametrize("elf", _elfs(), ids=lambda p: p.name)
def test_official(elf, backend):
    m = Machine(backend)
    m.load(str(elf))
    stop = m.run(max_steps=5_000_000)
    assert stop.exited and stop.code == 0, f"{elf.name}: {stop}"


@pytest.mark.skipif(not SUITE, reason="set VMLAB_RISCV_TESTS to a directory of built riscv-tests")
@pytest.mark.parametrize("elf", _elfs(), ids=lambda p: p.name)
def test_official_translated_at_once(elf):
    """The translator's default threshold leaves these short tests mostly interpreted:
    threshold 0 makes it translate every block it meets."""
    m = Machine("translate")
    m.load(str(elf))
    m.backend.threshold = 0
    stop = m.run(max_steps=5_000_000)
    assert stop.exited and stop.code == 0, f"{elf.name}: {stop}"
