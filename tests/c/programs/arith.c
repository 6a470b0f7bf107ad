/* 64-bit arithmetic on RV32IM: multiply and shifts are inline code, division and remainder
 * call the runtime's __divdi3, __udivdi3, __moddi3 and __umoddi3. The results (and a
 * checksum of thousands more) are compared with the host's gcc. */
#include <stdint.h>
#include <stdio.h>

static const int64_t values[] = {
    0, 1, -1, 2, -2, 3, 7, -7, 10, 255, 0xFFFF, 0x10000, -0x10000, 0x12345, 0x7FFFFFFF,
    0x80000000LL, -0x80000000LL, 0xFFFFFFFFLL, 0x100000000LL, 0x1234567890LL, -0x1234567890LL,
    0x7FFFFFFFFFFFLL, 0x0123456789ABCDEFLL, -0x0123456789ABCDEFLL, INT64_MAX, INT64_MIN,
    INT64_MAX - 12345, 1000000007, 999999999999LL,
};
#define NV ((int)(sizeof values / sizeof values[0]))

static uint64_t hash;
static void mix(uint64_t v)
{
    hash = (hash ^ v) * 0x100000001B3ULL;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

int main(void)
{
    volatile int64_t sink;
    hash = 0xCBF29CE484222325ULL;
    for (int i = 0; i < NV; i++) {
        for (int j = 0; j < NV; j++) {
            int64_t a = values[i], b = values[j];
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            mix(ua * ub);
            mix((uint64_t)(a * b));
            if (b != 0) {
                mix(ua / ub);
                mix(ua % ub);
                if (!(a == INT64_MIN && b == -1)) {
                    mix((uint64_t)(a / b));
                    mix((uint64_t)(a % b));
                }
            }
        }
        for (int s = 0; s < 64; s += 5) {
            mix(values[i] >> s);
            mix((uint64_t)values[i] >> s);
            mix((uint64_t)values[i] << s);
        }
    }
    /* random operands of every length: each path of the division helper */
    for (int k = 0; k < 300; k++) {
        uint64_t a = next() >> (next() & 63), b = next() >> (next() & 63);
        if (b == 0)
            b = 1;
        mix(a / b);
        mix(a % b);
        int64_t sa = (int64_t)a * ((k & 1) ? -1 : 1), sb = (int64_t)b * ((k & 2) ? -1 : 1);
        mix((uint64_t)(sa / sb));
        mix((uint64_t)(sa % sb));
    }
    printf("checksum %016llx\n", (unsigned long long)hash);
    printf("%lld %lld %llu %llu\n", (long long)(values[22] / 1000), (long long)(values[23] % 1000),
           (unsigned long long)((uint64_t)values[25] / 3), (unsigned long long)((uint64_t)-1 % 1000000007));
    printf("%lld %lld\n", (long long)(INT64_MIN / 7), (long long)(INT64_MIN % 7));
    int32_t x = -7, y = 2;
    printf("%d %d %u %u\n", x / y, x % y, (uint32_t)x / (uint32_t)y, (uint32_t)x % (uint32_t)y);
    sink = hash != 0;
    return (int)sink - 1;
}
