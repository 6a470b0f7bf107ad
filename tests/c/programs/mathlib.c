/* <math.h> on the guest (vmlab/runtime/math.c and zig's compiler-rt) against the host's glibc.
 *
 * Built as it is: results that have exactly one right answer, printed with %a, for a
 * byte-for-byte comparison: rounding functions, ldexp/frexp/modf/scalbn/copysign, fmod, fma,
 * sqrt, exact cases (pow(10, 15), hypot(3, 4)), the special values of every function (+-0,
 * +-inf, NaN, subnormals, C99 Annex F's table for pow and atan2), classification macros and
 * constants. A NaN is printed as "nan" whatever its sign (x86 makes -nan, RISC-V +nan).
 * Not here: cbrt of a cube, which glibc gets an ulp wrong (cbrt(27) = 3.0000000000000004).
 *
 * Built with -DULP_CHECK: for the functions whose results may differ in the last bit, the
 * bits of inputs and results over pseudo-random inputs (N per double function, N/2 per float
 * one), one line each: "name x [y] result" in hex; the test allows a difference of 2 ulp.
 * With -DHOST_REFERENCE as well (the host's build), the results are glibc's long double
 * functions rounded to double (x86's long double has 11 more bits), and its double functions
 * rounded to float: glibc's own double functions are off by up to 4 ulp (cbrt; tanh, sinh and
 * others by 2, by its manual), which would leave little room for the guest's own error.
 *
 * Inputs are read from volatile arrays so that no compiler folds a call into a constant. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static uint32_t fbits(float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

#ifndef ULP_CHECK

static void show(double v)
{
    if (isnan(v))
        printf(" nan");
    else
        printf(" %a", v);
}

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

typedef double (*fn1)(double);
typedef double (*fn2)(double, double);

/* One line per function: its results over a list of inputs. */
static void each1(const char *name, fn1 f, const volatile double *x, unsigned n)
{
    printf("%s:", name);
    for (unsigned i = 0; i < n; i++)
        show(f(x[i]));
    putchar('\n');
}

static void each2(const char *name, fn2 f, const volatile double (*xy)[2], unsigned n)
{
    printf("%s:", name);
    for (unsigned i = 0; i < n; i++)
        show(f(xy[i][0], xy[i][1]));
    putchar('\n');
}

/* numbers at the edges of rounding and of the format */
static const volatile double edges[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -3.75, 3.75,
    4503599627370497.0, -4503599627370495.5, 0x1p52, 1e300, -1e300, 0x1p-1074, -0x1p-1074,
    0x1.8p-1073, 0x1p-1022, 0x0.fffffffffffffp-1022, DBL_MAX, -DBL_MAX, INFINITY, -INFINITY, NAN,
};

/* special values for the other functions: f(x) is exactly known for all of them */
static const volatile double specials[] = {
    0.0, -0.0, INFINITY, -INFINITY, NAN, 0x1p-1074, -0x1p-1074, 0x1p-600, -0x1p-600,
};

static const volatile double pow_cases[][2] = {
    /* exact results */
    {2, 10}, {2, -3}, {10, 15}, {10, 22}, {-3, 3}, {-2, -3}, {-0.5, -3}, {3, 33}, {7, 18},
    {4, 0.5}, {9, 1.5}, {16, 0.25}, {0.25, -1.5}, {2, 1023}, {2, -1022}, {2, -1074},
    {0.5, 1074}, {-2, 1023}, {-1, 3}, {-1, 4}, {-1, 0x1p53}, {1000, 5}, {0.125, -341},
    /* overflow and underflow, also to a subnormal's tie (2^-1075 rounds to even: 0) */
    {2, 1024}, {-2, 1024}, {2, -1075}, {-2, -1075}, {10, 400}, {10, -400}, {-10, 401},
    {-10, -401}, {1.0000001, 1e20}, {0.9999999, 1e20}, {2, 0x1p63}, {-2, 1e300},
    {-0.5, 1e300}, {-0.5, -1e300},
    /* Annex F.9.4.4 */
    {NAN, 0}, {NAN, -0.0}, {1, NAN}, {1, INFINITY}, {1, -0.0}, {-1, INFINITY}, {-1, -INFINITY},
    {0, -3}, {-0.0, -3}, {-0.0, -2}, {-0.0, -0.5}, {0, 3}, {-0.0, 3}, {-0.0, 2}, {-0.0, 0.5},
    {-0.0, -INFINITY}, {0, INFINITY}, {-2, 0.5}, {-8, 1.0 / 3}, {0.5, INFINITY},
    {0.5, -INFINITY}, {-0.5, INFINITY}, {2, INFINITY}, {2, -INFINITY}, {-2, -INFINITY},
    {-INFINITY, 3}, {-INFINITY, -3}, {-INFINITY, 2}, {-INFINITY, -2}, {-INFINITY, 0.5},
    {INFINITY, -1}, {INFINITY, 0.5}, {NAN, 1}, {2, NAN},
};

static const volatile double atan2_cases[][2] = {
    {0.0, 0.0}, {-0.0, 0.0}, {0.0, -0.0}, {-0.0, -0.0}, {0.0, -1}, {-0.0, -1}, {0.0, 1},
    {-0.0, 1}, {1, 0.0}, {1, -0.0}, {-1, 0.0}, {-1, -0.0}, {INFINITY, INFINITY},
    {-INFINITY, INFINITY}, {INFINITY, -INFINITY}, {-INFINITY, -INFINITY}, {1, INFINITY},
    {-1, INFINITY}, {1, -INFINITY}, {-1, -INFINITY}, {INFINITY, 1}, {-INFINITY, -1},
    {NAN, 1}, {1, NAN}, {1, 1}, {-1, -1}, {0x1p-1074, 1e300}, {1e300, 0x1p-1074},
    {1, -1e300}, {-1, -1e300},
};

static const volatile double hypot_cases[][2] = {
    {3, 4}, {-5, 12}, {8, -15}, {0, -7}, {-0.0, 0.0}, {0x1.8p+901, 0x1p+903},
    {0x1.8p-1073, 0x1p-1072}, {INFINITY, NAN}, {NAN, -INFINITY}, {NAN, 1}, {DBL_MAX, 1},
    {DBL_MAX, DBL_MAX}, {1e300, 0}, {0x1p-1074, 0}, {1, 0x1p-60}, {20, 21},
};

static const volatile double fmod_cases[][2] = {
    {5.5, 2}, {-5.5, 2}, {5.5, -2}, {1e300, 3}, {7, 0.1}, {1, 0}, {INFINITY, 1}, {1, INFINITY},
    {-0.0, 1}, {0x1p-1074, 1}, {1, 0x1p-1074}, {NAN, 1}, {1, NAN}, {DBL_MAX, 0x1p-1074},
};

static const volatile double fma_cases[][3] = {
    {0.1, 10, -1}, {0x1.0000000000001p+0, 0x1.fffffffffffffp-1, -1}, {2, 3, 4},
    {INFINITY, 0, 1}, {1e308, 10, -INFINITY}, {0x1p-1074, 0.5, 0}, {0x1p-1074, 0.5, 0x1p-1074},
    {-0.0, 1, 0.0}, {DBL_MAX, 2, -DBL_MAX}, {0x1p-600, 0x1p-600, 1},
};

static const volatile double minmax_cases[][2] = {
    {1, 2}, {-1, NAN}, {NAN, -1}, {NAN, NAN}, {-INFINITY, 3}, {0x1p-1074, -0x1p-1074},
    {5, 3}, {3, 5}, {INFINITY, -INFINITY}, {DBL_MAX, -DBL_MAX},
};

static const volatile double copysign_cases[][2] = {
    {1, -0.0}, {-2, 0.0}, {INFINITY, -1}, {0.0, -INFINITY}, {3, NAN}, {-0x1p-1074, 1},
};

static const volatile struct { double x; int n; } scale_cases[] = {
    {1, 1023}, {1, 1024}, {-1, 1024}, {1, -1074}, {1, -1075}, {1.5, -1074}, {3, -1076},
    {0x1p-1074, 1074}, {0x1p-1074, 2100}, {0x1p-1023, 1}, {-0.0, 10}, {INFINITY, -5},
    {123.456, 0}, {1, 2147483647}, {1, -2147483647 - 1}, {0x1.fffffffffffffp-1, -1073},
    {0x1.0000000000001p+0, -1074}, {0x1.8000000000001p+0, -1074}, {DBL_MAX, -2097},
    {0x1p-1074, -1}, {-0x1.8p-1073, -1}, {0x1.2345p-1050, 30},
};

static const volatile double round_cases[] = {
    0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49999, -3.5, 1e9, -1e9, 2147483647.0, -2147483648.0, 0.0,
};

static const volatile float float_cases[] = {
    0.0f, -0.0f, 1.0f, -1.5f, 2.5f, 0.49999997f, 8388609.0f, 0x1p-149f, 0x1p-126f, 0x1.fffffep+127f,
    INFINITY, -INFINITY, NAN, 27.0f, -0.125f, 3.375f,
};

static void exact_functions(void)
{
    each1("floor", floor, edges, COUNT(edges));
    each1("ceil", ceil, edges, COUNT(edges));
    each1("trunc", trunc, edges, COUNT(edges));
    each1("round", round, edges, COUNT(edges));
    each1("rint", rint, edges, COUNT(edges));
    each1("nearbyint", nearbyint, edges, COUNT(edges));
    each1("fabs", fabs, edges, COUNT(edges));
    each1("sqrt", sqrt, edges, COUNT(edges));           /* IEEE 754: correctly rounded */
    each2("pow", pow, pow_cases, COUNT(pow_cases));
    each2("atan2", atan2, atan2_cases, COUNT(atan2_cases));
    each2("hypot", hypot, hypot_cases, COUNT(hypot_cases));
    each2("fmod", fmod, fmod_cases, COUNT(fmod_cases));
    each2("fmin", fmin, minmax_cases, COUNT(minmax_cases));
    each2("fmax", fmax, minmax_cases, COUNT(minmax_cases));
    each2("fdim", fdim, minmax_cases, COUNT(minmax_cases));
    each2("copysign", copysign, copysign_cases, COUNT(copysign_cases));
    printf("fma:");
    for (unsigned i = 0; i < COUNT(fma_cases); i++)
        show(fma(fma_cases[i][0], fma_cases[i][1], fma_cases[i][2]));
    printf("\nldexp scalbn scalbln:");
    for (unsigned i = 0; i < COUNT(scale_cases); i++) {
        show(ldexp(scale_cases[i].x, scale_cases[i].n));
        show(scalbn(scale_cases[i].x, scale_cases[i].n));
        show(scalbln(scale_cases[i].x, scale_cases[i].n));
    }
    printf("\nfrexp:");
    for (unsigned i = 0; i < COUNT(edges); i++) {
        int e = 12345;
        double m = frexp(edges[i], &e);
        show(m);
        if (isfinite(edges[i]))              /* C leaves *exp unspecified for inf and NaN */
            printf(" %d", e);
    }
    printf("\nmodf:");
    for (unsigned i = 0; i < COUNT(edges); i++) {
        double ip;
        show(modf(edges[i], &ip));
        show(ip);
    }
    printf("\nlround llround lrint llrint:");
    for (unsigned i = 0; i < COUNT(round_cases); i++)
        printf(" %ld %lld %ld %lld", lround(round_cases[i]), llround(round_cases[i] * 1e5),
               lrint(round_cases[i]), llrint(round_cases[i] * 1e5));
    printf("\nnan: %d %d\n", isnan(nan("")) != 0, isnan(nanf("")) != 0);
}

static void special_values(void)
{
    /* tiny: whether f(x) for the tiny x in specials has one right answer in glibc too (not
     * log(2^-600) = -415.88..., and glibc's cbrt(2^-600) is an ulp below 2^-200) */
    static const struct { const char *name; fn1 f; int tiny; } functions[] = {
        {"sin", sin, 1}, {"cos", cos, 1}, {"tan", tan, 1}, {"asin", asin, 1}, {"acos", acos, 1},
        {"atan", atan, 1}, {"sinh", sinh, 1}, {"cosh", cosh, 1}, {"tanh", tanh, 1},
        {"asinh", asinh, 1}, {"acosh", acosh, 1}, {"atanh", atanh, 1}, {"exp", exp, 1},
        {"exp2", exp2, 1}, {"expm1", expm1, 1}, {"log", log, 0}, {"log2", log2, 1},
        {"log10", log10, 0}, {"log1p", log1p, 1}, {"cbrt", cbrt, 0},
    };
    for (unsigned i = 0; i < COUNT(functions); i++) {
        printf("%s:", functions[i].name);
        for (unsigned j = 0; j < COUNT(specials); j++) {
            double x = specials[j];
            if (!functions[i].tiny && x != 0 && isfinite(x))
                continue;
            show(functions[i].f(x));
        }
        putchar('\n');
    }
    /* the other points where the value is exactly known */
    static const volatile double one = 1, minus_one = -1, two = 2, big = 1000, ten = 10;
    printf("at 1 and -1:");
    show(asin(one)); show(asin(minus_one)); show(acos(one)); show(acos(minus_one));
    show(atan(one)); show(atanh(one)); show(atanh(minus_one)); show(acosh(one));
    show(log(one)); show(log2(one)); show(log10(one)); show(log1p(minus_one));
    printf("\nout of range:");
    show(asin(two)); show(acos(two)); show(acosh(-two)); show(atanh(two)); show(log(minus_one));
    show(log1p(-two)); show(sqrt(minus_one)); show(acosh(one / two));
    printf("\nbig:");
    show(exp(big)); show(exp(-big)); show(exp2(big * 2)); show(expm1(big)); show(expm1(-big));
    show(sinh(big)); show(sinh(-big)); show(cosh(big)); show(tanh(big)); show(tanh(-ten * 3));
    show(exp2(ten)); show(exp2(-1074 * one)); show(log2(big * 1.024)); show(log10(big));
    show(atan(big * 1e300)); show(log2(0x1p-1074 * one));
    static const volatile float fbig = 1000, fone = 1;
    printf("\nfloat:");
    show(sinhf(fbig)); show(coshf(-fbig)); show(expf(fbig)); show(log1pf(-fone));
    show(acosf(-fone)); show(atan2f(0.0f, -fone)); show(powf(-2 * fone, 3));
    putchar('\n');
}

static void float_functions(void)
{
    printf("float:");
    for (unsigned i = 0; i < COUNT(float_cases); i++) {
        float x = float_cases[i];
        int e = 0;
        float ip;
        show(floorf(x)); show(ceilf(x)); show(truncf(x)); show(roundf(x)); show(rintf(x));
        show(nearbyintf(x)); show(fabsf(x)); show(sqrtf(x)); show(frexpf(x, &e));
        printf(" %d", isfinite(x) ? e : 0);
        show(modff(x, &ip)); show(ip); show(ldexpf(x, -3)); show(scalbnf(x, 200));
        show(scalblnf(x, -160)); show(copysignf(3.0f, x)); show(cbrtf(x));
        show(fmodf(x, 0.75f)); show(fmaf(x, x, -1.0f)); show(fminf(x, 1.0f)); show(fmaxf(x, 1.0f));
        show(fdimf(x, 1.0f)); show(hypotf(x, 4.0f)); show(powf(x, 3.0f)); show(powf(2.0f, x));
        show(atan2f(x, -0.0f));
    }
    static const volatile float two = 2, ten = 10, one_and_half = 1.5f, three = 3;
    printf("\nfloat exact:");
    show(powf(two, 10)); show(powf(ten, 7)); show(powf(-three, 3)); show(powf(two, -149));
    show(powf(two, -150)); show(powf(two, 128)); show(ldexpf(1, -149)); show(ldexpf(1, -150));
    show(ldexpf(one_and_half, -149)); show(ldexpf(three, -151)); show(ldexpf(1, 128));
    show(hypotf(three, 4)); show(roundf(two + 0.5f)); show(rintf(two + 0.5f));
    printf(" %ld %lld %ld %lld\n", lroundf(-two - 0.5f), llroundf(ten * 1e5f), lrintf(-two - 0.5f),
           llrintf(ten * 1e5f));
}

static void macros(void)
{
    static const volatile double values[] = {
        0.0, -0.0, 1.0, -0x1p-1074, DBL_MAX, INFINITY, -INFINITY, NAN,
    };
    printf("classify:");
    for (unsigned i = 0; i < COUNT(values); i++) {
        double x = values[i];
        float f = (float)x;
        printf(" [%d %d %d %d %d %d | %d %d %d %d %d %d]", fpclassify(x), isnan(x) != 0, isinf(x),
               isfinite(x) != 0, isnormal(x) != 0, signbit(x) != 0, fpclassify(f), isnan(f) != 0,
               isinf(f), isfinite(f) != 0, isnormal(f) != 0, signbit(f) != 0);
    }
    volatile double n = NAN, one = 1;
    printf("\ncompare: %d %d %d %d %d %d %d %d\n", isgreater(n, one), isgreaterequal(one, one),
           isless(one, n), islessequal(one, 2.0), islessgreater(one, 2.0), islessgreater(n, one),
           isunordered(n, one), isunordered(one, 2.0));
    printf("constants:");
    show(M_E); show(M_LOG2E); show(M_LOG10E); show(M_LN2); show(M_LN10); show(M_PI); show(M_PI_2);
    show(M_PI_4); show(M_1_PI); show(M_2_PI); show(M_2_SQRTPI); show(M_SQRT2); show(M_SQRT1_2);
    printf(" %f %f %f %d %d %d\n", HUGE_VAL, (double)HUGE_VALF, (double)INFINITY, isnan(NAN) != 0,
           (int)sizeof(float_t), (int)sizeof(double_t));
}

int main(void)
{
    exact_functions();
    special_values();
    float_functions();
    macros();
    return 0;
}

#else /* ULP_CHECK */

#ifndef N
#define N 200
#endif

static uint64_t state = 0x2545F4914F6CDD1DULL;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static int float_mode;      /* inputs for the float functions: keep to float's exponents */

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(next() >> 11) * 0x1p-53);
}

/* a positive number from [2^emin, 2^(emax+1)), each binade as likely */
static double wide(int emin, int emax)
{
    if (float_mode) {
        emin = emin < -149 ? -149 : emin;
        emax = emax > 127 ? 127 : emax;
        if (emin > emax)
            emin = emax;
    }
    double m = 1 + (double)(next() >> 12) * 0x1p-52;
    return ldexp(m, emin + (int)(next() % (uint64_t)(emax - emin + 1)));
}

static double either_sign(double x)
{
    return next() & 1 ? -x : x;
}

/* Each function's inputs come from four families, taken in turn: k = 0 .. 3 */
static double exp_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-745, 710);
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-60, -4));
    default: return uniform(-745, -700);            /* subnormal results */
    }
}

static double exp2_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-1075, 1024);
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-60, -4));
    default: return uniform(-1075, -1022);
    }
}

static double expm1_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-40, 710);
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-60, -4));
    default: return uniform(-0.1, 0.1);
    }
}

static double log_inputs(int k)
{
    switch (k) {
    case 0: return wide(-1074, 1023);
    case 1: return uniform(0.5, 2);
    case 2: return 1 + either_sign(wide(-50, -5));  /* near 1 */
    default: return uniform(0, 100);
    }
}

static double log1p_inputs(int k)
{
    switch (k) {
    case 0: return wide(-60, 1023);
    case 1: return uniform(-1, 1);
    case 2: return either_sign(wide(-60, -5));
    default: return -1 + wide(-52, -2);             /* near -1 */
    }
}

static double trig_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-10, 10);
    case 1: return either_sign(wide(-30, 20));
    case 2: return uniform(-1e6, 1e6);
    default: return either_sign(wide(20, 1023));    /* huge: argument reduction */
    }
}

static double asin_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-1, 1);
    case 1: return either_sign(wide(-60, -1));
    case 2: return either_sign(1 - wide(-53, -4));  /* near +-1 */
    default: return uniform(-0.6, 0.6);
    }
}

static double atan_inputs(int k)
{
    switch (k) {
    case 0: return either_sign(wide(-60, 60));
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-1074, 1023));
    default: return uniform(-20, 20);
    }
}

static double hyperbolic_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-711, 711);
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-60, -4));
    default: return uniform(-25, 25);
    }
}

static double tanh_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-20, 20);
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-60, -4));
    default: return uniform(-0.5, 0.5);
    }
}

static double asinh_inputs(int k)
{
    switch (k) {
    case 0: return either_sign(wide(-60, 1023));
    case 1: return uniform(-2, 2);
    case 2: return either_sign(wide(-60, -4));
    default: return uniform(-100, 100);
    }
}

static double acosh_inputs(int k)
{
    switch (k) {
    case 0: return 1 + wide(-60, 1023);
    case 1: return uniform(1, 3);
    case 2: return 1 + wide(-52, -4);               /* near 1 */
    default: return uniform(1, 1e6);
    }
}

static double atanh_inputs(int k)
{
    switch (k) {
    case 0: return uniform(-1, 1);
    case 1: return either_sign(wide(-60, -1));
    case 2: return either_sign(1 - wide(-53, -4));  /* near +-1 */
    default: return uniform(-0.5, 0.5);
    }
}

static double cbrt_inputs(int k)
{
    switch (k) {
    case 0: return either_sign(wide(-1074, 1023));
    case 1: return uniform(-10, 10);
    case 2: return uniform(0, 1);
    default: { double n = (double)(int)uniform(-1e5, 1e5); return n * n * n; }   /* cubes */
    }
}

static void pow_inputs(int k, double *x, double *y)
{
    switch (k) {
    case 0: *x = wide(-20, 20); *y = uniform(-60, 60); break;       /* over- and underflow too */
    case 1: *x = wide(-1074, 1023); *y = uniform(-2, 2); break;
    case 2: *x = 1 + either_sign(wide(-52, -10)); *y = either_sign(wide(0, 60)); break;
    default: *x = -uniform(0.5, 100); *y = (double)(int)uniform(-200, 200); break;   /* x < 0 */
    }
}

static void atan2_inputs(int k, double *y, double *x)
{
    switch (k) {
    case 0: *y = either_sign(wide(-30, 30)); *x = either_sign(wide(-30, 30)); break;
    case 1: *y = either_sign(wide(-1074, 1023)); *x = either_sign(wide(-1074, 1023)); break;
    case 2: *y = uniform(-1, 1); *x = uniform(-1, 1); break;
    default: *y = either_sign(wide(-100, 100)); *x = uniform(-1, 1); break;
    }
}

static void hypot_inputs(int k, double *x, double *y)
{
    switch (k) {
    case 0: *x = either_sign(wide(-1074, 1023)); *y = either_sign(wide(-1074, 1023)); break;
    case 1: *x = uniform(-10, 10); *y = uniform(-10, 10); break;
    case 2: *x = wide(-20, 20); *y = *x * uniform(0, 1e-8); break;
    default: *x = wide(1000, 1023); *y = wide(1000, 1023); break;   /* near overflow */
    }
}

#ifdef HOST_REFERENCE
#define LONG(f) f##l
#else
#define LONG(f) 0
#endif

/* f and ff over N and N/2 inputs; with a reference (the host), fl and f instead */
static void run1(const char *name, double (*f)(double), float (*ff)(float),
                 long double (*fl)(long double), double (*inputs)(int))
{
    for (int i = 0; i < N; i++) {
        double x = inputs(i % 4);
        double r = fl ? (double)fl(x) : f(x);
        printf("%s %016llx %016llx\n", name, (unsigned long long)bits(x),
               (unsigned long long)bits(r));
    }
    float_mode = 1;
    for (int i = 0; i < N / 2; i++) {
        float x = (float)inputs(i % 4);
        float r = fl ? (float)f(x) : ff(x);
        printf("%sf %08x %08x\n", name, (unsigned)fbits(x), (unsigned)fbits(r));
    }
    float_mode = 0;
}

static void run2(const char *name, double (*f)(double, double), float (*ff)(float, float),
                 long double (*fl)(long double, long double),
                 void (*inputs)(int, double *, double *))
{
    double x, y;
    for (int i = 0; i < N; i++) {
        inputs(i % 4, &x, &y);
        double r = fl ? (double)fl(x, y) : f(x, y);
        printf("%s %016llx %016llx %016llx\n", name, (unsigned long long)bits(x),
               (unsigned long long)bits(y), (unsigned long long)bits(r));
    }
    float_mode = 1;
    for (int i = 0; i < N / 2; i++) {
        inputs(i % 4, &x, &y);
        float xf = (float)x, yf = (float)y;
        float r = fl ? (float)f(xf, yf) : ff(xf, yf);
        printf("%sf %08x %08x %08x\n", name, (unsigned)fbits(xf), (unsigned)fbits(yf),
               (unsigned)fbits(r));
    }
    float_mode = 0;
}

int main(void)
{
    run1("exp", exp, expf, LONG(exp), exp_inputs);
    run1("exp2", exp2, exp2f, LONG(exp2), exp2_inputs);
    run1("expm1", expm1, expm1f, LONG(expm1), expm1_inputs);
    run1("log", log, logf, LONG(log), log_inputs);
    run1("log2", log2, log2f, LONG(log2), log_inputs);
    run1("log10", log10, log10f, LONG(log10), log_inputs);
    run1("log1p", log1p, log1pf, LONG(log1p), log1p_inputs);
    run1("sin", sin, sinf, LONG(sin), trig_inputs);
    run1("cos", cos, cosf, LONG(cos), trig_inputs);
    run1("tan", tan, tanf, LONG(tan), trig_inputs);
    run1("asin", asin, asinf, LONG(asin), asin_inputs);
    run1("acos", acos, acosf, LONG(acos), asin_inputs);
    run1("atan", atan, atanf, LONG(atan), atan_inputs);
    run1("sinh", sinh, sinhf, LONG(sinh), hyperbolic_inputs);
    run1("cosh", cosh, coshf, LONG(cosh), hyperbolic_inputs);
    run1("tanh", tanh, tanhf, LONG(tanh), tanh_inputs);
    run1("asinh", asinh, asinhf, LONG(asinh), asinh_inputs);
    run1("acosh", acosh, acoshf, LONG(acosh), acosh_inputs);
    run1("atanh", atanh, atanhf, LONG(atanh), atanh_inputs);
    run1("cbrt", cbrt, cbrtf, LONG(cbrt), cbrt_inputs);
    run2("pow", pow, powf, LONG(pow), pow_inputs);
    run2("atan2", atan2, atan2f, LONG(atan2), atan2_inputs);
    run2("hypot", hypot, hypotf, LONG(hypot), hypot_inputs);
    return 0;
}
#endif
