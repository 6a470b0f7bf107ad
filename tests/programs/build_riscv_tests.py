"""Build the official RISC-V ISA tests (rv32ui, rv32um, rv32mi; `p` environment) with the C
compiler of the ziglang package (a test dependency): no RISC-V GCC needed.

    git clone --recursive https://github.com/riscv-software-src/riscv-tests
    python tests/programs/build_riscv_tests.py riscv-tests /tmp/riscv-tests-build
    VMLAB_RISCV_TESTS=/tmp/riscv-tests-build python -m pytest tests/programs/test_riscv_tests.py

Each test is preprocessed, then assembled and linked with the suite's own ``env/p/link.ld``.
One difference from GNU as: LLVM's assembler rejects a symbol that ``riscv_test.h`` declares
``.weak`` and a test then declares ``.global`` (``mtvec_handler``, ``stvec_handler``), so that
``.global`` line is dropped between the two steps (the symbol is defined in the same file
either way). Exit status: 0 if every test built, 1 if some did not (each is named), 2 if the
checkout is not where it is said to be or the ziglang package is missing.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from vmlab.toolchain import CompileError, _zig

SUITES = ("rv32ui", "rv32um", "rv32mi")
FLAGS = ["-target", "riscv32-freestanding", "-mcpu=generic_rv32+m+zicsr+zifencei", "-mabi=ilp32",
         "-mno-relax", "-fno-pic"]
HANDLER_GLOBAL = re.compile(r"^\s*\.glob(?:a)?l\s+(?:mtvec_handler|stvec_handler)\s*$", re.M)
NEEDED = ("env/p/riscv_test.h", "env/p/link.ld", "env/encoding.h", "isa/macros/scalar/test_macros.h")


def build_one(zig: list[str], src: Path, root: Path, out: Path, work: Path) -> str | None:
    """Build one test; None, or what went wrong (the compiler's first lines)."""
    pp = work / f"{out.name}.s"
    inc = [f"-I{root / 'env/p'}", f"-I{root / 'env'}", f"-I{root / 'isa/macros/scalar'}"]
    r = subprocess.run([*zig, "cc", *FLAGS, "-E", "-x", "assembler-with-cpp", *inc, str(src), "-o", str(pp)],
                       capture_output=True, text=True)
    if r.returncode:
        return (r.stderr or r.stdout).strip()
    pp.write_text(HANDLER_GLOBAL.sub("", pp.read_text()))
    r = subprocess.run([*zig, "cc", *FLAGS, "-static", "-nostdlib", "-x", "assembler", str(pp),
                        "-T", str(root / "env/p/link.ld"), "-o", str(out)], capture_output=True, text=True)
    if r.returncode:
        return (r.stderr or r.stdout).strip()
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkout", type=Path, help="a riscv-tests checkout, with its env submodule")
    ap.add_argument("out", type=Path, help="where the ELF files go (rv32ui-p-add, ...)")
    ap.add_argument("--suites", default=",".join(SUITES), help=f"comma-separated (default {','.join(SUITES)})")
    args = ap.parse_args(argv)
    root = args.checkout
    missing = [p for p in NEEDED if not (root / p).is_file()]
    if missing:
        print(f"build_riscv_tests: {root} is not a riscv-tests checkout with its env submodule: "
              f"missing {', '.join(missing)} (git clone --recursive, or git submodule update --init)",
              file=sys.stderr)
        return 2
    try:
        zig = _zig()                   # the ziglang package's zig, run directly
    except CompileError as e:
        print(f"build_riscv_tests: {e}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    built, failed = 0, []
    with tempfile.TemporaryDirectory() as work:
        for suite in args.suites.split(","):
            for src in sorted((root / "isa" / suite).glob("*.S")):
                out = args.out / f"{suite}-p-{src.stem}"
                why = build_one(zig, src, root, out, Path(work))
                if why is None:
                    built += 1
                else:
                    failed.append(out.name)
                    print(f"{out.name}: not built:\n  " + "\n  ".join(why.splitlines()[:5]), file=sys.stderr)
    print(f"built {built} tests in {args.out}" + (f"; {len(failed)} failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed or not built else 0


if __name__ == "__main__":
    sys.exit(main())
