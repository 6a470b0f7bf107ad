/* fft: a 512-point radix-2 FFT in fixed point (written for vmlab).
 *
 * Twiddle factors in Q30 come from an integer rotation recurrence (no floating point: the
 * guest is RV32IM); butterflies multiply 32-bit values into 64-bit products (mul and mulh),
 * and every stage of the forward transform halves its output to stay in range. Each round:
 * a signal made of a square wave, a triangle wave and noise; forward FFT; the three strongest
 * frequencies; inverse FFT back to the signal (checked to within rounding). A checksum of all
 * of it must equal the one the same file gives built with the host's gcc (tests/c checks). */
#include <stdint.h>
#include <stdio.h>

#define LOGN 9
#define N (1 << LOGN)
#define ROUNDS 7
#define EXPECTED_SUM 0x5686cc2au

/* cos(2 pi / N) and sin(2 pi / N) in Q30 */
#define COS1 1073660973
#define SIN1 13176464

static int32_t wr[N / 2], wi[N / 2];
static int32_t re[N], im[N], signal[N];

static void make_twiddles(void)
{
    int64_t c = 1 << 30, s = 0;
    for (int k = 0; k < N / 2; k++) {
        wr[k] = (int32_t)c;
        wi[k] = (int32_t)-s;                    /* e^(-2 pi i k / N) */
        int64_t nc = (c * COS1 - s * SIN1 + (1 << 29)) >> 30;
        int64_t ns = (s * COS1 + c * SIN1 + (1 << 29)) >> 30;
        c = nc;
        s = ns;
    }
}

static void bit_reverse(int32_t *xr, int32_t *xi)
{
    for (unsigned i = 0, j = 0; i < N; i++) {
        if (i < j) {
            int32_t t = xr[i]; xr[i] = xr[j]; xr[j] = t;
            t = xi[i]; xi[i] = xi[j]; xi[j] = t;
        }
        unsigned bit = N >> 1;
        while (j & bit) {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
    }
}

/* In place; inverse uses the conjugate twiddles; `shift` 1 halves after every stage. */
static void fft(int32_t *xr, int32_t *xi, int inverse, int shift)
{
    bit_reverse(xr, xi);
    for (int len = 2, step = N / 2; len <= N; len <<= 1, step >>= 1) {
        int half = len >> 1;
        for (int i = 0; i < N; i += len) {
            for (int j = 0; j < half; j++) {
                int32_t w_r = wr[j * step], w_i = inverse ? -wi[j * step] : wi[j * step];
                int32_t *pr = &xr[i + j], *pi = &xi[i + j];
                int32_t a = pr[half], b = pi[half];
                int32_t tr = (int32_t)(((int64_t)a * w_r - (int64_t)b * w_i) >> 30);
                int32_t ti = (int32_t)(((int64_t)a * w_i + (int64_t)b * w_r) >> 30);
                int32_t ur = *pr, ui = *pi;
                *pr = (ur + tr) >> shift;
                *pi = (ui + ti) >> shift;
                pr[half] = (ur - tr) >> shift;
                pi[half] = (ui - ti) >> shift;
            }
        }
    }
}

static uint32_t noise_state;

static int32_t noise(void)
{
    noise_state = noise_state * 1664525u + 1013904223u;
    return (int32_t)(noise_state >> 23) - 256;          /* -256 .. 255 */
}

int main(void)
{
    uint32_t sum = 0;
    int32_t worst_error = 0;
    make_twiddles();
    for (int round = 0; round < ROUNDS; round++) {
        noise_state = 2024u + (uint32_t)round * 77u;
        int square_period = 32 >> (round & 1), tri_period = 8 << (round % 3);
        for (int n = 0; n < N; n++) {
            int32_t sq = (n / (square_period / 2)) & 1 ? 8000 : -8000;
            int32_t phase = n % tri_period, half = tri_period / 2;
            int32_t tri = (phase < half ? phase : tri_period - phase) * 6000 / half - 3000;
            signal[n] = sq + tri + noise();
            re[n] = signal[n];
            im[n] = 0;
        }
        fft(re, im, 0, 1);

        /* the three strongest frequencies (bins 1 .. N/2) */
        int best[3] = {0, 0, 0};
        int64_t power[3] = {-1, -1, -1};
        for (int k = 1; k <= N / 2; k++) {
            int64_t p = (int64_t)re[k] * re[k] + (int64_t)im[k] * im[k];
            for (int r = 0; r < 3; r++) {
                if (p > power[r]) {
                    for (int s = 2; s > r; s--) {
                        power[s] = power[s - 1];
                        best[s] = best[s - 1];
                    }
                    power[r] = p;
                    best[r] = k;
                    break;
                }
            }
        }
        for (int k = 0; k < N; k++)
            sum = (sum * 31u) ^ (uint32_t)re[k] ^ ((uint32_t)im[k] << 7);
        sum = sum * 131u + (uint32_t)(best[0] | best[1] << 10 | best[2] << 20);

        fft(re, im, 1, 0);                              /* back, without scaling */
        for (int n = 0; n < N; n++) {
            int32_t e = re[n] - signal[n];
            e = e < 0 ? -e : e;
            if (e > worst_error)
                worst_error = e;
            sum += (uint32_t)re[n] * 3u;
        }
        if (round == 0)
            printf("fft: round 0: strongest bins %d %d %d\n", best[0], best[1], best[2]);
    }
    printf("fft: %d rounds of %d points, worst round-trip error %d, checksum 0x%08x\n",
           ROUNDS, N, (int)worst_error, (unsigned)sum);
    return sum != EXPECTED_SUM || worst_error > 1024;
}
