/* printf.c: formatted output of the vmlab guest runtime.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %% and the floating-point %f %F %e %E %g %G %a
 * %A; flags - 0 + space #; a field width and a precision (digits or *); length modifiers hh h
 * l ll z j t, and L (long double, printed as the nearest double).
 * The output matches glibc's for every format it supports.
 *
 * Floating point is printed from the value's bits with integer arithmetic only (RV32IM has no
 * F or D, and printing must not need the soft-float library): the exact decimal expansion of
 * the binary value, rounded to nearest with ties to even, as glibc does. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stdio_impl.h"

enum { LEFT = 1, ZERO = 2, PLUS = 4, SPACE = 8, ALT = 16, UPPER = 32 };

struct out {
    void (*put)(int c, void *ctx);
    void *ctx;
    int n;
};

static void emit(struct out *o, int c)
{
    o->put(c, o->ctx);
    o->n++;
}

static void repeat(struct out *o, int c, int n)
{
    while (n-- > 0)
        emit(o, c);
}

/* Digits of v in base `base`, least significant first; returns how many. 32-bit values take
 * the 32-bit path, so that only real 64-bit values pay for 64-bit division. */
static int digits(char *buf, unsigned long long v, unsigned base, int upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    if ((v >> 32) == 0) {
        unsigned w = (unsigned)v;
        do {
            buf[n++] = set[w % base];
            w /= base;
        } while (w);
    } else {
        do {
            buf[n++] = set[v % base];
            v /= base;
        } while (v);
    }
    return n;
}

static void format_int(struct out *o, unsigned long long mag, int negative, unsigned base,
                       int flags, int width, int prec)
{
    char buf[24];
    int n = 0;
    if (!(mag == 0 && prec == 0))
        n = digits(buf, mag, base, flags & UPPER);
    char sign = negative ? '-' : (flags & PLUS) ? '+' : (flags & SPACE) ? ' ' : 0;
    const char *prefix = "";
    if ((flags & ALT) && base == 16 && mag != 0)
        prefix = (flags & UPPER) ? "0X" : "0x";
    if ((flags & ALT) && base == 8 && prec <= n && !(n > 0 && buf[n - 1] == '0'))
        prec = n + 1;               /* octal: the first digit is a 0 */
    int zeros = prec > n ? prec - n : 0;
    int len = (sign != 0) + (int)strlen(prefix) + zeros + n;
    if (prec < 0 && (flags & ZERO) && !(flags & LEFT)) {
        zeros += width > len ? width - len : 0;
        len = width > len ? width : len;
    }
    if (!(flags & LEFT))
        repeat(o, ' ', width - len);
    if (sign)
        emit(o, sign);
    for (const char *p = prefix; *p; p++)
        emit(o, *p);
    repeat(o, '0', zeros);
    while (n > 0)
        emit(o, buf[--n]);
    if (flags & LEFT)
        repeat(o, ' ', width - len);
}

static void format_str(struct out *o, const char *s, int flags, int width, int prec)
{
    int n = (int)(prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
    if (!(flags & LEFT))
        repeat(o, ' ', width - n);
    for (int i = 0; i < n; i++)
        emit(o, s[i]);
    if (flags & LEFT)
        repeat(o, ' ', width - n);
}

/* ---- floating point ---------------------------------------------------------------- */

/* (No memcpy or memset here: a program that prints takes only what printing needs.)
 *
 * The exact decimal digits of a double m * 2^e: the integer part as a string, the fraction
 * as a binary fraction fr / 2^(32 * nfr) that gives nine more digits each time it is
 * multiplied by 10^9. A double's integer part has at most 309 digits, its fraction at most
 * 1074 (its significant digits at most 767): digits past those are zeros. */
enum { INT_DIGITS = 320, FRAC_LIMBS = 36, MAX_FRAC = 1080, MAX_SIG = 780 };

struct expansion {
    char ip[INT_DIGITS];    /* integer part, most significant digit first; nip = 0 for 0 */
    int nip;
    uint32_t fr[FRAC_LIMBS];    /* least significant limb first */
    int nfr;
    char chunk[9];          /* fraction digits made and not taken yet: chunk[pos..8] */
    int pos;
};

static void expand(struct expansion *x, uint64_t m, int e)
{
    uint32_t limbs[34];     /* m << e, up to 1024 bits */
    int n = 0;
    x->nip = 0;
    x->nfr = 0;
    x->pos = 9;
    for (int i = 0; i < FRAC_LIMBS; i++)
        x->fr[i] = 0;
    uint64_t whole = m;
    if (e < 0) {
        int s = -e;
        whole = s < 64 ? m >> s : 0;
        uint64_t f = s < 64 ? m & ((1ULL << s) - 1) : m;
        /* the fraction f / 2^s, as F / 2^(32 * nfr) with F = f << (32 * nfr - s) */
        x->nfr = (s + 31) / 32;
        int sh = 32 * x->nfr - s;
        uint64_t lo = f << sh;
        uint32_t hi = sh ? (uint32_t)(f >> (64 - sh)) : 0;
        uint32_t parts[3] = {(uint32_t)lo, (uint32_t)(lo >> 32), hi};
        for (int i = 0; i < 3 && i < x->nfr; i++)
            x->fr[i] = parts[i];        /* (F < 2^(32 * nfr): limbs past nfr are 0) */
        e = 0;
    }
    /* the integer part whole << e, in limbs */
    for (int i = 0; i < 34; i++)
        limbs[i] = 0;
    int w = e / 32, b = e % 32;
    limbs[w] = (uint32_t)(whole << b);
    limbs[w + 1] = (uint32_t)((whole << b) >> 32);
    limbs[w + 2] = b ? (uint32_t)(whole >> (64 - b)) : 0;
    n = w + 3;
    /* to decimal, four digits at a time, least significant first: dividing 16-bit halves by
       10^4 keeps every step within 32 bits (divu), where 64-bit division is a library call */
    uint16_t h[2 * 34];
    int nh = 2 * n;
    for (int i = 0; i < n; i++) {
        h[2 * i] = (uint16_t)limbs[i];
        h[2 * i + 1] = (uint16_t)(limbs[i] >> 16);
    }
    uint16_t chunks[(INT_DIGITS + 3) / 4];
    int nc = 0;
    while (nh > 0 && h[nh - 1] == 0)
        nh--;
    while (nh > 0) {
        uint32_t rem = 0;
        for (int i = nh - 1; i >= 0; i--) {
            uint32_t cur = (rem << 16) | h[i];
            h[i] = (uint16_t)(cur / 10000);
            rem = cur % 10000;
        }
        chunks[nc++] = (uint16_t)rem;
        while (nh > 0 && h[nh - 1] == 0)
            nh--;
    }
    for (int c = nc - 1; c >= 0; c--) {
        char four[4];
        unsigned v = chunks[c];
        for (int j = 3; j >= 0; j--) {
            four[j] = (char)('0' + v % 10);
            v /= 10;
        }
        int j = 0;
        if (c == nc - 1)
            while (j < 3 && four[j] == '0')
                j++;
        while (j < 4)
            x->ip[x->nip++] = four[j++];
    }
}

static int frac_digit(struct expansion *x)
{
    if (x->pos == 9) {
        /* fr * 10^9: the limbs below the lowest non-zero one stay 0, and the carry only
           needs to travel from the highest non-zero one to the top */
        uint32_t carry = 0;
        int i = 0;
        while (i < x->nfr && x->fr[i] == 0)
            i++;
        int top = x->nfr - 1;
        while (top >= i && x->fr[top] == 0)
            top--;
        for (; i <= top; i++) {
            uint64_t t = (uint64_t)x->fr[i] * 1000000000u + carry;
            x->fr[i] = (uint32_t)t;
            carry = (uint32_t)(t >> 32);
        }
        if (top < x->nfr - 1 && i < x->nfr) {
            x->fr[i] = carry;       /* the product grew into the next limb, still a fraction */
            carry = 0;
        }
        for (int j = 8; j >= 0; j--) {
            x->chunk[j] = (char)('0' + carry % 10);
            carry /= 10;
        }
        x->pos = 0;
    }
    return x->chunk[x->pos++];
}

/* Is any digit after those taken not zero? */
static int frac_rest(const struct expansion *x)
{
    for (int i = x->pos; i < 9; i++)
        if (x->chunk[i] != '0')
            return 1;
    for (int i = 0; i < x->nfr; i++)
        if (x->fr[i])
            return 1;
    return 0;
}

/* Round the digits d[0..n) up by one unit in the last place when the digit after them
 * (next) and whether anything follows (rest) say so: to nearest, ties to even. Returns the
 * carry out of d[0] (then d is all zeros). */
static int round_digits(char *d, int n, int next, int rest)
{
    int last = n > 0 ? d[n - 1] - '0' : 0;
    if (!(next > '5' || (next == '5' && (rest || (last & 1)))))
        return 0;
    for (int i = n - 1; i >= 0; i--) {
        if (d[i] != '9') {
            d[i]++;
            return 0;
        }
        d[i] = '0';
    }
    return 1;
}

/* %f: the digits of x with prec digits after the point into buf (no point): returns how
 * many before the point; *stored is how many digits buf holds (the rest of the precision,
 * prec - (*stored - before), are zeros). */
static int fixed_digits(struct expansion *x, int prec, char *buf, int *stored)
{
    int n = 0;
    if (x->nip == 0)
        buf[n++] = '0';
    for (int i = 0; i < x->nip; i++)
        buf[n++] = x->ip[i];
    int before = n;
    int want = prec < MAX_FRAC ? prec : MAX_FRAC;
    for (int i = 0; i < want; i++)
        buf[n++] = (char)frac_digit(x);
    int next = frac_digit(x);
    if (round_digits(buf, n, next, frac_rest(x))) {
        for (int i = n; i > 0; i--)
            buf[i] = buf[i - 1];
        buf[0] = '1';
        n++;
        before++;
    }
    *stored = n;
    return before;
}

/* %e: the first sig significant digits of x (rounded) into buf, at most MAX_SIG of them
 * (the rest are zeros); returns the decimal exponent of the first one. x must not be 0. */
static int sci_digits(struct expansion *x, int sig, char *buf, int *stored)
{
    int want = sig < MAX_SIG ? sig : MAX_SIG;
    int n = 0, exp10, next, rest;
    if (x->nip > 0) {
        exp10 = x->nip - 1;
        int i = 0;
        while (n < want && i < x->nip)
            buf[n++] = x->ip[i++];
        if (i < x->nip) {           /* rounding inside the integer part */
            next = x->ip[i++];
            rest = 0;
            while (i < x->nip)
                rest |= x->ip[i++] != '0';
            rest |= frac_rest(x);
        } else {
            while (n < want)
                buf[n++] = (char)frac_digit(x);
            next = frac_digit(x);
            rest = frac_rest(x);
        }
    } else {
        int c, zeros = 0;
        while ((c = frac_digit(x)) == '0')
            zeros++;
        exp10 = -(zeros + 1);
        buf[n++] = (char)c;
        while (n < want)
            buf[n++] = (char)frac_digit(x);
        next = frac_digit(x);
        rest = frac_rest(x);
    }
    if (round_digits(buf, n, next, rest)) {
        buf[0] = '1';           /* 9.99 -> 10.0: one more power of ten */
        exp10++;
    }
    *stored = n;
    return exp10;
}

/* long double (binary128 on RV32) to the nearest double, with integer operations. */
static uint64_t quad_to_double_bits(long double v)
{
    union { long double v; uint64_t q[2]; } u;
    u.v = v;
    uint64_t *q = u.q;
    uint64_t sign = q[1] >> 63 << 63;
    int ex = (int)((q[1] >> 48) & 0x7fff);
    uint64_t fhi = q[1] & 0xffffffffffffULL, flo = q[0];
    if (ex == 0x7fff)
        return sign | ((fhi | flo) ? 0x7ff8000000000000ULL : 0x7ff0000000000000ULL);
    if (ex == 0)
        return sign;            /* zero, or far below the smallest double */
    int e = ex - 16383 + 1023;
    uint64_t sig = (1ULL << 52) | (fhi << 4) | (flo >> 60);    /* 53 bits */
    uint64_t rest = flo & ((1ULL << 60) - 1);                  /* 60 more */
    int sticky = 0;
    if (e <= 0) {               /* a subnormal double: shift 1 - e more bits out */
        int sh = 1 - e;
        if (sh > 54)
            return sign;
        sticky = rest != 0;
        rest = (sig & ((1ULL << sh) - 1)) << (60 - sh);     /* sh <= 54: they fit */
        sig >>= sh;
        e = 0;
    }
    uint64_t half = 1ULL << 59;
    if (rest > half || (rest == half && (sticky || (sig & 1))))
        sig++;
    if (e == 0) {
        /* sig may have become 2^52: the smallest normal, whose bits are exactly these */
        return sign | sig;
    }
    if (sig >> 53) {
        sig >>= 1;
        e++;
    }
    if (e >= 0x7ff)
        return sign | 0x7ff0000000000000ULL;
    return sign | ((uint64_t)e << 52) | (sig & ((1ULL << 52) - 1));
}

/* sign_prefix, body, `zeros` zeros (precision past the exact digits), suffix, in the field. */
static void pad_out(struct out *o, const char *sign_prefix, const char *body, int nbody,
                    int zeros, const char *suffix, int flags, int width, int finite)
{
    int nprefix = (int)strlen(sign_prefix), nsuffix = (int)strlen(suffix);
    int len = nprefix + nbody + zeros + nsuffix;
    int lead_zeros = 0;
    if (!(flags & LEFT) && (flags & ZERO) && finite && width > len)
        lead_zeros = width - len;
    if (!(flags & LEFT) && !lead_zeros)
        repeat(o, ' ', width - len);
    for (int i = 0; i < nprefix; i++)
        emit(o, sign_prefix[i]);
    repeat(o, '0', lead_zeros);
    for (int i = 0; i < nbody; i++)
        emit(o, body[i]);
    repeat(o, '0', zeros);
    for (int i = 0; i < nsuffix; i++)
        emit(o, suffix[i]);
    if (flags & LEFT)
        repeat(o, ' ', width - len);
}

static void format_float(struct out *o, uint64_t bits, char conv, int flags, int width, int prec)
{
    int upper = conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A';
    char lc = (char)(upper ? conv - 'A' + 'a' : conv);
    char sign[4] = {0};
    if (bits >> 63)
        sign[0] = '-';
    else if (flags & PLUS)
        sign[0] = '+';
    else if (flags & SPACE)
        sign[0] = ' ';
    int ex = (int)((bits >> 52) & 0x7ff);
    uint64_t mant = bits & ((1ULL << 52) - 1);
    if (ex == 0x7ff) {
        const char *t = mant ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        pad_out(o, sign, t, 3, 0, "", flags, width, 0);
        return;
    }
    if (lc == 'a') {
        /* hexadecimal: 0x1.<13 hex digits>p<exponent> (0x0. for subnormals and zero) */
        int lead = ex ? 1 : 0;
        int e2 = ex ? ex - 1023 : (mant ? -1022 : 0);
        int nd = 13;
        if (prec >= 0 && prec < 13) {
            int drop = 4 * (13 - prec);
            uint64_t rem = mant & ((1ULL << drop) - 1), half = 1ULL << (drop - 1);
            mant >>= drop;
            uint64_t odd = prec ? (mant & 1) : (uint64_t)(lead & 1);
            if (rem > half || (rem == half && odd))
                mant++;
            if (mant >> (4 * prec)) {
                mant = 0;
                lead++;
            }
            nd = prec;
        } else if (prec < 0) {
            while (nd > 0 && !(mant & 15)) {
                mant >>= 4;
                nd--;
            }
        }
        const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        char body[24], suffix[12];
        int n = 0;
        body[n++] = '0';
        body[n++] = upper ? 'X' : 'x';
        body[n++] = (char)('0' + lead);
        int extra = prec > 13 ? prec - 13 : 0;
        if (nd > 0 || extra > 0 || (flags & ALT))
            body[n++] = '.';
        for (int i = nd - 1; i >= 0; i--)
            body[n++] = set[(mant >> (4 * i)) & 15];
        char ebuf[8];
        int ne = 0;
        unsigned ae = (unsigned)(e2 < 0 ? -e2 : e2);
        do {
            ebuf[ne++] = (char)('0' + ae % 10);
            ae /= 10;
        } while (ae);
        int k = 0;
        suffix[k++] = upper ? 'P' : 'p';
        suffix[k++] = e2 < 0 ? '-' : '+';
        while (ne > 0)
            suffix[k++] = ebuf[--ne];
        suffix[k] = 0;
        if (sign[0]) {
            /* zero padding goes after "0x": keep the prefix with the sign */
            sign[1] = '0';
            sign[2] = upper ? 'X' : 'x';
        } else {
            sign[0] = '0';
            sign[1] = upper ? 'X' : 'x';
        }
        pad_out(o, sign, body + 2, n - 2, extra, suffix, flags, width, 1);
        return;
    }
    if (prec < 0)
        prec = 6;
    uint64_t m = ex ? mant | (1ULL << 52) : mant;
    int e = ex ? ex - 1075 : -1074;
    struct expansion x;
    char buf[INT_DIGITS + MAX_FRAC + 4];
    char body[INT_DIGITS + MAX_FRAC + 8];
    int style = lc;         /* 'f' or 'e' */
    int strip = 0;
    if (lc == 'g') {
        int p = prec == 0 ? 1 : prec;
        int x10 = 0;
        if (m) {
            int stored;
            expand(&x, m, e);
            x10 = sci_digits(&x, p, buf, &stored);
        }
        if (p > x10 && x10 >= -4) {
            style = 'f';
            prec = p - 1 - x10;
        } else {
            style = 'e';
            prec = p - 1;
        }
        strip = !(flags & ALT);
    }
    int n = 0, zeros = 0, stored;
    char suffix[8] = {0};
    if (m)
        expand(&x, m, e);
    if (style == 'f') {
        int before;
        if (m) {
            before = fixed_digits(&x, prec, buf, &stored);
        } else {
            before = stored = 1;
            buf[0] = '0';
            for (int i = 0; i < prec && i < MAX_FRAC; i++)
                buf[stored++] = '0';
        }
        for (n = 0; n < before; n++)
            body[n] = buf[n];
        int after = stored - before;
        zeros = prec - after;
        if (prec > 0 || (flags & ALT))
            body[n++] = '.';
        for (int i = 0; i < after; i++)
            body[n++] = buf[before + i];
    } else {
        int x10 = 0;
        if (m) {
            x10 = sci_digits(&x, prec + 1, buf, &stored);
        } else {
            stored = 0;
            for (int i = 0; i < prec + 1 && i < MAX_SIG; i++)
                buf[stored++] = '0';
        }
        body[n++] = buf[0];
        if (prec > 0 || (flags & ALT))
            body[n++] = '.';
        for (int i = 1; i < stored; i++)
            body[n++] = buf[i];
        zeros = prec + 1 - stored;
        int k = 0, ax = x10 < 0 ? -x10 : x10;
        suffix[k++] = upper ? 'E' : 'e';
        suffix[k++] = x10 < 0 ? '-' : '+';
        if (ax >= 100)
            suffix[k++] = (char)('0' + ax / 100);
        suffix[k++] = (char)('0' + ax / 10 % 10);
        suffix[k++] = (char)('0' + ax % 10);
    }
    if (strip) {
        /* %g without #: no trailing zeros after the point, and no point without digits */
        zeros = 0;
        int point = -1;
        for (int i = 0; i < n; i++)
            if (body[i] == '.')
                point = i;
        if (point >= 0) {
            while (n > point + 1 && body[n - 1] == '0')
                n--;
            if (n == point + 1)
                n--;
        }
    }
    pad_out(o, sign, body, n, zeros > 0 ? zeros : 0, suffix, flags, width, 1);
}

int __vformat(void (*put)(int c, void *ctx), void *ctx, const char *fmt, va_list ap)
{
    struct out o = {put, ctx, 0};
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            emit(&o, *p);
            continue;
        }
        const char *start = p++;
        int flags = 0, width = 0, prec = -1;
        for (;; p++) {
            if (*p == '-') flags |= LEFT;
            else if (*p == '0') flags |= ZERO;
            else if (*p == '+') flags |= PLUS;
            else if (*p == ' ') flags |= SPACE;
            else if (*p == '#') flags |= ALT;
            else break;
        }
        if (*p == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                flags |= LEFT;
                width = -width;
            }
            p++;
        } else {
            while (*p >= '0' && *p <= '9')
                width = width * 10 + (*p++ - '0');
        }
        if (*p == '.') {
            p++;
            prec = 0;
            if (*p == '*') {
                prec = va_arg(ap, int);     /* negative: as if there were no precision */
                if (prec < 0)
                    prec = -1;
                p++;
            } else {
                while (*p >= '0' && *p <= '9')
                    prec = prec * 10 + (*p++ - '0');
            }
        }
        int size = 0;       /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
        int longdbl = 0;
        if (*p == 'h') {
            size = -1;
            if (*++p == 'h') {
                size = -2;
                p++;
            }
        } else if (*p == 'l') {
            size = 1;
            if (*++p == 'l') {
                size = 2;
                p++;
            }
        } else if (*p == 'j' || *p == 'L' || *p == 'q') {
            size = 2;       /* intmax_t is long long; L: long double for a floating conversion */
            longdbl = *p == 'L';
            p++;
        } else if (*p == 'z' || *p == 't') {
            size = 1;       /* size_t, ptrdiff_t: 32 bits, like long */
            p++;
        }
        char c = *p;
        switch (c) {
        case 'd':
        case 'i': {
            long long v = size == 2 ? va_arg(ap, long long)
                        : size == 1 ? (long long)va_arg(ap, long)
                                    : (long long)va_arg(ap, int);
            if (size == -1) v = (short)v;
            if (size == -2) v = (signed char)v;
            unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            format_int(&o, mag, v < 0, 10, flags, width, prec);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned long long v = size == 2 ? va_arg(ap, unsigned long long)
                                 : size == 1 ? (unsigned long long)va_arg(ap, unsigned long)
                                             : (unsigned long long)va_arg(ap, unsigned);
            if (size == -1) v = (unsigned short)v;
            if (size == -2) v = (unsigned char)v;
            unsigned base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
            format_int(&o, v, 0, base, (flags & ~(PLUS | SPACE)) | (c == 'X' ? UPPER : 0), width, prec);
            break;
        }
        case 'p': {
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            if (v == 0)
                format_str(&o, "(nil)", flags, width, -1);
            else
                format_int(&o, v, 0, 16, (flags & ~ZERO) | ALT, width, -1);
            break;
        }
        case 'c': {
            char ch = (char)va_arg(ap, int);
            if (!(flags & LEFT))
                repeat(&o, ' ', width - 1);
            emit(&o, ch);
            if (flags & LEFT)
                repeat(&o, ' ', width - 1);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            format_str(&o, s ? s : "(null)", flags, width, prec);
            break;
        }
        case '%':
            emit(&o, '%');
            break;
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
            uint64_t bits;
            if (longdbl) {
                bits = quad_to_double_bits(va_arg(ap, long double));
            } else {
                union { double v; uint64_t u; } d;
                d.v = va_arg(ap, double);
                bits = d.u;
            }
            format_float(&o, bits, c, flags, width, prec);
            break;
        }
        default:            /* unknown or unsupported conversion: print it as written */
            for (const char *q = start; q <= p && *q; q++)
                emit(&o, *q);
            if (c == 0)
                p--;
            break;
        }
    }
    return o.n;
}

/* ---- the printf family ---------------------------------------------------------------- */

static void put_file(int c, void *ctx)
{
    fputc(c, (FILE *)ctx);
}

struct strbuf {
    char *buf;
    size_t size;        /* room, including the terminating NUL */
    size_t len;
};

static void put_str(int c, void *ctx)
{
    struct strbuf *s = ctx;
    if (s->len + 1 < s->size)
        s->buf[s->len] = (char)c;
    s->len++;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    return __vformat(put_file, f, fmt, ap);
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct strbuf s = {buf, size, 0};
    int n = __vformat(put_str, &s, fmt, ap);
    if (size > 0)
        buf[s.len < size ? s.len : size - 1] = 0;
    return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return vsnprintf(buf, INT_MAX, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, INT_MAX, fmt, ap);
    va_end(ap);
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
