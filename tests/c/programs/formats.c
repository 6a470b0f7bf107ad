/* printf formats of the vmlab runtime. Every line is standard C, so the test compares the
 * output with the same program built by the host's gcc and glibc. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_snprintf(void)
{
    char buf[16];
    int bad = 0;
    int n = snprintf(buf, sizeof buf, "%s-%d", "abcdefghij", 123456);
    printf("snprintf: n=%d buf=\"%s\"\n", n, buf);
    bad |= n != 17 || strcmp(buf, "abcdefghij-1234") != 0;
    n = snprintf(buf, 1, "xyz");
    printf("snprintf(size 1): n=%d buf=\"%s\"\n", n, buf);
    bad |= n != 3 || buf[0] != 0;
    n = snprintf(0, 0, "%d", -12345);
    printf("snprintf(NULL, 0): n=%d\n", n);
    bad |= n != 6;
    n = sprintf(buf, "%05d|%-4x|", -42, 255);
    printf("sprintf: n=%d buf=\"%s\"\n", n, buf);
    bad |= n != 11;
    return bad;
}

int main(void)
{
    int values[] = {0, 1, -1, 7, -7, 42, 1000000, -1000000, INT_MAX, INT_MIN};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        int v = values[i];
        printf("[%d] [%i] [%5d] [%-5d|] [%05d] [%+d] [% d] [%.3d] [%8.4d] [%-8.3d|] [%+05d]\n",
               v, v, v, v, v, v, v, v, v, v, v);
        printf("[%u] [%x] [%X] [%#x] [%#X] [%08x] [%-10x|] [%o] [%#o] [%.0d]\n",
               (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
               (unsigned)v, (unsigned)v, (unsigned)v, v);
    }
    printf("[%hd] [%hu] [%hhd] [%hhu] [%hx] [%hhx]\n", (short)-2, (unsigned short)65535,
           (signed char)-3, (unsigned char)250, (unsigned short)0xBEEF, (unsigned char)0x7F);
    printf("[%ld] [%lu] [%lx] [%zu] [%zd]\n", (long)-123456, (unsigned long)123456,
           (unsigned long)0xCAFE, (size_t)77, (size_t)88);

    long long ll[] = {0, 1, -1, 4294967296LL, -4294967296LL, 1234567890123456789LL,
                      -987654321012345678LL, LLONG_MAX, LLONG_MIN};
    for (unsigned i = 0; i < sizeof ll / sizeof ll[0]; i++) {
        long long v = ll[i];
        printf("[%lld] [%llu] [%llx] [%llX] [%25lld] [%-22lld|] [%022lld] [%+lld] [%#llo]\n",
               v, (unsigned long long)v, (unsigned long long)v, (unsigned long long)v, v, v, v,
               v, (unsigned long long)v);
    }
    uint64_t big = 18446744073709551615ULL;
    int64_t m = INT64_MIN;
    printf("[%llu] [%lld] [%llu]\n", (unsigned long long)big, (long long)m,
           (unsigned long long)(big / 1000000007ULL));

    const char *s = "hello";
    printf("[%s] [%10s] [%-10s|] [%.2s] [%10.3s] [%-10.1s|] [%.0s] [%.*s] [%*s] [%-*s|]\n",
           s, s, s, s, s, s, s, 4, s, 7, s, 7, s);
    printf("[%c] [%3c] [%-3c|] [%c%c%c]\n", 'A', 'B', 'C', 'x', 'y', 'z');
    printf("[%%] [100%%] [%5%]\n");
    printf("[%*d] [%-*d|] [%.*d] [%*.*d]\n", 6, 42, 6, 42, 5, 42, 8, 4, -42);
    printf("[%p]\n", (void *)0);
    printf("empty: []%s[]\n", "");

    int n = printf("%s=%d\n", "count", 12345);
    printf("printf returned %d\n", n);
    puts("puts adds a newline");
    putchar('o');
    putchar('k');
    putchar('\n');
    fputs("fputs does not\n", stdout);
    return check_snprintf();
}
