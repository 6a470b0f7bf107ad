/* libgcc.c: the helper functions the compiler calls for what RV32IM has no instruction for.
 *
 * With the M extension, 64-bit multiplication and shifts are inline code; 64-bit division and
 * remainder are not: clang calls __divdi3, __udivdi3, __moddi3 and __umoddi3 (the names come
 * from GCC's libgcc). zig would link its compiler-rt only without -nostdlib, and building it
 * for a new target takes a long time, so vmlab ships these, short enough to read and step
 * through. __muldi3 and the shift helpers are here for code compiled without M or at -O0 by
 * other compilers; they are never called by zig's clang for rv32im.
 *
 * Division by zero gives the results of the RISC-V divide instructions: quotient all ones,
 * remainder the dividend. */
#include <stdint.h>

typedef long long di_t;
typedef unsigned long long du_t;

static int clz32(uint32_t x)
{
    int n = 0;
    if (x == 0) return 32;
    if (!(x & 0xFFFF0000u)) { n += 16; x <<= 16; }
    if (!(x & 0xFF000000u)) { n += 8; x <<= 8; }
    if (!(x & 0xF0000000u)) { n += 4; x <<= 4; }
    if (!(x & 0xC0000000u)) { n += 2; x <<= 2; }
    if (!(x & 0x80000000u)) { n += 1; }
    return n;
}

static int clz64(du_t x)
{
    uint32_t hi = (uint32_t)(x >> 32);
    return hi ? clz32(hi) : 32 + clz32((uint32_t)x);
}

/* Unsigned 64-bit division: quotient returned, remainder stored through `rem`. */
du_t __udivmoddi4(du_t n, du_t d, du_t *rem)
{
    du_t q;
    if (d == 0) {
        q = ~0ULL;                                 /* what divu does */
    } else if ((n >> 32) == 0) {                   /* n < 2^32: one divu (0 if d is larger) */
        q = (d >> 32) ? 0 : (uint32_t)n / (uint32_t)d;
        n -= q * d;
    } else if (d <= 0xFFFFu) {
        /* Long division by a small divisor, 16 bits at a time: every partial dividend
         * (remainder << 16 | next digit) fits in 32 bits, so divu does each step. */
        uint32_t dd = (uint32_t)d, r = 0;
        q = 0;
        for (int shift = 48; shift >= 0; shift -= 16) {
            uint32_t cur = (r << 16) | (uint32_t)((n >> shift) & 0xFFFFu);
            q = (q << 16) | (cur / dd);
            r = cur % dd;
        }
        n = r;
    } else {
        /* Shift and subtract, one quotient bit per step, from the highest possible bit. */
        q = 0;
        if (n >= d) {
            int shift = clz64(d) - clz64(n);
            d <<= shift;
            for (int i = 0; i <= shift; i++) {
                q <<= 1;
                if (n >= d) {
                    n -= d;
                    q |= 1;
                }
                d >>= 1;
            }
        }
    }
    if (rem)
        *rem = n;
    return q;
}

du_t __udivdi3(du_t a, du_t b)
{
    return __udivmoddi4(a, b, 0);
}

du_t __umoddi3(du_t a, du_t b)
{
    du_t r;
    __udivmoddi4(a, b, &r);
    return r;
}

di_t __divdi3(di_t a, di_t b)
{
    du_t ua = a < 0 ? 0 - (du_t)a : (du_t)a;
    du_t ub = b < 0 ? 0 - (du_t)b : (du_t)b;
    if (b == 0)
        return -1;
    du_t q = __udivmoddi4(ua, ub, 0);
    return (a < 0) != (b < 0) ? (di_t)(0 - q) : (di_t)q;
}

di_t __moddi3(di_t a, di_t b)
{
    du_t ua = a < 0 ? 0 - (du_t)a : (du_t)a;
    du_t ub = b < 0 ? 0 - (du_t)b : (du_t)b;
    du_t r;
    __udivmoddi4(ua, ub, &r);
    return a < 0 ? (di_t)(0 - r) : (di_t)r;
}

di_t __muldi3(di_t a, di_t b)
{
    return (di_t)((du_t)a * (du_t)b);      /* mul and mulhu with the M extension */
}

di_t __ashldi3(di_t a, int s)
{
    return (di_t)((du_t)a << s);
}

di_t __lshrdi3(di_t a, int s)
{
    return (di_t)((du_t)a >> s);
}

di_t __ashrdi3(di_t a, int s)
{
    return a >> s;
}
