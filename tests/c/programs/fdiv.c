/* Division of doubles and floats (the runtime's __divdf3 and __divsf3), compared bit for bit
 * with the host, whose divsd and divss round correctly: special values, then pseudo-random
 * pairs picked so that many quotients are subnormal (where zig 0.17.1's compiler-rt rounds
 * wrongly), near the normal/subnormal boundary or near overflow. Each line: the operands and
 * the quotient in hex; a NaN quotient prints as "nan", since NaN payloads may differ. */
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef N
#define N 400                               /* random pairs of each kind and format */
#endif

static uint64_t seed = 0x2545F4914F6CDD1DULL;

static uint64_t next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static double d_of(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t d_bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float f_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t f_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* The line "d|f a b q" in hex, by hand: printf's %llx would cost the guest more than the
 * divisions. */
static void show(char kind, uint64_t a, uint64_t b, uint64_t q, int digits, int is_nan)
{
    char line[64], *p = line;
    const uint64_t v[3] = {a, b, q};
    *p++ = kind;
    for (int k = 0; k < 3; k++) {
        *p++ = ' ';
        if (k == 2 && is_nan) {
            memcpy(p, "nan", 3);
            p += 3;
            break;
        }
        for (int i = digits - 1; i >= 0; i--)
            *p++ = "0123456789abcdef"[(v[k] >> (4 * i)) & 15];
    }
    *p = 0;
    puts(line);
}

static void div_d(double a, double b)
{
    volatile double x = a, y = b;           /* not folded by the compiler */
    double q = x / y;
    show('d', d_bits(a), d_bits(b), d_bits(q), 16, q != q);
}

static void div_f(float a, float b)
{
    volatile float x = a, y = b;
    float q = x / y;
    show('f', f_bits(a), f_bits(b), f_bits(q), 8, q != q);
}

/* A pair whose exponent fields differ by diff (the quotient's field is about diff + bias),
 * with random signs and fractions; a subnormal a when asked (its field 0). */
static void pair_d(int diff, int sub)
{
    uint64_t x = next(), y = next();
    int eb = 1 + (int)(next() % 2046), ea = eb + diff;
    if (ea < 1 || ea > 2046) {               /* keep both fields in range: move eb */
        ea = ea < 1 ? 1 + (int)(next() % 8) : 2046 - (int)(next() % 8);
        eb = ea - diff;
        if (eb < 1 || eb > 2046)
            return;
    }
    if (sub)
        ea = 0;
    if (next() % 4 == 0)                     /* a short fraction: exact quotients and ties */
        x &= ~0xFFFFFFFFFFULL;
    div_d(d_of((x & 0x800FFFFFFFFFFFFFULL) | (uint64_t)ea << 52),
          d_of((y & 0x800FFFFFFFFFFFFFULL) | (uint64_t)eb << 52));
}

static void pair_f(int diff, int sub)
{
    uint32_t x = (uint32_t)(next() >> 32), y = (uint32_t)(next() >> 32);
    int eb = 1 + (int)(next() % 254), ea = eb + diff;
    if (ea < 1 || ea > 254) {
        ea = ea < 1 ? 1 + (int)(next() % 8) : 254 - (int)(next() % 8);
        eb = ea - diff;
        if (eb < 1 || eb > 254)
            return;
    }
    if (sub)
        ea = 0;
    if (next() % 4 == 0)
        x &= ~0xFFFFu;
    div_f(f_of((x & 0x807FFFFFu) | (uint32_t)ea << 23), f_of((y & 0x807FFFFFu) | (uint32_t)eb << 23));
}

int main(void)
{
    const double inf = d_of(0x7FF0000000000000ULL), nan = d_of(0x7FF8000000000000ULL);
    const double min = DBL_MIN, tmin = d_of(1);
    static const double special[][2] = {
        {0.0, 0.0}, {-0.0, 0.0}, {1.0, 0.0}, {-1.0, 0.0}, {1.0, -0.0}, {0.0, -3.0}, {-0.0, -3.0},
        {0.0, 1e-310}, {1e-310, 0.0}, {1.0, 3.0}, {-7.0, 2.0}, {6.0, 3.0}, {1.0, 10.0},
        {DBL_MAX, 0.5}, {DBL_MAX, -0.5}, {DBL_MAX, 1.0}, {DBL_MAX, DBL_MAX}, {DBL_MAX, DBL_MIN},
        {DBL_MIN, 2.0}, {-DBL_MIN, 2.0}, {DBL_MIN, DBL_MAX}, {DBL_MIN, 3.0},
        {0x1p-1074, 2.0}, {-0x1p-1074, 2.0}, {0x1p-1074, 1.5}, {0x1p-1074, 0x1.0000000000001p1},
        {0x1p-1073, 2.0}, {0x1.8p-1073, 2.0}, {0x1.8p-1072, 2.0}, {0x3p-1074, 2.0},
        {0x1p-1074, 0.5}, {0x1p-1074, 0x1.8p-1}, {0x1p-1074, 0x1p-52}, {0x1p-1074, 0x1p-1074},
        {0x1.fffffffffffffp-1023, 0x1.fffffffffffffp-1}, {0x1p-1022, 0x1.0000000000001p0},
        {0x1.3b6ab628c3f29p-1003, 0x1.b85c3ef0cd9a6p+66}, {1.0, 0x1p-1074}, {1.0, 0x1p1023},
        {0x1p1023, 0x1p-1}, {0x1.fffffffffffffp1023, 0x1.fffffffffffffp-1},
        {0x1p-1022, 0x1.0000000000001p1}, {0x1.0000000000003p-1022, 0x1p1},
    };
    for (unsigned i = 0; i < sizeof special / sizeof special[0]; i++)
        div_d(special[i][0], special[i][1]);
    const double odd[] = {inf, -inf, nan, -nan, 0.0, -0.0, 1.0, -2.5, tmin, min, DBL_MAX};
    for (unsigned i = 0; i < 11; i++)
        for (unsigned j = 0; j < 11; j++)
            if (i < 4 || j < 4)
                div_d(odd[i], odd[j]);
    const double ftab[] = {0.0, -0.0, 1.0, -3.0, 0x1p-149, 0x1.8p-149, 0x1p-126, 0x1.fffffcp-127,
                           0x1.fffffep127, 0.5, 2.0, 0x1.000002p0, 0x1.e8p-140};
    for (unsigned i = 0; i < 13; i++)
        for (unsigned j = 0; j < 13; j++)
            div_f((float)ftab[i], (float)ftab[j]);
    const float finf = f_of(0x7F800000u), fnan = f_of(0x7FC00000u);
    div_f(finf, finf), div_f(finf, -2.0f), div_f(-3.0f, finf), div_f(fnan, 1.0f), div_f(1.0f, fnan);

    for (int i = 0; i < N; i++) {
        pair_d(-1023 - (int)(next() % 54), 0);   /* subnormal quotient */
        pair_d(-1024 + (int)(next() % 4), 0);    /* near the smallest normal, DBL_MIN */
        pair_d(1022 + (int)(next() % 3), 0);     /* near overflow */
        pair_d(-(int)(next() % 60), 1);          /* subnormal dividend */
        pair_f(-127 - (int)(next() % 25), 0);
        pair_f(-128 + (int)(next() % 4), 0);
        pair_f(126 + (int)(next() % 3), 0);
        pair_f(-(int)(next() % 30), 1);
        uint64_t a = next(), b = next();         /* any bits at all */
        div_d(d_of(a), d_of(b));
        div_f(f_of((uint32_t)a), f_of((uint32_t)b));
    }
    return 0;
}
