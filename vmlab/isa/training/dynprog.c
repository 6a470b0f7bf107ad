/* Training program for the superinstruction profile (vmlab/isa/fused_pairs.py).
 * Dynamic programming and arithmetic: edit distance and longest common subsequence over
 * 2-D tables, a 0/1 knapsack, a big-number factorial in base 10000 and a modular-power
 * primality test; results are cross-checked (symmetry, bounds, trial division). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned seed = 7;
static unsigned rnd(void) { seed = seed * 1664525u + 1013904223u; return seed >> 10; }

#define L 120
static short table[L + 1][L + 1];

static int edit_distance(const char *a, int n, const char *b, int m)
{
    for (int i = 0; i <= n; i++) table[i][0] = i;
    for (int j = 0; j <= m; j++) table[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int best = table[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (table[i - 1][j] + 1 < best) best = table[i - 1][j] + 1;
            if (table[i][j - 1] + 1 < best) best = table[i][j - 1] + 1;
            table[i][j] = best;
        }
    return table[n][m];
}

static int lcs(const char *a, int n, const char *b, int m)
{
    for (int i = 0; i <= n; i++)
        for (int j = 0; j <= m; j++) {
            if (i == 0 || j == 0) table[i][j] = 0;
            else if (a[i - 1] == b[j - 1]) table[i][j] = table[i - 1][j - 1] + 1;
            else table[i][j] = table[i - 1][j] > table[i][j - 1] ? table[i - 1][j] : table[i][j - 1];
        }
    return table[n][m];
}

static int knapsack(const int *w, const int *v, int n, int cap)
{
    static int best[2001];
    memset(best, 0, sizeof best);
    for (int i = 0; i < n; i++)
        for (int c = cap; c >= w[i]; c--)
            if (best[c - w[i]] + v[i] > best[c]) best[c] = best[c - w[i]] + v[i];
    return best[cap];
}

static int factorial_digits(int n, uint16_t *d)
{
    int len = 1;
    d[0] = 1;
    for (int k = 2; k <= n; k++) {
        unsigned carry = 0;
        for (int i = 0; i < len; i++) {
            unsigned x = d[i] * (unsigned)k + carry;
            d[i] = x % 10000;
            carry = x / 10000;
        }
        while (carry) { d[len++] = carry % 10000; carry /= 10000; }
    }
    int digits = 4 * (len - 1);
    for (unsigned top = d[len - 1]; top; top /= 10) digits++;
    return digits;
}

static uint32_t powmod(uint32_t b, uint32_t e, uint32_t m)
{
    uint64_t r = 1, x = b % m;
    while (e) {
        if (e & 1) r = r * x % m;
        x = x * x % m;
        e >>= 1;
    }
    return (uint32_t)r;
}

static int probably_prime(uint32_t n)
{
    if (n < 4) return n >= 2;
    if (n % 2 == 0) return 0;
    uint32_t d = n - 1;
    int s = 0;
    while (d % 2 == 0) { d /= 2; s++; }
    static const uint32_t bases[] = {2, 3, 5, 7};
    for (int i = 0; i < 4; i++) {
        if (bases[i] % n == 0) continue;
        uint32_t x = powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s && comp; r++) {
            x = (uint32_t)((uint64_t)x * x % n);
            if (x == n - 1) comp = 0;
        }
        if (comp) return 0;
    }
    return 1;
}

static int trial_prime(uint32_t n)
{
    if (n < 2) return 0;
    for (uint32_t q = 2; q * q <= n; q++)
        if (n % q == 0) return 0;
    return 1;
}

int main(void)
{
    char a[L], b[L];
    int sum_ed = 0, sum_lcs = 0;
    for (int t = 0; t < 4; t++) {
        int n = 60 + rnd() % 60, m = 60 + rnd() % 60;
        for (int i = 0; i < n; i++) a[i] = "acgt"[rnd() % 4];
        for (int j = 0; j < m; j++) b[j] = "acgt"[rnd() % 4];
        int e1 = edit_distance(a, n, b, m), e2 = edit_distance(b, m, a, n);
        int c = lcs(a, n, b, m);
        if (e1 != e2 || c > n || c > m || e1 < (n > m ? n - m : m - n)) return 1;
        if (e1 > n + m - 2 * c) return 2;
        sum_ed += e1; sum_lcs += c;
    }
    int w[60], v[60];
    for (int i = 0; i < 60; i++) { w[i] = 5 + rnd() % 60; v[i] = 1 + rnd() % 100; }
    int k1 = knapsack(w, v, 60, 2000), k2 = knapsack(w, v, 60, 1000);
    if (k2 > k1) return 3;
    static uint16_t digits[1200];
    int fd = factorial_digits(400, digits);
    int primes = 0;
    for (uint32_t n = 1000000; n < 1000300; n++) {
        int p = probably_prime(n);
        if (p != trial_prime(n)) return 4;
        primes += p;
    }
    printf("edit %d lcs %d knap %d/%d 400! has %d digits, %d primes\n", sum_ed, sum_lcs, k1, k2, fd, primes);
    return fd == 869 ? 0 : 5;
}
