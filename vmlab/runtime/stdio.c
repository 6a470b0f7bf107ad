/* stdio.c: console streams of the vmlab guest runtime.
 *
 * stdout is line-buffered: characters collect in a buffer that is written with one write
 * system call at each newline, when it is full, before the program reads input, and at exit.
 * stderr is unbuffered. stdin reads a line at a time with the read system call. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

static unsigned char stdout_buf[BUFSIZ];
static unsigned char stdin_buf[BUFSIZ];

static FILE stdin_file = {0, 0, stdin_buf, sizeof stdin_buf, 0, 0, 0, 0};
static FILE stdout_file = {1, 1, stdout_buf, sizeof stdout_buf, 0, 0, 0, 0};
static FILE stderr_file = {2, 0, 0, 0, 0, 0, 0, 0};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static void write_all(FILE *f, const unsigned char *p, int n)
{
    while (n > 0) {
        ssize_t w = write(f->fd, p, (size_t)n);
        if (w <= 0) {
            f->err = 1;
            return;
        }
        p += w;
        n -= w;
    }
}

int fflush(FILE *f)
{
    if (f == 0) {
        __stdio_flush_all();
        return 0;
    }
    if (f->fd != 0 && f->len > 0) {
        write_all(f, f->buf, f->len);
        f->len = 0;
    }
    return f->err ? EOF : 0;
}

void __stdio_flush_all(void)
{
    fflush(stdout);
    fflush(stderr);
}

int fputc(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;
    if (f->buf == 0) {
        write_all(f, &ch, 1);
        return f->err ? EOF : ch;
    }
    f->buf[f->len++] = ch;
    if (f->len == f->cap || (ch == '\n' && f->line_buffered))
        fflush(f);
    return ch;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    const unsigned char *s = p;
    size_t total = size * n;
    if (f->buf == 0) {
        write_all(f, s, (int)total);
    } else {
        for (size_t i = 0; i < total; i++)
            fputc(s[i], f);
    }
    return f->err ? 0 : n;
}

int fputs(const char *s, FILE *f)
{
    fwrite(s, 1, strlen(s), f);
    return f->err ? EOF : 0;
}

int puts(const char *s)
{
    fputs(s, stdout);
    return fputc('\n', stdout) == EOF ? EOF : 0;
}

/* ---- input ---------------------------------------------------------------------------- */

int fgetc(FILE *f)
{
    if (f->pos == f->len) {
        if (f->eof)
            return EOF;
        fflush(stdout);                 /* show the prompt before waiting for input */
        ssize_t n = read(f->fd, f->buf, (size_t)f->cap);
        if (n <= 0) {
            if (n < 0)
                f->err = 1;
            f->eof = 1;
            return EOF;
        }
        f->len = (int)n;
        f->pos = 0;
    }
    return f->buf[f->pos++];
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
    if (c == EOF || f->pos == 0)
        return EOF;
    f->buf[--f->pos] = (unsigned char)c;
    f->eof = 0;
    return (unsigned char)c;
}

char *fgets(char *buf, int size, FILE *f)
{
    int i = 0;
    if (size <= 0)
        return 0;
    while (i < size - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        buf[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0)
        return 0;
    buf[i] = 0;
    return buf;
}

int feof(FILE *f)
{
    return f->eof && f->pos == f->len;
}

int ferror(FILE *f)
{
    return f->err;
}

void clearerr(FILE *f)
{
    f->eof = f->err = 0;
}
