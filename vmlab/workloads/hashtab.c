/* hashtab: strings in a chained hash table (written for vmlab).
 *
 * Generates 1500 keys ("w-" and a base-26 word from a pseudo-random number), inserts them
 * with malloc'd nodes and copies of the keys into a table of 512 chains (FNV-1a hash), counts
 * repeated keys, looks up every key and as many absent ones, deletes a third of them, looks
 * up again and frees everything: string building, hashing, strcmp, malloc and free. A
 * checksum must equal the one the same file gives built with the host's gcc (tests/c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEYS 1000
#define BUCKETS 512
#define EXPECTED_SUM 0xfc42a683u

typedef struct entry {
    struct entry *next;
    char *key;
    uint32_t value;
    uint32_t count;
} entry_t;

static entry_t *table[BUCKETS];
static uint32_t rng = 99991u;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    return h;
}

/* "w-" then the letters of v in base 26 (the key for v), NUL-terminated; returns the length. */
static int make_key(char *buf, uint32_t v)
{
    int n = 0;
    buf[n++] = 'w';
    buf[n++] = '-';
    do {
        buf[n++] = (char)('a' + v % 26);
        v /= 26;
    } while (v);
    buf[n] = 0;
    return n;
}

static entry_t *lookup(const char *key)
{
    for (entry_t *e = table[fnv1a(key) % BUCKETS]; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return 0;
}

static int insert(const char *key, uint32_t value)
{
    entry_t *e = lookup(key);
    if (e) {
        e->count++;
        e->value += value;
        return 0;
    }
    e = malloc(sizeof *e);
    size_t n = strlen(key) + 1;
    e->key = malloc(n);
    memcpy(e->key, key, n);
    e->value = value;
    e->count = 1;
    uint32_t b = fnv1a(key) % BUCKETS;
    e->next = table[b];
    table[b] = e;
    return 1;
}

static int delete(const char *key)
{
    entry_t **link = &table[fnv1a(key) % BUCKETS];
    for (entry_t *e = *link; e; link = &e->next, e = e->next) {
        if (strcmp(e->key, key) == 0) {
            *link = e->next;
            free(e->key);
            free(e);
            return 1;
        }
    }
    return 0;
}

static uint32_t keys[KEYS];

int main(void)
{
    char buf[32];
    uint32_t sum = 0, inserted = 0, found = 0, absent = 0, deleted = 0;
    for (int i = 0; i < KEYS; i++) {
        keys[i] = next_random() % 20000u;           /* some keys repeat */
        make_key(buf, keys[i]);
        inserted += (uint32_t)insert(buf, (uint32_t)i);
    }
    for (int i = 0; i < KEYS; i++) {
        make_key(buf, keys[i]);
        entry_t *e = lookup(buf);
        if (e) {
            found++;
            sum = sum * 33u + e->value + e->count * 7u;
        }
        make_key(buf, keys[i] + 20000u);              /* never inserted */
        absent += lookup(buf) == 0;
    }
    for (int i = 0; i < KEYS; i += 3) {
        make_key(buf, keys[i]);
        deleted += (uint32_t)delete(buf);
    }
    uint32_t left = 0, longest = 0;
    for (int b = 0; b < BUCKETS; b++) {
        uint32_t n = 0;
        for (entry_t *e = table[b]; e; e = e->next) {
            n++;
            sum += fnv1a(e->key) ^ e->value;
        }
        left += n;
        longest = n > longest ? n : longest;
    }
    for (int b = 0; b < BUCKETS; b++)
        while (table[b])
            delete(table[b]->key);
    sum = sum * 7u + inserted * 3u + found * 5u + absent * 11u + deleted * 13u + left;
    printf("hashtab: %u distinct of %d keys, %u found, %u absent, %u deleted, %u left, "
           "longest chain %u, checksum 0x%08x\n", (unsigned)inserted, KEYS, (unsigned)found,
           (unsigned)absent, (unsigned)deleted, (unsigned)left, (unsigned)longest, (unsigned)sum);
    return sum != EXPECTED_SUM;
}
