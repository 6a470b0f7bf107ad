/* malloc.c: the heap of the vmlab guest runtime, on the brk system call (214).
 *
 * Every block starts with an 8-byte header: its total size (header included, a multiple of 8)
 * and, while the block is in use, a magic word; while it is free, the header's second word
 * links it into the free list instead. The free list is kept in address order, so that
 * free() can merge a block with the free blocks right before and after it.
 *
 *   malloc: the first free block that is large enough (first fit), split when the rest is
 *           big enough to be a block of its own; when none fits, the heap grows with sbrk.
 *   free:   insert into the list in address order and merge with adjacent free blocks.
 *   realloc: shrink in place, grow in place into a free neighbour, or move. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER 8u
#define MIN_BLOCK 16u
#define IN_USE 0xA110C8EDu
#define GROW 4096u          /* ask the system for at least this much at a time */

typedef struct block {
    size_t size;            /* bytes, header included */
    struct block *next;     /* free: next free block (higher address); in use: IN_USE */
} block_t;

static block_t *free_list;

static block_t *header_of(void *p)
{
    return (block_t *)((char *)p - HEADER);
}

static size_t block_size_for(size_t n)
{
    if (n > 0x7FFFFFF0u)
        return 0;
    size_t size = (n + HEADER + 7u) & ~7u;
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

static void bad_pointer(const char *what, void *p)
{
    fprintf(stderr, "%s(): invalid pointer %p\n", what, p);
    abort();
}

/* Put `b` into the free list, merging it with the neighbours it touches. */
static void insert_free(block_t *b)
{
    block_t *prev = 0, *cur = free_list;
    while (cur && cur < b) {
        prev = cur;
        cur = cur->next;
    }
    if (cur && (char *)b + b->size == (char *)cur) {        /* merge with the next block */
        b->size += cur->size;
        b->next = cur->next;
    } else {
        b->next = cur;
    }
    if (prev && (char *)prev + prev->size == (char *)b) {   /* merge into the previous block */
        prev->size += b->size;
        prev->next = b->next;
    } else if (prev) {
        prev->next = b;
    } else {
        free_list = b;
    }
}

/* Take `size` bytes from the start of free block `b` (whose predecessor is `prev`). */
static void *take(block_t *prev, block_t *b, size_t size)
{
    block_t *rest = b->next;
    if (b->size - size >= MIN_BLOCK) {
        block_t *tail = (block_t *)((char *)b + size);
        tail->size = b->size - size;
        tail->next = b->next;
        rest = tail;
        b->size = size;
    }
    if (prev)
        prev->next = rest;
    else
        free_list = rest;
    b->next = (block_t *)IN_USE;
    return (char *)b + HEADER;
}

static int grow(size_t size)
{
    size_t n = size < GROW ? GROW : size;
    size_t pad = -(uintptr_t)sbrk(0) & 7u;   /* keep blocks 8-byte aligned */
    char *p = sbrk((intptr_t)(n + pad));
    if (p == (char *)-1)
        return 0;
    block_t *b = (block_t *)(p + pad);
    b->size = n;
    insert_free(b);
    return 1;
}

void *malloc(size_t n)
{
    size_t size = block_size_for(n);
    if (size == 0)
        return 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        block_t *prev = 0;
        for (block_t *b = free_list; b; prev = b, b = b->next)
            if (b->size >= size)
                return take(prev, b, size);
        if (!grow(size))
            return 0;
    }
    return 0;
}

void free(void *p)
{
    if (p == 0)
        return;
    block_t *b = header_of(p);
    if (((uintptr_t)p & 7u) || b->next != (block_t *)IN_USE)
        bad_pointer("free", p);
    insert_free(b);
}

void *calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        return 0;
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *realloc(void *p, size_t n)
{
    if (p == 0)
        return malloc(n);
    if (n == 0) {
        free(p);
        return 0;
    }
    block_t *b = header_of(p);
    if (((uintptr_t)p & 7u) || b->next != (block_t *)IN_USE)
        bad_pointer("realloc", p);
    size_t size = block_size_for(n);
    if (size == 0)
        return 0;
    if (size > b->size) {
        /* grow in place when the next block is free and large enough */
        block_t *prev = 0, *cur = free_list;
        while (cur && cur < b) {
            prev = cur;
            cur = cur->next;
        }
        if (cur && (char *)b + b->size == (char *)cur && b->size + cur->size >= size) {
            if (prev)
                prev->next = cur->next;
            else
                free_list = cur->next;
            b->size += cur->size;
        } else {
            void *q = malloc(n);
            if (q == 0)
                return 0;
            memcpy(q, p, b->size - HEADER);
            free(p);
            return q;
        }
    }
    if (b->size - size >= MIN_BLOCK) {       /* give back what is no longer needed */
        block_t *tail = (block_t *)((char *)b + size);
        tail->size = b->size - size;
        b->size = size;
        insert_free(tail);
    }
    return p;
}
