/* The allocator of the vmlab runtime under stress: reuse, calloc zeroing, realloc growth.
 * The output is the same with the host's glibc; what only the vmlab allocator promises (freed
 * blocks are reused, the heap stays bounded) is checked under __riscv. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __riscv
#include <unistd.h>
#endif

#define SLOTS 64
#define ROUNDS 1200

static unsigned seed = 12345;

#ifdef __riscv
/* Hides where a pointer comes from, so that malloc/free pairs are not optimised away. */
static void *volatile opaque_slot;
static void *opaque(void *p)
{
    opaque_slot = p;
    return opaque_slot;
}
#endif
static unsigned next_random(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

static int fill_check(unsigned char *p, size_t n, unsigned char tag, int check)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char want = (unsigned char)(tag + i * 7);
        if (check && p[i] != want)
            return 1;
        p[i] = want;
    }
    return 0;
}

int main(void)
{
    int errors = 0;
    unsigned char *slot[SLOTS] = {0};
    size_t size[SLOTS] = {0};
    unsigned char tag[SLOTS] = {0};
    long live = 0, peak = 0, allocations = 0;

    /* 1. random malloc/free/realloc with contents checked on every free */
    for (int r = 0; r < ROUNDS; r++) {
        int k = (int)(next_random() % SLOTS);
        if (slot[k]) {
            errors += fill_check(slot[k], size[k], tag[k], 1);
            if (next_random() % 3 == 0) {           /* grow or shrink, keeping the contents */
                size_t n = next_random() % 300 + 1;
                unsigned char *q = realloc(slot[k], n);
                size_t keep = n < size[k] ? n : size[k];
                errors += fill_check(q, keep, tag[k], 1);
                live += (long)n - (long)size[k];
                slot[k] = q;
                size[k] = n;
                fill_check(q, n, tag[k], 0);
            } else {
                free(slot[k]);
                live -= (long)size[k];
                slot[k] = 0;
            }
        } else {
            size[k] = next_random() % 200 + 1;
            tag[k] = (unsigned char)next_random();
            slot[k] = malloc(size[k]);
            if (!slot[k] || ((uintptr_t)slot[k] & 7)) {
                printf("bad malloc result %p\n", (void *)slot[k]);
                return 1;
            }
            fill_check(slot[k], size[k], tag[k], 0);
            live += (long)size[k];
            allocations++;
        }
        if (live > peak)
            peak = live;
    }
    for (int k = 0; k < SLOTS; k++) {
        if (slot[k])
            errors += fill_check(slot[k], size[k], tag[k], 1);
        free(slot[k]);
    }
    printf("stress: %ld allocations, peak %ld live bytes, %d errors\n", allocations, peak, errors);

    /* 2. calloc returns zeros, even in memory that was used and freed before */
    unsigned char *dirty = malloc(256);
    memset(dirty, 0xAB, 256);
    free(dirty);
    int *z = calloc(64, sizeof(int));
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        nonzero += z[i] != 0;
    printf("calloc: %d non-zero of 64\n", nonzero);
    errors += nonzero;
    free(z);

    /* 3. realloc growing a buffer one byte at a time keeps what was written */
    char *text = 0;
    size_t len = 0;
    for (int i = 0; i < 600; i++) {
        text = realloc(text, len + 2);
        text[len++] = (char)('a' + i % 26);
        text[len] = 0;
    }
    int wrong = 0;
    for (size_t i = 0; i < len; i++)
        wrong += text[i] != (char)('a' + i % 26);
    printf("realloc growth: %u bytes, %d wrong, ends with %s\n", (unsigned)len, wrong, text + len - 5);
    errors += wrong;
    free(text);
    errors += realloc(0, 10) == 0;          /* realloc(NULL, n) is malloc(n) */
    printf("malloc(0) %s\n", malloc(0) ? "gives a pointer" : "gives NULL");

#ifdef __riscv
    /* 4. the vmlab allocator: a freed block is reused, and churn does not grow the heap.
     * (The pointers go through `opaque` so that the compiler cannot remove the allocations.) */
    void *a = opaque(malloc(100));
    free(a);
    void *b = opaque(malloc(100));
    if (a != b) {
        printf("freed block not reused: %p then %p\n", a, b);
        errors++;
    }
    free(b);
    char *before = sbrk(0);
    for (int i = 0; i < 1000; i++) {
        void *p = opaque(malloc((size_t)(i % 37) * 16 + 8));
        void *q = opaque(malloc(64));
        free(p);
        free(q);
    }
    if ((char *)sbrk(0) != before) {
        printf("the heap grew from %p to %p\n", (void *)before, sbrk(0));
        errors++;
    }
    void *huge = opaque(malloc(20u << 20));  /* more than RAM: NULL, not a crash */
    if (huge != 0) {
        printf("malloc(20 MiB) gave %p\n", huge);
        errors++;
    }
#endif
    printf("%s\n", errors ? "FAILED" : "ok");
    return errors != 0;
}
