/* coremix: a CoreMark-like mix of integer work (written for vmlab, not EEMBC's code).
 *
 * Each iteration, with a seed of its own:
 *   list     a 48-node linked list: search, reverse, merge sort by value, unlink every
 *            third node, merge sort back by key (pointer chasing, unpredictable branches)
 *   matrix   10x10 int16 matrices: product, scaling, matrix-vector product, bit fields
 *            (multiply, nested loops, array indexing)
 *   state    a state machine that classifies the numbers in a generated text
 *            ("-12", "0x1f", "3.25e-7", "7b?") (byte loads, switch, data-dependent branches)
 * and every result goes into a CRC-16. The program prints the CRC and returns 0 when it is
 * the one the same file gives built with the host's gcc (tests/c checks that it does). */
#include <stdint.h>
#include <stdio.h>

#define ITERATIONS 56
#define EXPECTED_CRC 0x7e52

/* ---- CRC-16 (reflected polynomial 0xA001), one bit at a time --------------------------- */
static uint16_t crc_byte(uint8_t data, uint16_t crc)
{
    for (int i = 0; i < 8; i++) {
        unsigned carry = (data ^ crc) & 1u;
        data >>= 1;
        crc >>= 1;
        if (carry)
            crc ^= 0xA001u;
    }
    return crc;
}

static uint16_t crc_16(int16_t v, uint16_t crc)
{
    crc = crc_byte((uint8_t)v, crc);
    return crc_byte((uint8_t)((uint16_t)v >> 8), crc);
}

static uint16_t crc_32(uint32_t v, uint16_t crc)
{
    crc = crc_16((int16_t)v, crc);
    return crc_16((int16_t)(v >> 16), crc);
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* ---- linked list --------------------------------------------------------------------------- */
typedef struct node {
    struct node *next;
    int16_t key;
    int16_t value;
} node_t;

#define LIST_N 48
static node_t pool[LIST_N];

static node_t *list_build(uint32_t seed)
{
    for (int i = 0; i < LIST_N; i++) {
        pool[i].key = (int16_t)i;
        pool[i].value = (int16_t)(lcg(&seed) & 0x7FFF);
        pool[i].next = i + 1 < LIST_N ? &pool[i + 1] : 0;
    }
    return &pool[0];
}

static node_t *list_find(node_t *h, int16_t value)
{
    while (h && h->value != value)
        h = h->next;
    return h;
}

static node_t *list_reverse(node_t *h)
{
    node_t *done = 0;
    while (h) {
        node_t *next = h->next;
        h->next = done;
        done = h;
        h = next;
    }
    return done;
}

static int before(const node_t *a, const node_t *b, int by_value)
{
    if (by_value)
        return a->value < b->value || (a->value == b->value && a->key <= b->key);
    return a->key <= b->key;
}

/* Bottom-up merge sort: merge runs of 1, 2, 4, ... nodes; stable, no recursion. */
static node_t *list_sort(node_t *h, int by_value)
{
    for (int width = 1;; width *= 2) {
        node_t *p = h, *tail = 0;
        int merges = 0;
        h = 0;
        while (p) {
            merges++;
            node_t *q = p;
            int psize = 0;
            while (psize < width && q) {
                psize++;
                q = q->next;
            }
            int qsize = width;
            while (psize > 0 || (qsize > 0 && q)) {
                node_t *e;
                if (psize == 0) {
                    e = q; q = q->next; qsize--;
                } else if (qsize == 0 || !q || before(p, q, by_value)) {
                    e = p; p = p->next; psize--;
                } else {
                    e = q; q = q->next; qsize--;
                }
                if (tail)
                    tail->next = e;
                else
                    h = e;
                tail = e;
            }
            p = q;
        }
        tail->next = 0;
        if (merges <= 1)
            return h;
    }
}

static uint16_t list_bench(uint32_t seed, uint16_t crc)
{
    node_t *h = list_build(seed);
    for (int i = 0; i < 8; i++) {
        node_t *f = list_find(h, pool[(i * 7 + (int)seed) % LIST_N].value ^ (int16_t)(i & 1));
        crc = crc_16(f ? f->key : -1, crc);
    }
    h = list_reverse(h);
    h = list_sort(h, 1);
    for (node_t *p = h; p; p = p->next)
        crc = crc_16(p->value, crc);
    int n = 0;
    for (node_t *p = h; p && p->next; p = p->next)
        if (++n % 3 == 0)
            p->next = p->next->next;          /* unlink the node after every third one */
    h = list_sort(h, 0);
    for (node_t *p = h; p; p = p->next)
        crc = crc_16((int16_t)(p->key * 31 + p->value), crc);
    return crc;
}

/* ---- matrix --------------------------------------------------------------------------------- */
#define MN 10
static int16_t ma[MN][MN], mb[MN][MN];
static int32_t mc[MN][MN];
static int32_t vec[MN];

static uint16_t matrix_bench(uint32_t seed, uint16_t crc)
{
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            ma[i][j] = (int16_t)((lcg(&seed) & 0x3FF) - 0x200);
            mb[i][j] = (int16_t)((lcg(&seed) & 0x3FF) - 0x200);
        }
    for (int i = 0; i < MN; i++)                       /* C = A * B */
        for (int j = 0; j < MN; j++) {
            int32_t s = 0;
            for (int k = 0; k < MN; k++)
                s += (int32_t)ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
    int32_t sum = 0;
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++)
            sum += mc[i][j] > 0 ? mc[i][j] >> 3 : -(-mc[i][j] >> 4);
    crc = crc_32((uint32_t)sum, crc);
    for (int i = 0; i < MN; i++)                       /* A = A * 3 + 7, then A x (row of B) */
        for (int j = 0; j < MN; j++)
            ma[i][j] = (int16_t)(ma[i][j] * 3 + 7);
    for (int i = 0; i < MN; i++) {
        int32_t s = 0;
        for (int j = 0; j < MN; j++)
            s += ma[i][j] * mb[i][(j + i) % MN];
        vec[i] = s;
        crc = crc_32((uint32_t)s, crc);
    }
    uint32_t bits = 0;                                  /* bit fields of the product */
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++)
            bits += ((uint32_t)mc[i][j] >> ((i + j) & 7)) & 0xF;
    return crc_32(bits, crc);
}

/* ---- state machine -------------------------------------------------------------------------- */
enum { S_START, S_SIGN, S_INT, S_DOT, S_FRAC, S_E, S_ESIGN, S_EXP, S_ZERO, S_X, S_HEX, S_BAD, NSTATES };

static char text[400];

static int gen_text(uint32_t seed)
{
    static const char *const parts[] = {"-", "+", "0", "7", "42", "x1f", ".", "5", "e", "-",
                                        "3", "E9", "0x", "ab", "?", "99", ".25", "e+7"};
    int n = 0;
    while (n < (int)sizeof text - 16) {
        int pieces = 1 + (int)(lcg(&seed) % 4);
        for (int k = 0; k < pieces; k++)
            for (const char *s = parts[lcg(&seed) % (sizeof parts / sizeof parts[0])]; *s; s++)
                text[n++] = *s;
        text[n++] = ',';
    }
    text[n] = 0;
    return n;
}

static int next_state(int st, char c)
{
    int digit = c >= '0' && c <= '9';
    int hexdig = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    switch (st) {
    case S_START:
        if (c == '+' || c == '-') return S_SIGN;
        if (c == '0') return S_ZERO;
        if (digit) return S_INT;
        if (c == '.') return S_DOT;
        return S_BAD;
    case S_SIGN:
        if (c == '0') return S_ZERO;
        if (digit) return S_INT;
        if (c == '.') return S_DOT;
        return S_BAD;
    case S_ZERO:
        if (c == 'x' || c == 'X') return S_X;
        /* fall through */
    case S_INT:
        if (digit) return S_INT;
        if (c == '.') return S_FRAC;
        if (c == 'e' || c == 'E') return S_E;
        return S_BAD;
    case S_DOT:
        return digit ? S_FRAC : S_BAD;
    case S_FRAC:
        if (digit) return S_FRAC;
        if (c == 'e' || c == 'E') return S_E;
        return S_BAD;
    case S_E:
        if (c == '+' || c == '-') return S_ESIGN;
        return digit ? S_EXP : S_BAD;
    case S_ESIGN:
    case S_EXP:
        return digit ? S_EXP : S_BAD;
    case S_X:
    case S_HEX:
        return hexdig ? S_HEX : S_BAD;
    default:
        return S_BAD;
    }
}

static uint16_t state_bench(uint32_t seed, uint16_t crc)
{
    uint32_t final[NSTATES] = {0}, transitions = 0;
    int n = gen_text(seed);
    int st = S_START;
    for (int i = 0; i < n; i++) {
        char c = text[i];
        if (c == ',') {
            final[st]++;
            st = S_START;
            continue;
        }
        int nx = next_state(st, c);
        transitions += nx != st;
        st = nx;
    }
    for (int s = 0; s < NSTATES; s++)
        crc = crc_32(final[s], crc);
    return crc_32(transitions, crc);
}

int main(void)
{
    uint16_t crc = 0;
    for (uint32_t it = 0; it < ITERATIONS; it++) {
        uint32_t seed = 0x1234u + it * 7919u;
        crc = list_bench(seed, crc);
        crc = matrix_bench(seed, crc);
        crc = state_bench(seed, crc);
    }
    printf("coremix: %d iterations, crc 0x%04x\n", ITERATIONS, crc);
    return crc != EXPECTED_CRC;
}
