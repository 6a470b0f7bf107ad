/* softfloat.c: double and float division (__divdf3, __divsf3), correctly rounded.
 *
 * RV32IM has no floating-point unit, so clang turns every x / y on double or float into a
 * call to these. zig's compiler-rt has them too (the rest of soft-float comes from there), but
 * zig 0.17.1's versions round wrongly when the quotient is subnormal (0x1.3b6ab628c3f29p-1003
 * / 0x1.b85c3ef0cd9a6p+66 gave 22 * 2^-1074, not 23). Programs are linked with the runtime
 * before compiler-rt, whose symbols are weak, so these are the ones used.
 *
 * IEEE 754 division, rounded to nearest, ties to even, for every input. The quotient of the
 * two significands is computed to more bits than the result keeps, with a sticky bit for a
 * non-zero remainder, and rounded once, at the width the result has: subnormal results keep
 * fewer bits, and rounding to 53 first and again for the subnormal would round twice.
 * A NaN result is always the canonical NaN (0x7ff8000000000000, 0x7fc00000), as RISC-V's own
 * fdiv.d and fdiv.s give it: an operand's sign and payload are not passed on.
 * There are no exception flags to raise, and no other rounding modes. */
#include <stdint.h>

#define ONE ((uint64_t)1 << 52)

/* The significand of a finite non-zero number, scaled to [2^52, 2^53) whatever the format (a
 * float's gets 29 zero bits below), so that one division serves both; *e gets the exponent of
 * its leading bit. */
static uint64_t unpack(uint64_t bits, int mbits, int emax, int *e)
{
    int bias = emax >> 1, field = (int)(bits >> mbits) & emax;
    uint64_t m = (bits & (((uint64_t)1 << mbits) - 1)) << (52 - mbits);
    if (field != 0) {
        *e = field - bias;
        return m | ONE;
    }
    *e = 1 - bias;                       /* subnormal: no implicit bit, exponent as for 1 */
    while (m < ONE) {
        m <<= 1;
        --*e;
    }
    return m;
}

/* a / b in a format of mbits fraction bits and ebits exponent bits. Inlined into each
 * caller, where the format is a constant. */
static inline __attribute__((always_inline))
uint64_t divide(uint64_t a, uint64_t b, int mbits, int ebits)
{
    int emax = (1 << ebits) - 1;
    uint64_t sign = (a ^ b) & ((uint64_t)1 << (mbits + ebits));
    uint64_t inf = (uint64_t)emax << mbits, nan = inf | (uint64_t)1 << (mbits - 1);
    uint64_t aa = a & (inf | (inf - 1)), ab = b & (inf | (inf - 1));    /* magnitudes */

    if (aa > inf || ab > inf || (aa == inf && ab == inf) || (aa == 0 && ab == 0))
        return nan;
    if (aa == inf || ab == 0)
        return sign | inf;
    if (ab == inf || aa == 0)
        return sign;

    int ea, eb;
    uint64_t ma = unpack(aa, mbits, emax, &ea), mb = unpack(ab, mbits, emax, &eb);
    int e = ea - eb;
    if (ma < mb) {                       /* so that ma / mb is in [1, 2): leading bit 1 */
        ma <<= 1;
        e--;
    }
    /* Long division with divu, to qbits quotient bits after the leading one: at least
     * mbits + 2, for a rounding bit and one below it where the sticky bit can go. */
    uint64_t q = 1, r = ma - mb;
    int qbits;
    if (mbits <= 23) {
        /* float: 24-bit significands (29 zero bits below), so the remainder shifted by 8
         * still fits 32 bits, and divu and remu give 8 exact quotient bits a step */
        uint32_t r32 = (uint32_t)(r >> 29), d32 = (uint32_t)(mb >> 29);
        for (int i = 0; i < 4; i++) {
            r32 <<= 8;
            q = q << 8 | r32 / d32;
            r32 %= d32;
        }
        r = r32;
        qbits = 32;
    } else {
        /* double: 15 bits a step. The estimate t divides the top 32 bits of the remainder r
         * (r < mb < 2^53, so r >> 21 fits) by the top 17 of mb, rounded up: t is never too
         * large and, as mb >> 36 >= 2^16, at most one too small, which the test after fixes.
         * r << 15 and t * mb may wrap, but their difference is the new remainder, < 2 * mb. */
        uint32_t top = (uint32_t)(mb >> 36) + 1;
        for (int i = 0; i < 4; i++) {
            uint32_t t = (uint32_t)(r >> 21) / top;
            r = (r << 15) - t * mb;
            if (r >= mb) {
                r -= mb;
                t++;
            }
            q = q << 15 | t;
        }
        qbits = 60;
    }
    q |= r != 0;                         /* sticky: the bits past these are not all zero */

    /* q is the quotient with its leading one at bit qbits, the result's exponent field E.
     * A subnormal result has field 0 and keeps 1 - E bits fewer: q moves right by that much,
     * what falls out joining the sticky bit (bit 0: below the rounding bit, wherever it is). */
    int E = e + (emax >> 1), shift = qbits - mbits;
    if (E >= emax)
        return sign | inf;
    if (E < 1) {
        int n = 1 - E < 63 ? 1 - E : 63;
        q = q >> n | ((q & (((uint64_t)1 << n) - 1)) != 0);
        E = 1;
    }
    uint64_t m = q >> shift, rest = q & (((uint64_t)1 << shift) - 1), half = (uint64_t)1 << (shift - 1);
    if (rest > half || (rest == half && (m & 1)))
        m++;
    /* m has the implicit bit (a normal result) or not (a subnormal one), and adding it to the
     * field E - 1 counts it; so does a carry out of rounding, up to infinity if it must. */
    return sign | (((uint64_t)(E - 1) << mbits) + m);
}

typedef union { double f; uint64_t u; } dbits;
typedef union { float f; uint32_t u; } fbits;

double __divdf3(double a, double b)
{
    dbits x = {a}, y = {b}, q;
    q.u = divide(x.u, y.u, 52, 11);
    return q.f;
}

float __divsf3(float a, float b)
{
    fbits x = {a}, y = {b}, q;
    q.u = (uint32_t)divide(x.u, y.u, 23, 8);
    return q.f;
}
