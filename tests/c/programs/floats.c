/* Floating point on an RV32IM guest: soft-float arithmetic (zig's compiler-rt) and printf's
 * %f %e %g %a (the runtime's, from the bits), compared byte for byte with the host's glibc.
 * Left out: %La (x86's long double is not binary128) and %#.Ng where rounding carries into a
 * new digit (glibc prints 999.9999 with %#.3g as "1.e+03"; C asks for "1.00e+03"). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint64_t seed = 0x9E3779B97F4A7C15ULL;

static uint64_t next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static const char *const formats[] = {
    "%f", "%.0f", "%.1f", "%.3f", "%.10f", "%.25f", "%#.0f", "%+12.4f|", "%-12.2f|", "%012.3f",
    "%e", "%.0e", "%.3e", "%.16e", "%.30e", "%#.0e", "%E", "%+.2e", "% 015.4e", "%-14e|",
    "%g", "%.0g", "%.1g", "%.3g", "%.10g", "%.17g", "%#g", "%G", "%+g", "%012g", "%-10.4g|",
    "%a", "%.0a", "%.1a", "%.3a", "%.20a", "%A", "%#a", "%+a", "%020.2a", "%-16a|",
};

static void show(double v)
{
    for (unsigned i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        printf(formats[i], v);
        putchar(' ');
    }
    putchar('\n');
}

int main(void)
{
    /* arithmetic the compiler cannot fold: volatile inputs */
    volatile int seven = 7, three = 3;
    volatile double vd = 0.1;
    volatile float vf = 1.0f / 3.0f;
    double d = seven / (double)three + vd * 10.0 - 0.5;
    float f = vf * (float)seven + 0.125f;
    printf("arith %.17g %.9g %d %d %u\n", d, (double)f, (int)(d * 1000), (int)-d,
           (unsigned)(d * 1e9));
    long long big = (long long)(d * 1e15);
    printf("convert %lld %.17g %.17g\n", big, (double)big, (double)(unsigned long long)big * 3);
    double acc = 0;
    for (int i = 1; i <= 100; i++)
        acc += 1.0 / (i * (double)i);
    printf("sum %.17g cmp %d %d %d\n", acc, acc < 1.645, acc > 1.6, acc == acc);
    double x = 2.0;                 /* Newton's square root */
    for (int i = 0; i < 6; i++)
        x = 0.5 * (x + 2.0 / x);
    printf("sqrt2 %.17g %.17g\n", x, x * x - 2.0);
    float ff = 0.0f;
    for (int i = 0; i < 1000; i++)
        ff += 0.001f;
    printf("float %.9g %.9g\n", (double)ff, (double)(ff / 7.0f));

    static const double fixed[] = {
        0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 0.125, 0.1, 0.3, 2.0 / 3.0, 9.5, 99.5, 999.9999999,
        0.05, 0.15, 0.25, 0.35, 1e-5, 1e-4, 123456.0, 1e15, 1e16, 1e17, 123456789012345678.0,
        1e21, 1e22, 1e100, 1e300, 1.7976931348623157e308, 2.2250738585072014e-308,
        4.9406564584124654e-324, 1e-310, 9.999999999999999e22, 0.000123456789, 5e-324 * 3,
        3.14159265358979323846, 2.718281828459045, -0.0, 1.0 / 0.0, -1.0 / 0.0,
    };
    for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        show(fixed[i]);
    show(from_bits(0x7FF8000000000000ULL));     /* nan */
    for (int i = 0; i < 14; i++)
        show(from_bits(next()));                  /* any bits: every exponent */
    for (int i = 0; i < 8; i++)
        show((double)(int32_t)next() / 1024.0);   /* everyday magnitudes */
    long double ld = (long double)(2.0 / 3.0);
    printf("long double %Lf %.20Le %Lg\n", ld, ld, ld);
    printf("width %*.*f|%-*.*e|\n", 12, 3, 3.14159, 14, 2, -2.5e-7);
    return 0;
}
