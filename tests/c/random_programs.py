"""Random C programs of fixed-width integer arithmetic, free of undefined behaviour, for the
tests that compare vmlab's toolchain and backends with the host's gcc (test_random_programs.py).

Each program mixes 8- to 64-bit signed and unsigned variables through + - * / % & | ^ << >>,
comparisons, casts, loops and branches (division by zero and INT_MIN / -1 are guarded, shift
counts masked, signed overflow done in unsigned), then prints every variable and a checksum
of every value assigned. 64-bit arithmetic goes through compiler-rt's helpers on the guest.
"""
from __future__ import annotations

import random

TYPES = ["int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t"]
UNSIGNED = {"int8_t": "uint8_t", "uint8_t": "uint8_t", "int16_t": "uint16_t", "uint16_t": "uint16_t",
            "int32_t": "uint32_t", "uint32_t": "uint32_t", "int64_t": "uint64_t", "uint64_t": "uint64_t"}
EDGE32 = [0, 1, 2, 3, 7, 31, 32, 33, 63, 255, 256, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x12345678]
HDR = r"""
#include <stdint.h>
#include <stdio.h>
static int32_t sdiv32(int32_t a, int32_t b) { return b == 0 || (a == INT32_MIN && b == -1) ? a : a / b; }
static int32_t srem32(int32_t a, int32_t b) { return b == 0 || (a == INT32_MIN && b == -1) ? a : a % b; }
static int64_t sdiv64(int64_t a, int64_t b) { return b == 0 || (a == INT64_MIN && b == -1) ? a : a / b; }
static int64_t srem64(int64_t a, int64_t b) { return b == 0 || (a == INT64_MIN && b == -1) ? a : a % b; }
static uint32_t udiv32(uint32_t a, uint32_t b) { return b ? a / b : a; }
static uint32_t urem32(uint32_t a, uint32_t b) { return b ? a % b : a; }
static uint64_t udiv64(uint64_t a, uint64_t b) { return b ? a / b : a; }
static uint64_t urem64(uint64_t a, uint64_t b) { return b ? a % b : a; }
static uint64_t ck = 0;
static void mix(uint64_t v) { ck = (ck ^ v) * 0x100000001b3ULL; }
"""

# Operations on two operands at width w (32 or 64) as unsigned U or signed S; None: a cast.
BINARY = [
    "({U})(({U}){a} + ({U}){b})", "({U})(({U}){a} - ({U}){b})", "({U})(({U}){a} * ({U}){b})",
    "(({U}){a} & ({U}){b})", "(({U}){a} | ({U}){b})", "(({U}){a} ^ ({U}){b})",
    "(({U}){a} << ({b} & {sh}))", "(({U}){a} >> ({b} & {sh}))", "(({S}){a} >> ({b} & {sh}))",
    "sdiv{w}(({S}){a}, ({S}){b})", "srem{w}(({S}){a}, ({S}){b})",
    "udiv{w}(({U}){a}, ({U}){b})", "urem{w}(({U}){a}, ({U}){b})",
    "(({S}){a} < ({S}){b})", "(({U}){a} <= ({U}){b})", "(({S}){a} != ({S}){b} ? {a} : {b})",
    None,
]


def const(r):
    k = r.random()
    if k < 0.4:
        v = r.choice(EDGE32)
    elif k < 0.6:
        v = r.getrandbits(64)
    elif k < 0.8:
        v = r.randrange(-300, 300)
    else:
        v = r.getrandbits(32)
    return v

def lit(v, t):
    bits = 64 if "64" in t else 32
    v &= (1 << bits) - 1
    return f"(({t})0x{v:x}ULL)"

class Gen:
    """One program from a random.Random."""

    def __init__(self, r):
        self.r = r
        self.vars = [(f"v{i}", r.choice(TYPES)) for i in range(r.randint(4, 8))]

    def leaf(self):
        r = self.r
        if r.random() < 0.7:
            return r.choice(self.vars)[0]
        return lit(const(r), r.choice(["uint32_t", "uint64_t", "int32_t", "int64_t"]))

    def expr(self, d=0):
        r = self.r
        if d > 3 or r.random() < 0.25:
            return self.leaf()
        a, b = self.expr(d + 1), self.expr(d + 1)
        w = r.choice(["32", "64"])
        form = r.choice(BINARY)
        if form is None:
            return f"(({r.choice(TYPES)}){a})"
        return form.format(a=a, b=b, w=w, U=f"uint{w}_t", S=f"int{w}_t", sh=31 if w == "32" else 63)

    def stmt(self, d=0):
        r = self.r
        k = r.random()
        name, t = r.choice(self.vars)
        if k < 0.7 or d > 1:
            return f"{name} = ({t})({self.expr()}); mix((uint64_t){name});"
        if k < 0.85:
            n = r.randint(1, 12)
            body = " ".join(self.stmt(d + 1) for _ in range(r.randint(1, 3)))
            return f"for (int i{d} = 0; i{d} < {n}; i{d}++) {{ {body} }}"
        body = " ".join(self.stmt(d + 1) for _ in range(r.randint(1, 3)))
        other = " ".join(self.stmt(d + 1) for _ in range(r.randint(0, 2)))
        return f"if (({t}){self.expr()} > ({t}){self.expr()}) {{ {body} }} else {{ {other} }}"

    def program(self):
        r = self.r
        lines = [HDR, "int main(void) {"]
        for n, t in self.vars:
            lines.append(f"    volatile {t} {n}_init = ({t}){lit(const(r), 'uint64_t')};")
            lines.append(f"    {t} {n} = {n}_init;")
        for _ in range(r.randint(5, 25)):
            lines.append("    " + self.stmt())
        for n, t in self.vars:
            fmt = "%lld" if t.startswith("int") else "%llu"
            cast = "long long" if t.startswith("int") else "unsigned long long"
            lines.append(f'    printf("{n}={fmt}\\n", ({cast}){n});')
        lines.append('    printf("ck=%llx\\n", (unsigned long long)ck);')
        lines.append("    return 0;\n}")
        return "\n".join(lines)


def program(seed: int) -> str:
    return Gen(random.Random(seed)).program()
