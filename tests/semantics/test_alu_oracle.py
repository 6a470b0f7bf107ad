"""Every computational instruction of the table against the host C compiler's arithmetic.

For each register-register and register-immediate instruction, one guest program applies it
to every pair of boundary values and stores the results; a C program, compiled by the host's
gcc with explicit int32_t/uint32_t/int64_t types and the RISC-V rules for division by zero
and overflow written out from the specification, computes the same table. The two must agree
bit for bit on every backend. The oracle shares no code with the instruction table.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from vmlab import Machine, assemble
from vmlab.isa import ISA

VALUES = [0, 1, 2, 31, 32, 0x7FF, 0x800, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF,
          0xFFFFFFFE, 0x12345678, 0xDEADBEEF, 0x0000FFFF, 0xFFFF0000, 33, 0x55555555]
IMMS = [0, 1, -1, 2047, -2048, 31, 5, -7, 0x555, -0x556]
SHAMTS = [0, 1, 7, 15, 16, 31]

C_EXPR = {
    "add": "a + b", "sub": "a - b", "sll": "a << (b & 31)", "srl": "a >> (b & 31)",
    "sra": "(uint32_t)((int32_t)a >> (b & 31))", "slt": "(int32_t)a < (int32_t)b", "sltu": "a < b",
    "xor": "a ^ b", "or": "a | b", "and": "a & b",
    "mul": "(uint32_t)((uint64_t)a * b)",
    "mulh": "(uint32_t)(((int64_t)(int32_t)a * (int64_t)(int32_t)b) >> 32)",
    "mulhsu": "(uint32_t)(((int64_t)(int32_t)a * (int64_t)(uint64_t)b) >> 32)",
    "mulhu": "(uint32_t)(((uint64_t)a * (uint64_t)b) >> 32)",
    # M extension, "Division by zero" and "Overflow" table of the specification:
    "div": "b == 0 ? 0xFFFFFFFFu : (a == 0x80000000u && b == 0xFFFFFFFFu) ? a : (uint32_t)((int32_t)a / (int32_t)b)",
    "divu": "b == 0 ? 0xFFFFFFFFu : a / b",
    "rem": "b == 0 ? a : (a == 0x80000000u && b == 0xFFFFFFFFu) ? 0 : (uint32_t)((int32_t)a % (int32_t)b)",
    "remu": "b == 0 ? a : a % b",
    # immediates: b is the sign-extended immediate as uint32_t
    "addi": "a + b", "slti": "(int32_t)a < (int32_t)b", "sltiu": "a < b", "xori": "a ^ b",
    "ori": "a | b", "andi": "a & b",
    "slli": "a << b", "srli": "a >> b", "srai": "(uint32_t)((int32_t)a >> b)",
}
RTYPE = [i.name for i in ISA.insns if i.fmt == "R"]
ITYPE = ["addi", "slti", "sltiu", "xori", "ori", "andi"]
SHIFT = ["slli", "srli", "srai"]


def _pairs(name):
    if name in RTYPE:
        return [(a, b, None) for a in VALUES for b in VALUES]
    if name in ITYPE:
        return [(a, i & 0xFFFFFFFF, i) for a in VALUES for i in IMMS]
    return [(a, s, s) for a in VALUES for s in SHAMTS]


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    cc = shutil.which("gcc") or shutil.which("cc")
    assert cc, "the ALU oracle needs the host C compiler (gcc)"
    d = tmp_path_factory.mktemp("oracle")
    lines = ["#include <stdint.h>", "#include <stdio.h>", "int main(void) { uint32_t a, b;"]
    for name in RTYPE + ITYPE + SHIFT:
        for a, b, _ in _pairs(name):
            lines.append(f"a = {a}u; b = {b}u; printf(\"{name} %u\\n\", (uint32_t)({C_EXPR[name]}));")
    lines.append("return 0; }")
    (d / "o.c").write_text("\n".join(lines))
    subprocess.run([cc, "-O0", "-fwrapv", "-o", str(d / "o"), str(d / "o.c")], check=True)
    out = subprocess.run([str(d / "o")], check=True, capture_output=True, text=True).stdout.split("\n")
    table: dict[str, list[int]] = {}
    for line in out:
        if line:
            n, v = line.split()
            table.setdefault(n, []).append(int(v))
    return table


def _guest_results(name: str, backend: str) -> list[int]:
    pairs = _pairs(name)
    body = ["la s0, results"]
    for k, (a, b, imm) in enumerate(pairs):
        body.append(f"li a1, {a}")
        if imm is None:
            body += [f"li a2, {b}", f"{name} a0, a1, a2"]
        else:
            body.append(f"{name} a0, a1, {imm}")
        body.append(f"sw a0, {4 * (k % 512)}(s0)")
        if k % 512 == 511:
            body.append("addi s0, s0, 2047\naddi s0, s0, 1")   # next 2048 bytes
    body += ["li a0, 0", "ret", ".bss", "results: .space " + str(4 * len(pairs) + 4096)]
    m = Machine(backend, ram_size=1 << 20)
    m.load(assemble("\n".join(body), name=f"{name}.s"))
    stop = m.run(max_steps=100_000)
    assert stop.exited and stop.code == 0, stop
    base = m.symbol("results")
    return [m.read_u32(base + 4 * k) for k in range(len(pairs))]


@pytest.mark.parametrize("name", RTYPE + ITYPE + SHIFT)
def test_against_c(name, backend, oracle):
    got = _guest_results(name, backend)
    want = oracle[name]
    pairs = _pairs(name)
    bad = [(f"{a:#x}", f"{b:#x}", f"got {g:#x}", f"want {w:#x}") for (a, b, _), g, w in zip(pairs, got, want) if g != w]
    assert not bad, f"{name} on {backend}: {len(bad)} mismatches, first: {bad[:3]}"


def test_oracle_covers_every_computational_instruction():
    computational = {i.name for i in ISA.insns if i.fmt in ("R", "SH")} | set(ITYPE)
    assert computational <= set(C_EXPR), computational - set(C_EXPR)
