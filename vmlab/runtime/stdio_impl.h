/* stdio_impl.h: the FILE structure and the formatter shared by stdio.c and printf.c. */
#ifndef _VMLAB_STDIO_IMPL_H
#define _VMLAB_STDIO_IMPL_H

#include <stdarg.h>
#include <stdio.h>

struct __vmlab_file {
    int fd;
    int line_buffered;      /* output: flush at '\n' (stdout) */
    unsigned char *buf;     /* NULL: unbuffered (stderr) */
    int cap;
    int len;                /* output: bytes waiting; input: bytes in buf */
    int pos;                /* input: next byte of buf to hand out */
    int eof, err;
};

/* The formatter behind every printf: calls put(c, ctx) for each character produced and
 * returns how many there were. */
int __vformat(void (*put)(int c, void *ctx), void *ctx, const char *fmt, va_list ap);

/* Flush stdout and stderr (exit does this). */
void __stdio_flush_all(void);

#endif
