"""Random C programs free of undefined behaviour, for the tests that compare vmlab's toolchain
and backends with the host's gcc (test_random_programs.py).

* :func:`integer_program`: 8- to 64-bit signed and unsigned variables through + - * / % & | ^
  << >>, comparisons, casts, loops and branches (division by zero and INT_MIN / -1 guarded,
  shift counts masked, signed overflow done in unsigned). 64-bit arithmetic goes through
  compiler-rt's helpers on the guest.
* :func:`float_program`: double and float arithmetic (+ - * /, comparisons, negation, float
  rounding) with edge values (zeros of both signs, infinities, subnormals, the largest
  values, integers near 2**24, 2**31, 2**53), and conversions to 32- and 64-bit integers
  guarded against out-of-range values. Soft-float on the guest: compiler-rt and the runtime's
  correctly rounded division.

Each prints every variable (doubles and floats with %a: every bit shows; NaNs as "nan", since
their sign and payload differ between x86 and RISC-V) and a checksum of every value assigned.
"""
from __future__ import annotations

import random

TYPES = ["int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t"]
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


def _main(header: str, lines: list[str]) -> str:
    """The program: the helpers, then main() running `lines` and printing the checksum."""
    return "\n".join([header, "int main(void) {", *("    " + ln for ln in lines),
                      '    printf("ck=%llx\\n", (unsigned long long)ck);', "    return 0;", "}"])


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

class IntegerGen:
    """One integer program from a random.Random."""

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
        decls = [f"volatile {t} {n}_init = ({t}){lit(const(r), 'uint64_t')}; {t} {n} = {n}_init;"
                 for n, t in self.vars]
        stmts = [self.stmt() for _ in range(r.randint(5, 25))]
        prints = [f'printf("{n}=%lld\\n", (long long){n});' if t.startswith("int") else
                  f'printf("{n}=%llu\\n", (unsigned long long){n});' for n, t in self.vars]
        return _main(HDR, decls + stmts + prints)


def integer_program(seed: int) -> str:
    return IntegerGen(random.Random(seed)).program()


FLOAT_HDR = r"""
#include <stdint.h>
#include <stdio.h>
#include <string.h>
static uint64_t ck = 0;
static void mixd(double v) { uint64_t b; if (v != v) b = 0x7ff8000000000000ULL; else memcpy(&b, &v, 8); ck = (ck ^ b) * 0x100000001b3ULL; }
static void mixf(float v) { uint32_t b; if (v != v) b = 0x7fc00000; else memcpy(&b, &v, 4); ck = (ck ^ b) * 0x100000001b3ULL; }
static int32_t d2i(double v) { return v != v || v >= 2147483648.0 || v <= -2147483649.0 ? -7 : (int32_t)v; }
static uint32_t d2u(double v) { return v != v || v >= 4294967296.0 || v <= -1.0 ? 7 : (uint32_t)v; }
static int64_t d2l(double v) { return v != v || v >= 9223372036854775808.0 || v < -9223372036854775808.0 ? -9 : (int64_t)v; }
static void pd(const char *n, double v) { if (v != v) printf("%s=nan\n", n); else printf("%s=%a\n", n, v); }
static void pf(const char *n, float v) { if (v != v) printf("%s=nan\n", n); else printf("%s=%a\n", n, (double)v); }
"""
FLOAT_EDGES = ["0.0", "-0.0", "1.0", "-1.0", "0.5", "3.0", "1e300", "-1e300", "1e-300", "4.9e-324",
               "2.2250738585072014e-308", "1.7976931348623157e308", "0.1", "1.0/3.0", "(1.0/0.0)",
               "(-1.0/0.0)", "123456789.0", "2147483647.0", "-2147483648.0", "4294967295.0",
               "9007199254740993.0", "1.5e-45f", "3.4028235e38f", "1.17549435e-38f", "16777217.0"]
# Operations on two double or float (t) operands; conversions through the guarded helpers.
FLOAT_FORMS = ["(({t}){a} + ({t}){b})", "(({t}){a} - ({t}){b})", "(({t}){a} * ({t}){b})",
               "(({t}){a} / ({t}){b})", "(({t}){a} < ({t}){b} ? {a} : {b})", "(double)d2i({a})",
               "(double)d2u({a})", "(double)d2l({a})", "(float)({a})", "(({t}){a} == ({t}){b})",
               "(-({t}){a})", "(({t}){a} >= ({t}){b})"]
_TO_INT = {"int32_t": "d2i", "uint32_t": "d2u", "int64_t": "d2l"}


class FloatGen:
    """One floating-point program from a random.Random."""

    def __init__(self, r):
        self.r = r
        self.vars = ([(f"d{i}", "double") for i in range(r.randint(2, 5))]
                     + [(f"f{i}", "float") for i in range(r.randint(1, 3))]
                     + [("i0", "int32_t"), ("i1", "int32_t"), ("l0", "int64_t"), ("u0", "uint32_t")])

    def const(self):
        r = self.r
        k = r.random()
        if k < 0.4:
            return r.choice(FLOAT_EDGES)
        if k < 0.7:
            return repr(r.uniform(-1e6, 1e6))
        if k < 0.85:
            return repr(r.uniform(-2, 2) * 10.0 ** r.randint(-320, 308))
        return str(r.randint(-1000, 1000))

    def expr(self, d=0):
        r = self.r
        if d > 3 or r.random() < 0.3:
            return r.choice(self.vars)[0] if r.random() < 0.7 else self.const()
        a, b = self.expr(d + 1), self.expr(d + 1)
        return r.choice(FLOAT_FORMS).format(a=a, b=b, t=r.choice(["double", "float"]))

    def stmt(self):
        n, t = self.r.choice(self.vars)
        e = self.expr()
        if t == "double":
            return f"{n} = {e}; mixd({n});"
        if t == "float":
            return f"{n} = (float)({e}); mixf({n});"
        return f"{n} = {_TO_INT[t]}({e}); mixd((double){n});"

    def program(self):
        r = self.r
        decls = [f"volatile {t} {n}_init = ({t}){_TO_INT.get(t, '')}({self.const()}); {t} {n} = {n}_init;"
                 for n, t in self.vars]
        stmts = []
        for _ in range(r.randint(5, 25)):
            if r.random() < 0.15:
                stmts.append(f"for (int k = 0; k < {r.randint(1, 6)}; k++) {{ {self.stmt()} {self.stmt()} }}")
            else:
                stmts.append(self.stmt())
        prints = [f'p{t[0]}("{n}", {n});' if t in ("double", "float") else
                  f'printf("{n}=%lld\\n", (long long){n});' for n, t in self.vars]
        return _main(FLOAT_HDR, decls + stmts + prints)


def float_program(seed: int) -> str:
    return FloatGen(random.Random(seed)).program()
