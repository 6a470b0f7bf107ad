/* Training program for the superinstruction profile (vmlab/isa/fused_pairs.py).
 * Byte-stream coding: an LZ77-style compressor with a naive longest-match search over a
 * sliding window, its decompressor, base64 encoding and decoding, and a run-length coder;
 * every round trip is checked byte for byte. */
#include <stdio.h>
#include <string.h>

#define N 6000
static unsigned char in[N], packed[2 * N], out[N], b64[3 * N], back[2 * N];

static unsigned seed = 31337;
static unsigned rnd(void) { seed = seed * 69069u + 1u; return seed >> 12; }

static int lz_pack(const unsigned char *s, int n, unsigned char *o)
{
    int i = 0, k = 0, lit = -1;                 /* lit: index of the open literal run's length */
    while (i < n) {
        int best = 0, off = 0;
        int lo = i > 255 ? i - 255 : 0;
        for (int j = lo; j < i; j++) {
            int m = 0;
            while (m < 130 && i + m < n && s[j + m] == s[i + m]) m++;
            if (m > best) { best = m; off = i - j; }
        }
        if (best >= 3) {
            o[k++] = 0x80 | (best - 3); o[k++] = off; i += best;
            lit = -1;
        } else {
            if (lit < 0 || o[lit] == 127) { lit = k++; o[lit] = 0; }
            o[lit]++;
            o[k++] = s[i++];
        }
    }
    return k;
}

static int lz_unpack(const unsigned char *p, int n, unsigned char *o)
{
    int i = 0, k = 0;
    while (i < n) {
        int t = p[i++];
        if (t & 0x80) {
            int len = (t & 0x7f) + 3, off = p[i++];
            for (int m = 0; m < len; m++, k++) o[k] = o[k - off];
        } else {
            for (int m = 0; m < t; m++) o[k++] = p[i++];
        }
    }
    return k;
}

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_encode(const unsigned char *s, int n, unsigned char *o)
{
    int k = 0;
    for (int i = 0; i < n; i += 3) {
        unsigned v = s[i] << 16;
        if (i + 1 < n) v |= s[i + 1] << 8;
        if (i + 2 < n) v |= s[i + 2];
        o[k++] = alphabet[v >> 18];
        o[k++] = alphabet[(v >> 12) & 63];
        o[k++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        o[k++] = i + 2 < n ? alphabet[v & 63] : '=';
    }
    return k;
}

static int b64_decode(const unsigned char *s, int n, unsigned char *o)
{
    static signed char rev[256];
    memset(rev, -1, sizeof rev);
    for (int i = 0; i < 64; i++) rev[(unsigned char)alphabet[i]] = i;
    int k = 0;
    for (int i = 0; i < n; i += 4) {
        unsigned v = 0;
        int pad = 0;
        for (int j = 0; j < 4; j++) {
            int c = s[i + j];
            if (c == '=') { pad++; v <<= 6; }
            else v = (v << 6) | rev[c];
        }
        o[k++] = v >> 16;
        if (pad < 2) o[k++] = (v >> 8) & 255;
        if (pad < 1) o[k++] = v & 255;
    }
    return k;
}

static int rle(const unsigned char *s, int n, unsigned char *o)
{
    int k = 0;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && j - i < 255 && s[j] == s[i]) j++;
        o[k++] = j - i; o[k++] = s[i];
        i = j;
    }
    return k;
}

int main(void)
{
    static const char *words[] = {"the ", "of ", "data ", "vector ", "and ", "machine ", "register ", "0000", "\n"};
    int n = 0;
    while (n < N - 16) {
        if (rnd() % 5 == 0) in[n++] = 'a' + rnd() % 26;
        else { const char *w = words[rnd() % 9]; while (*w && n < N) in[n++] = *w++; }
    }
    int pk = lz_pack(in, n, packed);
    int un = lz_unpack(packed, pk, out);
    if (un != n || memcmp(in, out, n)) return 1;
    int e = b64_encode(packed, pk, b64);
    int d = b64_decode(b64, e, back);
    if (d != pk || memcmp(back, packed, pk)) return 2;
    int r = rle(in, n, back);
    int total = 0;
    for (int i = 0; i < r; i += 2) total += back[i];
    printf("%d bytes -> lz %d -> base64 %d; rle %d\n", n, pk, e, r);
    return total == n ? 0 : 3;
}
