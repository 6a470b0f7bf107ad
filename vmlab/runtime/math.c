/* math.c: the <math.h> functions that zig's compiler-rt does not have.
 *
 * compiler-rt (linked after the runtime) has sqrt, floor, ceil, trunc, round, fabs, fmod, fma,
 * fmin, fmax, sin, cos, tan, exp, exp2, log and their float forms, and log2f, log10f;
 * everything else in math.h is here, written for vmlab (log2 and log10 too: see there).
 *
 * RV32IM has no floating-point unit: each double operation below is a call into compiler-rt's
 * soft-float (__adddf3, __muldf3 ...), rounded to nearest as IEEE 754 asks. The aim is a
 * result within 1 ulp (unit in the last place) of the exact value, and exactly the right one
 * when that is representable (pow(10, 15), hypot(3, 4), cbrt(27)). Two ideas carry it:
 *
 * - Double-double ("dd") arithmetic: a value kept as hi + lo, two doubles with |lo| at most
 *   half an ulp of hi, about 106 bits. The rounding error of a + b and of a * b can be computed
 *   exactly (two_sum, two_prod), so the steps where a double's 53 bits would not do (the
 *   reduced argument; log x in pow, whose error exp then multiplies by up to 745) keep about
 *   10 to 15 more bits, and hi + lo is rounded once, at the end.
 * - Argument reduction by tables: exp(x) = 2^k * 2^(j/32) * exp(r) with |r| <= ln2/64,
 *   log(x) = k ln2 + log(c) + log(x/c) with c = 1 + j/32 near x, atan(x) = atan(c) +
 *   atan((x - c)/(1 + xc)) with c = j/16 near x. What is left is small enough for a few terms
 *   of a Taylor series.
 *
 * The tables are hi + lo pairs of the exact values (EXP2_J32's hi rounded to 26 bits: see
 * there), printed with mpmath at 300 bits:
 *   import mpmath; mpmath.mp.prec = 300
 *   v = mpmath.log(1 + mpmath.mpf(j) / 32); hi = float(v); lo = float(v - hi)
 *   print(hi.hex(), lo.hex())
 *
 * The float functions compute in double and round once: with 29 more bits that is exact where
 * it has to be (ldexpf, frexpf, modff) and within an ulp elsewhere.
 * errno is never set; soft-float has no exception flags to raise. */
#include <math.h>
#include <stdint.h>

/* Sign and magnitude are bit operations: the builtins do them in place, where calling fabs
 * (this file is compiled with -fno-builtin, like all of the runtime) would be a call. */
#define fabs(x)        __builtin_fabs(x)
#define copysign(x, y) __builtin_copysign((x), (y))

/* ------------------------------------------------------------------------- the bits of a double
 * sign (1 bit), biased exponent (11 bits), fraction (52 bits); a normal double is
 * 1.fraction * 2^(exponent - 1023). */
#define EXP_MASK  0x7ff0000000000000ULL
#define FRAC_MASK 0x000fffffffffffffULL

typedef union { double d; uint64_t u; } double_bits;

static uint64_t bits_of(double x)
{
    double_bits b;
    b.d = x;
    return b.u;
}

static double from_bits(uint64_t u)
{
    double_bits b;
    b.u = u;
    return b.d;
}

/* The exponent field: 0 for zeros and subnormals, 2047 for infinities and NaNs. */
static int biased_exponent(double x)
{
    return (int)(bits_of(x) >> 52) & 0x7ff;
}

/* e with |x| = m * 2^e, 1 <= m < 2, for finite nonzero x (subnormals too). */
static int exponent_of(double x)
{
    int e = biased_exponent(x);
    if (e == 0)
        return biased_exponent(x * 0x1p54) - 1023 - 54;
    return e - 1023;
}

/* ------------------------------------------------------------------------- double-double */
typedef struct { double hi, lo; } dd;

/* a + b = hi + lo exactly, whatever the magnitudes (Knuth's TwoSum). */
static dd two_sum(double a, double b)
{
    double s = a + b;
    double b_part = s - a;
    dd r = { s, (a - (s - b_part)) + (b - b_part) };
    return r;
}

/* The same in three operations when |a| >= |b| (or a = 0) (Dekker's FastTwoSum). */
static dd fast_two_sum(double a, double b)
{
    double s = a + b;
    dd r = { s, b - (s - a) };
    return r;
}

/* The upper 26 bits of a (Veltkamp): a - split_hi(a) fits in 26 bits too. */
static double split_hi(double a)
{
    double t = a * 134217729.0;             /* 2^27 + 1 */
    return t - (t - a);
}

/* a * b = hi + lo exactly, for |a|, |b| below 2^995 (Dekker): the products of the halves are
 * exact. (fma(a, b, -hi) gives lo too, but compiler-rt's soft fma costs as much as 30
 * multiplications.) */
static dd two_prod(double a, double b)
{
    double p = a * b;
    double a1 = split_hi(a), a2 = a - a1;
    double b1 = split_hi(b), b2 = b - b1;
    dd r = { p, ((a1 * b1 - p) + a1 * b2 + a2 * b1) + a2 * b2 };
    return r;
}

static dd dd_add(dd a, dd b)
{
    dd s = two_sum(a.hi, b.hi);
    return two_sum(s.hi, s.lo + a.lo + b.lo);
}

static dd dd_sub(dd a, dd b)
{
    dd minus_b = { -b.hi, -b.lo };
    return dd_add(a, minus_b);
}

static dd dd_mul(dd a, dd b)
{
    dd p = two_prod(a.hi, b.hi);
    return fast_two_sum(p.hi, p.lo + a.hi * b.lo + a.lo * b.hi);
}

static dd dd_div(dd a, dd b)
{
    double q = a.hi / b.hi;
    /* what q misses: a - q*b, where a.hi - q*b.hi is exact */
    dd qb = two_prod(q, b.hi);
    double r = (a.hi - qb.hi) - qb.lo + a.lo - q * b.lo;
    return fast_two_sum(q, r / b.hi);
}

static dd dd_sqrt(dd a)
{
    if (a.hi == 0)
        return a;
    double s = sqrt(a.hi);
    /* one Newton step from s, with the residual a - s*s computed exactly */
    dd ss = two_prod(s, s);
    double r = (a.hi - ss.hi) - ss.lo + a.lo;
    return fast_two_sum(s, r / (2 * s));
}

static dd dd_of(double x)
{
    dd r = { x, 0 };
    return r;
}

static const dd PI   = { 0x1.921fb54442d18p+1, 0x1.1a62633145c07p-53 };
static const dd PI_2 = { 0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54 };
static const dd PI_4 = { 0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55 };

/* ln 2 = LN2_HI + LN2_LO, LN2_HI with 37 significant bits: n * LN2_HI is exact for |n| < 2^16 */
#define LN2_HI 0x1.62e42fefa0000p-1
#define LN2_LO 0x1.cf79abc9e3b3ap-40
static const dd LN2 = { LN2_HI, LN2_LO };

/* ------------------------------------------------------------------------- exact operations */
double (copysign)(double x, double y)     /* the parentheses keep the macro above out */
{
    return copysign(x, y);
}

double nan(const char *tag)
{
    (void)tag;
    return NAN;
}

/* x * 2^n rounded once: an exponent change when the result is normal; a subnormal result is
 * made as a normal number 2^54 times larger, and one multiplication by 2^-54 rounds it. */
double scalbn(double x, int n)
{
    int e = biased_exponent(x);
    if (e == 2047 || x == 0 || n == 0)
        return x;                           /* inf, NaN, zero */
    if (e == 0) {                           /* subnormal: normalise first (exact) */
        x *= 0x1p54;
        n -= 54;
        e = biased_exponent(x);
    }
    if (n > 4000)                           /* keep e + n an int; the result is inf or 0 */
        n = 4000;
    if (n < -4000)
        n = -4000;
    e += n;
    uint64_t sign_and_fraction = bits_of(x) & ~EXP_MASK;
    if (e >= 2047)
        return copysign(HUGE_VAL, x);
    if (e >= 1)
        return from_bits(sign_and_fraction | (uint64_t)e << 52);
    if (e < -53)                            /* below half the smallest subnormal */
        return copysign(0.0, x);
    return from_bits(sign_and_fraction | (uint64_t)(e + 54) << 52) * 0x1p-54;
}

double ldexp(double x, int n)
{
    return scalbn(x, n);
}

double scalbln(double x, long n)
{
    return scalbn(x, n > 4000 ? 4000 : n < -4000 ? -4000 : (int)n);
}

double frexp(double x, int *exp)
{
    int e = biased_exponent(x);
    *exp = 0;
    if (e == 2047 || x == 0)
        return x;
    int shift = 0;
    if (e == 0) {
        x *= 0x1p54;
        shift = 54;
        e = biased_exponent(x);
    }
    *exp = e - 1022 - shift;
    /* the same fraction with the exponent of [0.5, 1) */
    return from_bits((bits_of(x) & ~EXP_MASK) | (uint64_t)1022 << 52);
}

double modf(double x, double *int_part)
{
    double i = trunc(x);
    *int_part = i;
    if (isinf(x))
        return copysign(0.0, x);
    return copysign(x - i, x);              /* -0.0 for negative integers, as C asks */
}

/* Round to an integer, halfway cases to even. Adding 2^52 does it: doubles from 2^52 to 2^53
 * have no fraction bits, so the addition rounds away the fraction, to nearest even. */
double rint(double x)
{
    double a = fabs(x);
    if (!(a < 0x1p52))
        return x;                           /* already an integer, inf or NaN */
    return copysign((a + 0x1p52) - 0x1p52, x);
}

double nearbyint(double x)
{
    return rint(x);
}

long lrint(double x)
{
    return (long)rint(x);
}

long long llrint(double x)
{
    return (long long)rint(x);
}

long lround(double x)
{
    return (long)round(x);
}

long long llround(double x)
{
    return (long long)round(x);
}

double fdim(double x, double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    return x > y ? x - y : 0.0;
}

/* (hi + lo) * 2^k rounded once, for 0.5 <= hi < 4. Rounding hi + lo and then scaling would
 * round twice when the result is subnormal (fewer than 53 bits): there the sum is rounded in
 * units of 2^-1022, where the spacing of doubles in [1, 2), 2^-52, is that of subnormals. */
static double scale_dd(dd x, int k)
{
    if (k > -1020)
        return scalbn(x.hi + x.lo, k);      /* normal or overflowing: the scaling is exact */
    if (k < -1080)
        return 0;
    double h = scalbn(x.hi, k + 1022);
    if (h >= 1)
        return scalbn(x.hi + x.lo, k);
    dd s = two_sum(1, h);
    double rounded = s.hi + (s.lo + scalbn(x.lo, k + 1022));
    return (rounded - 1) * 0x1p-1022;       /* exact */
}

/* ------------------------------------------------------------------------- exp */
/* 2^(j/32), j = 0 .. 31, as hi + lo with only 26 bits in hi: hi * x is then exact when x
 * has 27 bits or fewer, and the 26 + 53 bits of hi + lo are still ample */
static const dd EXP2_J32[32] = {
    {0x1p+0, 0},
    {0x1.059b0d0000000p+0, 0x1.8ac2ba1d73e2ap-27},
    {0x1.0b55870000000p+0, -0x1.833b784eb3a37p-27},
    {0x1.11301d0000000p+0, 0x1.25b50a4ebbf1bp-32},
    {0x1.172b840000000p+0, -0x1.c15742919041cp-27},
    {0x1.1d48730000000p+0, 0x1.68b9aa7805b80p-28},
    {0x1.2387a70000000p+0, -0x1.8a9dc7993e052p-28},
    {0x1.29e9df8000000p+0, -0x1.70108f69ed175p-27},
    {0x1.306fe08000000p+0, 0x1.18db8a96f46adp-27},
    {0x1.371a738000000p+0, -0x1.8aac6ab1d7560p-29},
    {0x1.3dea650000000p+0, -0x1.f6e5eee525f6fp-27},
    {0x1.44e0860000000p+0, 0x1.8624b40c4dbd0p-30},
    {0x1.4bfdad8000000p+0, -0x1.64eaec715e343p-27},
    {0x1.5342b58000000p+0, -0x1.62b07e20f57c4p-28},
    {0x1.5ab07e0000000p+0, -0x1.5bd5eb539b67fp-27},
    {0x1.6247eb0000000p+0, 0x1.d2ac258f87d03p-31},
    {0x1.6a09e68000000p+0, -0x1.80c4336f74d05p-28},
    {0x1.71f75e8000000p+0, 0x1.d8bee7ba46e1ep-29},
    {0x1.7a11470000000p+0, 0x1.f580c36bea881p-27},
    {0x1.8258998000000p+0, 0x1.4cce128acf88bp-28},
    {0x1.8ace540000000p+0, 0x1.15506dadd3e2bp-27},
    {0x1.93737b0000000p+0, 0x1.9b8bc9e8a0388p-29},
    {0x1.9c49180000000p+0, 0x1.51f8480e3e236p-27},
    {0x1.a5503b0000000p+0, 0x1.1f12ae45a1225p-27},
    {0x1.ae89f98000000p+0, 0x1.5ad3ad5e8734dp-28},
    {0x1.b7f76f0000000p+0, 0x1.7daf237553d84p-27},
    {0x1.c199be0000000p+0, -0x1.3d56b1eeef9a7p-27},
    {0x1.cb720e0000000p+0, -0x1.8837cb757e1a1p-27},
    {0x1.d5818e0000000p+0, -0x1.822dbc6d12fd3p-27},
    {0x1.dfc9730000000p+0, 0x1.bdcdaf5cb4656p-27},
    {0x1.ea4afa0000000p+0, 0x1.52486cc2c7b9dp-27},
    {0x1.f507658000000p+0, 0x1.b722a033a7c26p-27},
};

/* exp(x.hi + x.lo) = (hi + lo) * 2^*k with hi + lo in [0.98, 2.03), relative error below
 * about 2^-64, for |x.hi| <= 746. */
static dd exp_core(dd x, int *k)
{
    /* x = n ln2/32 + r, n = 32 k + j */
    double t = x.hi * 0x1.71547652b82fep+5;             /* 32 / ln 2 */
    int n = (int)(t < 0 ? t - 0.5 : t + 0.5);
    int j = n & 31;
    *k = (n - j) / 32;
    /* x.hi - n ln2_hi/32 is exact: the product has at most 53 bits and is close to x.hi */
    dd r = two_sum(x.hi - n * (LN2_HI / 32), x.lo - n * (LN2_LO / 32));
    /* exp(r) - 1 = r + r^2/2! + ... + r^8/8!: the next term is below 2^-77 */
    double h = r.hi;
    double poly = h * h * (1.0 / 2 + h * (1.0 / 6 + h * (1.0 / 24 + h * (1.0 / 120 + h * (1.0 / 720
                  + h * (1.0 / 5040 + h * (1.0 / 40320)))))));
    /* exp(r) = 1 + h + c: exp(h + r.lo) = exp(h) (1 + r.lo) to far below an ulp */
    double c = poly + r.lo * (1 + h + poly);
    /* 2^(j/32) * (1 + h + c) = T.hi + T.hi*h + (T.hi*c + T.lo*(1 + h + c)): T.hi*h, the
     * largest part, exactly as T.hi*h1 + T.hi*h2 with h split in halves */
    dd T = EXP2_J32[j];
    double h1 = split_hi(h), h2 = h - h1;
    dd s = fast_two_sum(T.hi, T.hi * h1);
    return fast_two_sum(s.hi, s.lo + T.hi * h2 + T.hi * c + T.lo * (1 + h + c));
}

/* exp(x) - 1 as a dd with a relative error below about 2^-58, for |x| <= 50. */
static dd expm1_dd(double x)
{
    if (fabs(x) < 0x1p-5) {
        /* x + x^2/2! + ... + x^9/9!: the next term is below 2^-66 of x */
        double p = x * x * (1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720
                   + x * (1.0 / 5040 + x * (1.0 / 40320 + x * (1.0 / 362880))))))));
        return fast_two_sum(x, p);
    }
    int k;
    dd e = exp_core(dd_of(x), &k);
    /* the scaling is exact here, and subtracting 1 in dd loses nothing to cancellation */
    dd s = two_sum(scalbn(e.hi, k), -1);
    return fast_two_sum(s.hi, s.lo + scalbn(e.lo, k));
}

double expm1(double x)
{
    if (isnan(x))
        return x + x;
    if (fabs(x) < 0x1p-54)
        return x;                           /* x + x^2/2 rounds to x; keeps -0 */
    if (x > 50) {                           /* the 1 is below 2^-20 of an ulp */
        if (x > 710)
            return HUGE_VAL;
        int k;
        dd e = exp_core(dd_of(x), &k);
        return scale_dd(e, k);
    }
    if (x < -40)                            /* exp(x) < 2^-57: -1 + exp(x) rounds to -1 */
        return -1;
    dd r = expm1_dd(x);
    return r.hi + r.lo;
}

/* exp(a) / 2 for a > 22, where the e^-a of sinh and cosh is below 2^-63 of it */
static double half_exp(double a)
{
    if (a > 711)
        return HUGE_VAL;
    int k;
    dd e = exp_core(dd_of(a), &k);
    return scale_dd(e, k - 1);
}

/* sinh x = (e^x - e^-x)/2 = (E + E/(E + 1))/2 with E = e^x - 1: no cancellation for small x */
double sinh(double x)
{
    double a = fabs(x);
    if (!(a >= 0x1p-26))
        return x;                           /* tiny: sinh x = x + x^3/6 rounds to x; NaN */
    if (a > 22)
        return copysign(half_exp(a), x);
    dd E = expm1_dd(a);
    dd s = dd_add(E, dd_div(E, dd_add(E, dd_of(1))));
    return copysign((s.hi + s.lo) * 0.5, x);
}

/* cosh x = (e^x + e^-x)/2 */
double cosh(double x)
{
    double a = fabs(x);
    if (isnan(x))
        return x + x;
    if (a < 0x1p-27)
        return 1;                           /* 1 + x^2/2 rounds to 1 */
    if (a > 22)
        return half_exp(a);
    dd e = dd_add(expm1_dd(a), dd_of(1));
    dd s = dd_add(e, dd_div(dd_of(1), e));
    return (s.hi + s.lo) * 0.5;
}

/* tanh x = (e^2x - 1)/(e^2x + 1) = E/(E + 2) with E = e^2x - 1 */
double tanh(double x)
{
    double a = fabs(x);
    if (!(a >= 0x1p-27))
        return x;                           /* tiny: tanh x = x - x^3/3 rounds to x; NaN */
    if (a > 22)
        return copysign(1.0, x);            /* 1 - 2e^-2a rounds to 1 */
    dd E = expm1_dd(2 * a);
    dd t = dd_div(E, dd_add(E, dd_of(2)));
    return copysign(t.hi + t.lo, x);
}

/* ------------------------------------------------------------------------- log */
/* log(1 + j/32), j = 0 .. 31 */
static const dd LOG_1_J32[32] = {
    {0, 0},
    {0x1.f829b0e783300p-6, 0x1.33e3f04f1ef23p-60},
    {0x1.f0a30c01162a6p-5, 0x1.85f325c5bbacdp-59},
    {0x1.6f0d28ae56b4cp-4, -0x1.906d99184b992p-58},
    {0x1.e27076e2af2e6p-4, -0x1.61578001e0162p-60},
    {0x1.29552f81ff523p-3, 0x1.301771c407dbfp-57},
    {0x1.5ff3070a793d4p-3, -0x1.bc60efafc6f6ep-58},
    {0x1.9525a9cf456b4p-3, 0x1.d904c1d4e2e26p-57},
    {0x1.c8ff7c79a9a22p-3, -0x1.4f689f8434012p-57},
    {0x1.fb9186d5e3e2bp-3, -0x1.caaae64f21acbp-57},
    {0x1.1675cababa60ep-2, 0x1.ce63eab883717p-61},
    {0x1.2e8e2bae11d31p-2, -0x1.8f4cdb95ebdf9p-56},
    {0x1.4618bc21c5ec2p-2, 0x1.f42decdeccf1dp-56},
    {0x1.5d1bdbf5809cap-2, 0x1.4236383dc7fe1p-56},
    {0x1.739d7f6bbd007p-2, -0x1.8c76ceb014b04p-56},
    {0x1.89a3386c1425bp-2, -0x1.29639dfbbf0fbp-56},
    {0x1.9f323ecbf984cp-2, -0x1.a92e513217f5cp-59},
    {0x1.b44f77bcc8f63p-2, -0x1.cd04495459c78p-56},
    {0x1.c8ff7c79a9a22p-2, -0x1.4f689f8434012p-56},
    {0x1.dd46a04c1c4a1p-2, -0x1.0467656d8b892p-56},
    {0x1.f128f5faf06edp-2, -0x1.328df13bb38c3p-56},
    {0x1.02552a5a5d0ffp-1, -0x1.cb1cb51408c00p-56},
    {0x1.0be72e4252a83p-1, -0x1.259da11330801p-55},
    {0x1.154c3d2f4d5eap-1, -0x1.59c33171a6876p-55},
    {0x1.1e85f5e7040d0p-1, 0x1.ef62cd2f9f1e3p-56},
    {0x1.2795e1289b11bp-1, -0x1.487c0c246978ep-57},
    {0x1.307d7334f10bep-1, 0x1.fb590a1f566dap-57},
    {0x1.393e0d3562a1ap-1, -0x1.58eef67f2483ap-55},
    {0x1.41d8fe84672aep-1, 0x1.9192f30bd1806p-55},
    {0x1.4a4f85db03ebbp-1, 0x1.13dfa3d3761b6p-60},
    {0x1.52a2d265bc5abp-1, -0x1.1883750ea4d0ap-57},
    {0x1.5ad404c359f2dp-1, -0x1.35955683f7196p-59},
};

/* log(x) as a dd with a relative error below about 2^-66, for finite x > 0. */
static dd log_core(double x)
{
    /* x = m * 2^e with m in [1 - 1/128, 2 - 1/64): a number just below a power of two belongs
     * to the binade above, so that near x = 1 nothing cancels */
    int e = exponent_of(x);
    if (e < -1022)
        x *= 0x1p54;                        /* subnormal: the same digits, normalised */
    double m = from_bits((bits_of(x) & FRAC_MASK) | 0x3ff0000000000000ULL);
    if (m >= 2 - 1.0 / 64) {
        m *= 0.5;
        e += 1;
    }
    /* log m = log c + log(m/c) with c = 1 + j/32 the nearest, and log(m/c) = 2 atanh(s),
     * s = (m - c)/(m + c), |s| <= 1/128 */
    int j = (int)((m - 1) * 32 + 0.5);
    double c = 1 + j / 32.0;
    double f = m - c;                       /* exact: m and c are close */
    dd d = fast_two_sum(2 * c, f);          /* m + c */
    double s = f / d.hi;
    dd sd = two_prod(s, d.hi);
    double s_lo = ((f - sd.hi) - sd.lo - s * d.lo) / d.hi;
    /* 2 atanh(s) = 2s + 2s^3/3 + ... + 2s^9/9: the next term is below 2^-70 of 2s */
    double z = s * s;
    double tail = s * z * (2.0 / 3 + z * (2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9))));
    /* e ln2 + log c + 2s, each larger than the next (or zero); e * LN2_HI is exact */
    dd a = fast_two_sum(e * LN2_HI, LOG_1_J32[j].hi);
    dd b = fast_two_sum(a.hi, 2 * s);
    double lo = a.lo + b.lo + e * LN2_LO + LOG_1_J32[j].lo + 2 * s_lo + tail;
    return fast_two_sum(b.hi, lo);
}

/* log(x.hi + x.lo) = log(x.hi) + log(1 + x.lo/x.hi), and that is x.lo/x.hi to 2^-100 */
static dd log_dd(dd x)
{
    dd l = log_core(x.hi);
    return two_sum(l.hi, l.lo + x.lo / x.hi);
}

/* compiler-rt has log2 and log10 too, but they are wrong by up to millions of ulp for some
 * subnormal x (zig 0.17); these, strong symbols, take precedence over its weak ones. They are
 * exact where the result is representable: log2(2^k) = k, log10(1000) = 3. */
static double log_times(double x, dd factor)
{
    if (isnan(x))
        return x + x;
    if (x == 0)
        return -HUGE_VAL;
    if (x < 0)
        return NAN;
    if (x == HUGE_VAL)
        return x;
    dd l = dd_mul(log_core(x), factor);
    return l.hi + l.lo;
}

double log2(double x)
{
    static const dd INV_LN2 = { 0x1.71547652b82fep+0, 0x1.777d0ffda0d24p-56 };
    return log_times(x, INV_LN2);
}

double log10(double x)
{
    static const dd INV_LN10 = { 0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57 };
    return log_times(x, INV_LN10);
}

double log1p(double x)
{
    if (isnan(x))
        return x + x;
    if (!(x > -1))
        return x == -1 ? -HUGE_VAL : NAN;
    if (fabs(x) < 0x1p-54 || x == HUGE_VAL)
        return x;                           /* x - x^2/2 rounds to x; keeps -0 */
    if (fabs(x) < 0x1p-16) {
        /* x - x^2/2 + x^3/3 - x^4/4: the next term is below 2^-66 of x. (The general way
         * below would round the low part of 1 + x, a good part of the result here.) */
        return x + x * x * (-1.0 / 2 + x * (1.0 / 3 + x * (-1.0 / 4)));
    }
    dd l = log_dd(two_sum(1, x));           /* 1 + x is exact as a dd */
    return l.hi + l.lo;
}

enum { NOT_INTEGER, ODD_INTEGER, EVEN_INTEGER };

/* What finite nonzero y is, from its bits: y = significand * 2^(e - 52) with a 53-bit integer
 * significand, so the fraction is in its lowest 52 - e bits and the units bit just above. */
static int integer_kind(double y)
{
    int e = exponent_of(y);
    if (e < 0)
        return NOT_INTEGER;                 /* 0 < |y| < 1 */
    if (e > 52)
        return EVEN_INTEGER;                /* from 2^53 on, every double is even */
    uint64_t significand = (bits_of(y) & FRAC_MASK) | 1ULL << 52;
    int point = 52 - e;
    if (significand & ((1ULL << point) - 1))
        return NOT_INTEGER;
    return (significand >> point) & 1 ? ODD_INTEGER : EVEN_INTEGER;
}

/* x^y = exp(y log x), with log x as a dd: a relative error d of log x becomes an error of
 * y log x * d in the result, and y log x goes up to 745 before it overflows or underflows. */
double pow(double x, double y)
{
    /* the special cases of C99 Annex F.9.4.4 */
    if (y == 0 || x == 1)
        return 1;                           /* even for a NaN */
    if (isnan(x) || isnan(y))
        return x + y;
    double ax = fabs(x);
    if (isinf(y)) {
        if (ax == 1)
            return 1;                       /* (-1)^inf */
        return (ax > 1) == (y > 0) ? HUGE_VAL : 0;
    }
    int kind = integer_kind(y), odd = kind == ODD_INTEGER;
    if (x == 0 || isinf(x)) {
        double r = (x == 0) == (y < 0) ? HUGE_VAL : 0;
        return odd ? copysign(r, x) : r;    /* (-0)^3 = -0, (-inf)^-1 = -0, (-0)^-1 = -inf */
    }
    double sign = 1;
    if (x < 0) {
        if (kind == NOT_INTEGER)
            return NAN;                     /* no real result */
        if (odd)
            sign = -1;
    }
    /* x is not 1, so |log x| >= 2^-54 and |y log x| >= 2^10: overflow or underflow */
    if (fabs(y) >= 0x1p64)
        return (ax > 1) == (y > 0) ? HUGE_VAL : 0;
    /* a power of two to an integer power: exact, rounded once by scalbn (exp(y log x) could
     * miss by a hair the ties at the bottom of the subnormal range, 2^-1075 say) */
    int ex = exponent_of(ax);
    if (kind != NOT_INTEGER && fabs(y) < 0x1p20 && ax == scalbn(1, ex))
        return sign * scalbn(1, (int)y * ex);

    dd l = log_core(ax);
    dd z = two_prod(y, l.hi);
    z.lo += y * l.lo;
    if (z.hi > 710)
        return sign * HUGE_VAL;
    if (z.hi < -746)
        return sign * 0.0;
    int k;
    dd e = exp_core(z, &k);
    return sign * scale_dd(e, k);
}

/* asinh x = log(x + sqrt(x^2 + 1)) */
double asinh(double x)
{
    double a = fabs(x);
    if (!(a >= 0x1p-26) || isinf(x))
        return x;                           /* tiny: x - x^3/6 rounds to x; NaN; +-inf */
    dd l;
    if (a > 0x1p28) {
        /* sqrt(a^2 + 1) = a to within 2^-57: log(2a) */
        l = dd_add(log_core(a), LN2);
    } else {
        dd root = dd_sqrt(dd_add(two_prod(a, a), dd_of(1)));
        l = log_dd(dd_add(root, dd_of(a)));
    }
    return copysign(l.hi + l.lo, x);
}

/* acosh x = log(x + sqrt(x^2 - 1)), x^2 - 1 = (x - 1)(x + 1) exactly enough near 1 */
double acosh(double x)
{
    if (isnan(x))
        return x + x;
    if (!(x >= 1))
        return NAN;
    if (x == HUGE_VAL)
        return x;
    dd l;
    if (x > 0x1p28) {
        l = dd_add(log_core(x), LN2);
    } else {
        dd xm1 = two_sum(x, -1), xp1 = two_sum(x, 1);
        dd p = two_prod(xm1.hi, xp1.hi);
        p.lo += xm1.hi * xp1.lo + xm1.lo * xp1.hi;
        l = log_dd(dd_add(dd_sqrt(p), dd_of(x)));
    }
    return l.hi + l.lo;
}

/* atanh x = log((1 + x)/(1 - x)) / 2 */
double atanh(double x)
{
    double a = fabs(x);
    if (!(a >= 0x1p-27))
        return x;                           /* tiny: x + x^3/3 rounds to x; NaN */
    if (a >= 1)
        return a == 1 ? copysign(HUGE_VAL, x) : NAN;
    dd l = log_dd(dd_div(two_sum(1, a), two_sum(1, -a)));
    return copysign((l.hi + l.lo) * 0.5, x);
}

/* ------------------------------------------------------------------------- atan */
/* atan(j/16), j = 0 .. 16 */
static const dd ATAN_J16[17] = {
    {0, 0},
    {0x1.ff55bb72cfdeap-5, -0x1.c934d86d23f1dp-60},
    {0x1.fd5ba9aac2f6ep-4, -0x1.cd37686760c17p-59},
    {0x1.7b97b4bce5b02p-3, 0x1.347b0b4f881cap-58},
    {0x1.f5b75f92c80ddp-3, 0x1.8ab6e3cf7afbdp-57},
    {0x1.362773707ebccp-2, -0x1.963a544b672d8p-57},
    {0x1.6f61941e4def1p-2, -0x1.c63aae6f6e918p-56},
    {0x1.a64eec3cc23fdp-2, -0x1.24dec1b50b7ffp-56},
    {0x1.dac670561bb4fp-2, 0x1.a2b7f222f65e2p-56},
    {0x1.0657e94db30d0p-1, -0x1.d5b495f6349e6p-56},
    {0x1.1e00babdefeb4p-1, -0x1.928df287a668fp-58},
    {0x1.345f01cce37bbp-1, 0x1.1021137c71102p-55},
    {0x1.4978fa3269ee1p-1, 0x1.2419a87f2a458p-56},
    {0x1.5d58987169b18p-1, 0x1.0028e4bc5e7cap-57},
    {0x1.700a7c5784634p-1, -0x1.8c34d25aadef6p-56},
    {0x1.819d0b7158a4dp-1, -0x1.bf76229d3b917p-56},
    {0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55},
};

/* atan(u) for u = u.hi + u.lo >= 0 (u.hi may be +inf), as a dd with a relative error below
 * about 2^-60. */
static dd atan_core(dd u)
{
    int reciprocal = u.hi > 1;
    if (reciprocal) {
        if (u.hi > 0x1p60)
            return PI_2;                    /* pi/2 - 1/u, 1/u far below an ulp of pi/2 */
        /* atan u = pi/2 - atan(1/u); 1/u as a dd from the exact remainder of 1/u.hi */
        double v = 1 / u.hi;
        dd vu = two_prod(v, u.hi);
        u.lo = ((1 - vu.hi) - vu.lo - v * u.lo) / u.hi;
        u.hi = v;
    }
    /* atan u = atan c + atan t, t = (u - c)/(1 + uc), c = j/16 the nearest, |t| <= 1/32 */
    int j = (int)(u.hi * 16 + 0.5);
    double c = j / 16.0;
    dd num = two_sum(u.hi - c, u.lo);       /* u.hi - c is exact: they are close, or c = 0 */
    /* 1 + uc: c has 5 bits, so u.hi*c is exactly u1*c + u2*c with u.hi split in halves */
    double u1 = split_hi(u.hi), u2 = u.hi - u1;
    dd den = fast_two_sum(1, u1 * c);
    den.lo += u2 * c + u.lo * c;
    dd t = dd_div(num, den);
    /* atan t = t - t^3/3 + t^5/5 - ... - t^13/13: the next term is below 2^-70 of t */
    double z = t.hi * t.hi;
    double tail = t.hi * z * (-1.0 / 3 + z * (1.0 / 5 + z * (-1.0 / 7 + z * (1.0 / 9
                  + z * (-1.0 / 11 + z * (1.0 / 13))))));
    dd s = two_sum(ATAN_J16[j].hi, t.hi);
    dd r = two_sum(s.hi, s.lo + ATAN_J16[j].lo + t.lo + tail);
    return reciprocal ? dd_sub(PI_2, r) : r;
}

double atan(double x)
{
    double a = fabs(x);
    if (!(a >= 0x1p-27))
        return x;                           /* tiny: x - x^3/3 rounds to x; NaN */
    dd r = atan_core(dd_of(a));
    return copysign(r.hi + r.lo, x);
}

/* The angle of (x, y): atan(|y/x|), mirrored into the quadrant of (x, y). */
double atan2(double y, double x)
{
    if (isnan(x) || isnan(y))
        return x + y;
    double ax = fabs(x), ay = fabs(y);
    dd a;                                   /* atan(|y/x|), in [0, pi/2] */
    if (ay == 0)
        a = dd_of(0);                       /* the signs decide: +-0 or +-pi */
    else if (isinf(ax))
        a = isinf(ay) ? PI_4 : dd_of(0);
    else if (ax == 0 || isinf(ay))
        a = PI_2;
    else {
        /* |y/x| = (Y/X) * 2^d with X, Y in [1, 2), Y/X as a dd from the exact remainder */
        int ex = exponent_of(ax), ey = exponent_of(ay), d = ey - ex;
        double X = scalbn(ax, -ex), Y = scalbn(ay, -ey);
        double q = Y / X;
        dd qx = two_prod(q, X);
        dd u = { q, ((Y - qx.hi) - qx.lo) / X };
        if (d > 60)
            a = PI_2;                       /* pi/2 - |x/y|, which is far below an ulp */
        else if (d < -60)
            /* atan |y/x| = |y/x| to 2^-120; scale_dd rounds it once where it is subnormal
             * (which compiler-rt's division gets wrong by an ulp at times, zig 0.17) */
            a = dd_of(scale_dd(u, d));
        else
            a = atan_core((dd){ scalbn(u.hi, d), scalbn(u.lo, d) });     /* exact */
    }
    if (signbit(x))
        a = dd_sub(PI, a);                  /* x < 0 or x = -0: the left half-plane */
    return copysign(a.hi + a.lo, y);
}

/* sqrt(1 - a^2) as a dd, for 0 <= a < 1 */
static dd sqrt_one_minus_square(double a)
{
    dd sq = two_prod(a, a);
    dd d = two_sum(1, -sq.hi);
    return dd_sqrt(two_sum(d.hi, d.lo - sq.lo));
}

/* asin x = atan(x / sqrt(1 - x^2)) */
double asin(double x)
{
    double a = fabs(x);
    if (!(a >= 0x1p-26))
        return x;                           /* tiny: x + x^3/6 rounds to x; NaN */
    if (a >= 1)
        return a == 1 ? copysign(PI_2.hi, x) : NAN;
    dd r = atan_core(dd_div(dd_of(a), sqrt_one_minus_square(a)));
    return copysign(r.hi + r.lo, x);
}

/* acos x = atan(sqrt(1 - x^2) / x), and pi minus that for x < 0 */
double acos(double x)
{
    double a = fabs(x);
    if (isnan(x))
        return x + x;
    if (a > 1)
        return NAN;
    if (a < 0x1p-57)
        return PI_2.hi;                     /* pi/2 - x rounds to pi/2 */
    dd r = a == 1 ? dd_of(0) : atan_core(dd_div(sqrt_one_minus_square(a), dd_of(a)));
    if (x < 0)
        r = dd_sub(PI, r);
    return r.hi + r.lo;
}

/* ------------------------------------------------------------------------- hypot, cbrt */
/* sqrt(x^2 + y^2) from x and y scaled to [1, 2) by a power of two (so that the squares
 * neither overflow nor underflow), with the squares and their sum kept exact in dd */
double hypot(double x, double y)
{
    double a = fabs(x), b = fabs(y);
    if (isinf(a) || isinf(b))
        return HUGE_VAL;                    /* even when the other is a NaN (F.9.4.3) */
    if (isnan(a) || isnan(b))
        return a + b;
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    if (b == 0)
        return a;
    int e = exponent_of(a);
    if (e - exponent_of(b) > 60)
        return a + b;                       /* b^2 is below 2^-120 of a^2 */
    a = scalbn(a, -e);
    b = scalbn(b, -e);
    return scale_dd(dd_sqrt(dd_add(two_prod(a, a), two_prod(b, b))), e);
}

double cbrt(double x)
{
    if (x == 0 || !isfinite(x))
        return x + x;                       /* +-0, +-inf, NaN */
    double a = fabs(x);
    /* a = m * 2^(3q), m in [1, 8): cbrt a = cbrt(m) * 2^q */
    int e = exponent_of(a);
    int q = (e >= 0 ? e : e - 2) / 3;       /* rounded down */
    double m = scalbn(a, -3 * q);
    /* a parabola through cbrt on [1, 8), good to 4%, then Newton's r - (r^3 - m)/(3 r^2),
     * which squares the relative error each time: 4%, 0.2%, 2e-6, 4e-12 */
    double r = 0.8017 + m * (0.2478 - m * 0.01273);
    for (int i = 0; i < 3; i++) {
        double r2 = r * r;
        r = r - (r2 * r - m) / (3 * r2);
    }
    /* a last step with the residual m - r^3 computed exactly, so that exact cubes are exact */
    dd r2 = two_prod(r, r);
    dd r3 = two_prod(r, r2.hi);
    double residual = (m - r3.hi) - r3.lo - r * r2.lo;
    r = r + residual / (3 * r2.hi);
    return copysign(scalbn(r, q), x);
}

/* ------------------------------------------------------------------------- float */
float cbrtf(float x) { return (float)cbrt(x); }
float hypotf(float x, float y) { return (float)hypot(x, y); }
float powf(float x, float y) { return (float)pow(x, y); }
float expm1f(float x) { return (float)expm1(x); }
float log1pf(float x) { return (float)log1p(x); }
float asinf(float x) { return (float)asin(x); }
float acosf(float x) { return (float)acos(x); }
float atanf(float x) { return (float)atan(x); }
float atan2f(float y, float x) { return (float)atan2(y, x); }
float sinhf(float x) { return (float)sinh(x); }
float coshf(float x) { return (float)cosh(x); }
float tanhf(float x) { return (float)tanh(x); }
float asinhf(float x) { return (float)asinh(x); }
float acoshf(float x) { return (float)acosh(x); }
float atanhf(float x) { return (float)atanh(x); }
float rintf(float x) { return (float)rint(x); }
float nearbyintf(float x) { return (float)rint(x); }
long lrintf(float x) { return (long)rint(x); }
long long llrintf(float x) { return (long long)rint(x); }
long lroundf(float x) { return (long)round(x); }
long long llroundf(float x) { return (long long)round(x); }
float fdimf(float x, float y) { return (float)fdim(x, y); }
float copysignf(float x, float y) { return __builtin_copysignf(x, y); }
float nanf(const char *tag) { (void)tag; return NAN; }
float frexpf(float x, int *exp) { return (float)frexp(x, exp); }
float ldexpf(float x, int n) { return (float)scalbn(x, n); }
float scalbnf(float x, int n) { return (float)scalbn(x, n); }
float scalblnf(float x, long n) { return (float)scalbln(x, n); }

float modff(float x, float *int_part)
{
    double i;
    float f = (float)modf(x, &i);
    *int_part = (float)i;
    return f;
}
