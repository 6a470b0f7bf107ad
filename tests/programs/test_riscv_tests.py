"""The official RISC-V ISA tests (riscv-tests, `p` environment), when a built copy is given.

Set VMLAB_RISCV_TESTS to a directory holding rv32ui-p-*, rv32um-p-* and rv32mi-p-* ELF files
(built from riscv-software-src/riscv-tests; tests/programs/build_riscv_tests.py builds them
from a checkout with the ziglang package's compiler). Each must report pass through tohost on
every backend. The suite is not shipped with vmlab, so without the variable these tests skip.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vmlab import Machine
from vmlab.backends import available

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


# A stand-in for a riscv-tests checkout, written for this test: the same layout and macro
# names as the real suite, just enough of them for one test (a `.weak` handler that the test
# makes `.global`, as several rv32mi tests do; HTIF tohost; (n << 1) | 1 for a failed test n).
_STANDIN = {
    "env/encoding.h": "#define CSR_MSCRATCH 0x340\n",
    "env/p/riscv_test.h": """\
#include "../encoding.h"
#define TESTNUM gp
#define RVTEST_RV32U .macro init; .endm
#define RVTEST_CODE_BEGIN .section .text.init; .align 6; .weak mtvec_handler; \\
    .globl _start; _start: init;
#define RVTEST_CODE_END unimp
#define RVTEST_PASS fence; li TESTNUM, 1; la t0, tohost; sw TESTNUM, 0(t0); 1: j 1b;
#define RVTEST_FAIL fence; slli TESTNUM, TESTNUM, 1; ori TESTNUM, TESTNUM, 1; \\
    la t0, tohost; sw TESTNUM, 0(t0); 1: j 1b;
#define RVTEST_DATA_BEGIN .pushsection .tohost, "aw", @progbits; .align 6; .global tohost; \\
    tohost: .word 0, 0; .align 6; .global fromhost; fromhost: .word 0, 0; .popsection;
#define RVTEST_DATA_END
""",
    "env/p/link.ld": """\
OUTPUT_ARCH("riscv")
ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text.init : { *(.text.init) }
  . = ALIGN(0x1000);
  .tohost : { *(.tohost) }
  .text : { *(.text) }
  .data : { *(.data) }
  .bss : { *(.bss) }
}
""",
    "isa/macros/scalar/test_macros.h": """\
#define TEST_CASE(testnum, testreg, correctval, code...) \\
    test_ ## testnum: li TESTNUM, testnum; code; li x7, correctval; bne testreg, x7, fail;
#define TEST_PASSFAIL bne x0, TESTNUM, pass; fail: RVTEST_FAIL; pass: RVTEST_PASS
""",
}
_STANDIN_TEST = """\
#include "riscv_test.h"
#include "test_macros.h"
RVTEST_RV32U
RVTEST_CODE_BEGIN
  TEST_CASE(2, a0, 5, li a1, 2; addi a0, a1, 3)
  TEST_CASE(3, a0, {expected}, csrw mscratch, a0; csrr a0, mscratch; addi a0, a0, 1)
  TEST_PASSFAIL
  .global mtvec_handler
mtvec_handler:
  j fail
RVTEST_CODE_END
  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
"""


def test_the_builder_makes_tests_that_pass_and_fail_as_written(tmp_path):
    """tests/programs/build_riscv_tests.py, on a stand-in checkout: a right test passes on every
    backend, one with a wrong expected value fails with its test number, a missing checkout is
    a clear error (exit 2)."""
    src = tmp_path / "riscv-tests"
    for rel, text in _STANDIN.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    (src / "isa/rv32mi").mkdir(parents=True)
    (src / "isa/rv32mi/good.S").write_text(_STANDIN_TEST.format(expected=6))
    (src / "isa/rv32mi/bad.S").write_text(_STANDIN_TEST.format(expected=7))
    script = Path(__file__).with_name("build_riscv_tests.py")
    out = tmp_path / "build"
    r = subprocess.run([sys.executable, str(script), str(src), str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "built 2 tests" in r.stdout
    assert sorted(p.name for p in out.iterdir()) == ["rv32mi-p-bad", "rv32mi-p-good"]
    for backend in available():
        results = {}
        for name in ("good", "bad"):
            m = Machine(backend)
            m.load(str(out / f"rv32mi-p-{name}"))
            stop = m.run(max_steps=10_000)
            assert stop.exited, (backend, name, stop)
            results[name] = stop.code
        assert results == {"good": 0, "bad": 3}, backend

    r = subprocess.run([sys.executable, str(script), str(tmp_path / "nowhere"), str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "not a riscv-tests checkout" in r.stderr and "env/p/riscv_test.h" in r.stderr
