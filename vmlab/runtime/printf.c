/* printf.c: formatted output of the vmlab guest runtime.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%; flags - 0 + space #; a field width and a
 * precision (digits or *); length modifiers hh h l ll z j t. No floating point (%f, %e, %g
 * print as "%f" and so on, and consume nothing): vmlab guests are RV32IM, without F or D.
 * The output matches glibc's for every format it supports. */
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
            size = 2;       /* intmax_t is long long */
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
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
            (void)va_arg(ap, double);   /* floating point: not supported, printed as written */
            for (const char *q = start; q <= p; q++)
                emit(&o, *q);
            break;
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
