/* math.h of the vmlab guest runtime.
 *
 * The guest (RV32IM) has no floating-point hardware: every float and double operation is a
 * call into software (zig's compiler-rt) of 100 to 300 instructions, and a function below
 * costs from a few hundred instructions (sqrt, ldexp) or a few thousand (floor, sin, exp, log,
 * fma) to 10,000 - 30,000 (pow, atan2, asin, cbrt, log10: those compute with extra precision).
 *
 * Where the functions come from:
 *   zig's compiler-rt     sqrt floor ceil trunc round fabs fmod fma fmin fmax
 *                         sin cos tan exp exp2 log (and their f forms), log2f log10f
 *   vmlab/runtime/math.c  everything else declared here (log2 and log10 too: compiler-rt's
 *                         are wrong for some subnormal numbers)
 * Results are within about an ulp (a unit in the last place) of the exact value; those that
 * are exactly representable (sqrt(16), pow(10, 15), hypot(3, 4), ldexp ...) are exact.
 * errno is never set and there are no floating-point exception flags: an invalid operation
 * gives NAN, an overflow gives +-HUGE_VAL, and there is nothing else to check.
 * No -lm is needed: the math library is part of the runtime. */
#ifndef _VMLAB_MATH_H
#define _VMLAB_MATH_H

#ifdef __cplusplus
extern "C" {
#endif

/* float arithmetic is done in float, double in double (FLT_EVAL_METHOD 0) */
typedef float float_t;
typedef double double_t;

#define HUGE_VAL  __builtin_huge_val()      /* +infinity: what an overflowing function returns */
#define HUGE_VALF __builtin_huge_valf()
#define HUGE_VALL __builtin_huge_vall()
#define INFINITY  __builtin_inff()
#define NAN       __builtin_nanf("")        /* a quiet NaN ("not a number") */

/* Classification: these take float or double. The values are glibc's. */
#define FP_NAN       0
#define FP_INFINITE  1
#define FP_ZERO      2
#define FP_SUBNORMAL 3
#define FP_NORMAL    4
#define fpclassify(x) \
    __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, (x))
#define isnan(x)      __builtin_isnan(x)
#define isinf(x)      __builtin_isinf_sign(x)   /* 1 for +inf, -1 for -inf, as glibc's */
#define isfinite(x)   __builtin_isfinite(x)
#define isnormal(x)   __builtin_isnormal(x)
#define signbit(x)    __builtin_signbit(x)      /* nonzero for -0.0 too */

/* Comparisons that are simply false (no exception) when an operand is a NaN */
#define isgreater(x, y)      __builtin_isgreater((x), (y))
#define isgreaterequal(x, y) __builtin_isgreaterequal((x), (y))
#define isless(x, y)         __builtin_isless((x), (y))
#define islessequal(x, y)    __builtin_islessequal((x), (y))
#define islessgreater(x, y)  __builtin_islessgreater((x), (y))
#define isunordered(x, y)    __builtin_isunordered((x), (y))

/* Constants from POSIX (not ISO C), as glibc has them */
#define M_E        2.71828182845904523536   /* e */
#define M_LOG2E    1.44269504088896340736   /* log2(e) */
#define M_LOG10E   0.434294481903251827651  /* log10(e) */
#define M_LN2      0.693147180559945309417  /* log(2) */
#define M_LN10     2.30258509299404568402   /* log(10) */
#define M_PI       3.14159265358979323846   /* pi */
#define M_PI_2     1.57079632679489661923   /* pi/2 */
#define M_PI_4     0.785398163397448309616  /* pi/4 */
#define M_1_PI     0.318309886183790671538  /* 1/pi */
#define M_2_PI     0.636619772367581343076  /* 2/pi */
#define M_2_SQRTPI 1.12837916709551257390   /* 2/sqrt(pi) */
#define M_SQRT2    1.41421356237309504880   /* sqrt(2) */
#define M_SQRT1_2  0.707106781186547524401  /* 1/sqrt(2) */

/* Powers, roots, exponentials and logarithms (log is the natural logarithm) */
double sqrt(double x);
double cbrt(double x);
double hypot(double x, double y);           /* sqrt(x*x + y*y) without overflow */
double pow(double x, double y);
double exp(double x);
double exp2(double x);
double expm1(double x);                     /* exp(x) - 1, accurate also for x near 0 */
double log(double x);
double log2(double x);
double log10(double x);
double log1p(double x);                     /* log(1 + x), accurate also for x near 0 */

/* Trigonometric and hyperbolic functions (angles in radians) */
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);           /* the angle of the point (x, y): -pi .. pi */
double sinh(double x);
double cosh(double x);
double tanh(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);

/* Rounding and remainders */
double floor(double x);
double ceil(double x);
double trunc(double x);                     /* toward zero */
double round(double x);                     /* halfway cases away from zero */
double rint(double x);                      /* halfway cases to even */
double nearbyint(double x);                 /* the same as rint here */
long lround(double x);
long long llround(double x);
long lrint(double x);
long long llrint(double x);
double fmod(double x, double y);            /* x - n*y, n = x/y rounded toward zero */
double modf(double x, double *int_part);    /* the fraction of x; *int_part = trunc(x) */

/* Sign, magnitude, the parts of a double */
double fabs(double x);
double copysign(double x, double y);        /* |x| with the sign of y */
double fmin(double x, double y);
double fmax(double x, double y);
double fdim(double x, double y);            /* x - y when x > y, else +0 */
double fma(double x, double y, double z);   /* x*y + z, rounded once */
double frexp(double x, int *exp);           /* x = m * 2^*exp with 0.5 <= |m| < 1 */
double ldexp(double x, int n);              /* x * 2^n */
double scalbn(double x, int n);             /* x * 2^n */
double scalbln(double x, long n);
double nan(const char *tag);                /* a quiet NaN; the tag is ignored */

/* The same for float */
float sqrtf(float x);
float cbrtf(float x);
float hypotf(float x, float y);
float powf(float x, float y);
float expf(float x);
float exp2f(float x);
float expm1f(float x);
float logf(float x);
float log2f(float x);
float log10f(float x);
float log1pf(float x);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float atan2f(float y, float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
float asinhf(float x);
float acoshf(float x);
float atanhf(float x);
float floorf(float x);
float ceilf(float x);
float truncf(float x);
float roundf(float x);
float rintf(float x);
float nearbyintf(float x);
long lroundf(float x);
long long llroundf(float x);
long lrintf(float x);
long long llrintf(float x);
float fmodf(float x, float y);
float modff(float x, float *int_part);
float fabsf(float x);
float copysignf(float x, float y);
float fminf(float x, float y);
float fmaxf(float x, float y);
float fdimf(float x, float y);
float fmaf(float x, float y, float z);
float frexpf(float x, int *exp);
float ldexpf(float x, int n);
float scalbnf(float x, int n);
float scalblnf(float x, long n);
float nanf(const char *tag);

#ifdef __cplusplus
}
#endif
#endif
