/* String and number functions of the vmlab runtime, compared with the host's glibc. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int x) { return (x > 0) - (x < 0); }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    char buf[64], buf2[64];
    printf("strlen %u %u\n", (unsigned)strlen(""), (unsigned)strlen("hello, world"));
    printf("strcmp %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "abc")),
           sign(strcmp("b", "abc")), sign(strcmp("ab", "abc")));
    printf("strncmp %d %d %d\n", sign(strncmp("abcX", "abcY", 3)), sign(strncmp("abcX", "abcY", 4)),
           sign(strncmp("a", "a", 10)));
    printf("strcmp high bytes %d\n", sign(strcmp("\xff", "a")));
    strcpy(buf, "vm");
    strcat(buf, "lab");
    strcat(buf, "!");
    printf("strcpy/strcat %s %u\n", buf, (unsigned)strlen(buf));
    memset(buf2, 'x', sizeof buf2);
    strncpy(buf2, "ab", 5);
    printf("strncpy pads %d %d %d %c\n", buf2[2], buf2[3], buf2[4], buf2[5]);
    strncpy(buf2, "abcdefgh", 3);
    printf("strncpy truncates %.3s%c\n", buf2, buf2[3]);
    printf("strchr %s|%s|%d\n", strchr("hello", 'l'), strchr("hello", 0) ? "end" : "null",
           strchr("hello", 'z') == 0);
    printf("strrchr %s\n", strrchr("a/b/c", '/'));
    printf("strstr %s|%d|%s\n", strstr("needle in haystack", "hay"), strstr("abc", "abd") == 0,
           strstr("abc", ""));
    printf("memcmp %d %d\n", sign(memcmp("ab\0c", "ab\0d", 4)), memcmp("same", "same", 4));
    char *d = strdup("duplicate");
    printf("strdup %s\n", d);
    free(d);

    /* memmove with overlap both ways, memcpy of odd sizes and alignments */
    char m[32] = "0123456789abcdefghij";
    memmove(m + 2, m, 10);
    printf("memmove up %s\n", m);
    strcpy(m, "0123456789abcdefghij");
    memmove(m, m + 3, 10);
    printf("memmove down %s\n", m);
    uint8_t src[80], dst[80];
    int bad = 0;
    for (int i = 0; i < 80; i++)
        src[i] = (uint8_t)(i * 13 + 1);
    for (int off = 0; off < 4; off++)
        for (int n = 0; n < 40; n++) {
            memset(dst, 0, sizeof dst);
            memcpy(dst + off, src + (3 - off), (size_t)n);
            for (int i = 0; i < 80; i++) {
                int want = (i >= off && i < off + n) ? src[3 - off + i - off] : 0;
                bad += dst[i] != want;
            }
        }
    memset(dst + 1, 0x5A, 37);
    for (int i = 1; i < 38; i++)
        bad += dst[i] != 0x5A;
    printf("memcpy/memset mismatches %d\n", bad);

    /* numbers */
    printf("atoi %d %d %d %d %d\n", atoi("42"), atoi("  -17xyz"), atoi("+8"), atoi("abc"), atoi("2147483647"));
    char *end;
    long v = strtol("0x1F rest", &end, 0);
    printf("strtol %ld [%s] %ld %ld %ld\n", v, end, strtol("0755", 0, 0), strtol("-101", 0, 2),
           strtol("zz", 0, 36));
    printf("strtoul %lu\n", strtoul("4000000000", 0, 10));
    printf("strtoll %lld\n", strtoll("-9000000000000000000", 0, 10));
    printf("abs %d %d %ld %lld\n", abs(-5), abs(5), labs(-70000L), llabs(-5000000000LL));

    /* ctype */
    int counts[6] = {0};
    for (int c = 0; c < 128; c++) {
        counts[0] += isdigit(c) != 0;
        counts[1] += isalpha(c) != 0;
        counts[2] += isspace(c) != 0;
        counts[3] += ispunct(c) != 0;
        counts[4] += isxdigit(c) != 0;
        counts[5] += isprint(c) != 0;
    }
    printf("ctype %d %d %d %d %d %d %c%c\n", counts[0], counts[1], counts[2], counts[3], counts[4],
           counts[5], toupper('q'), tolower('Q'));

    /* qsort and bsearch */
    int a[50];
    for (int i = 0; i < 50; i++)
        a[i] = (i * 37 + 11) % 101 - 50;
    qsort(a, 50, sizeof a[0], cmp_int);
    int sorted = 1;
    for (int i = 1; i < 50; i++)
        sorted &= a[i - 1] <= a[i];
    int key = a[17];
    int *found = bsearch(&key, a, 50, sizeof a[0], cmp_int);
    printf("qsort sorted=%d first=%d last=%d bsearch=%d\n", sorted, a[0], a[49],
           found ? (int)(found - a) : -1);
    snprintf(buf, sizeof buf, "%d-%s", 7, "seven");
    printf("snprintf %s\n", buf);
    return 0;
}
