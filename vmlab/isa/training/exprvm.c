/* Training program for the superinstruction profile (vmlab/isa/fused_pairs.py).
 * A small compiler and virtual machine: generates arithmetic expressions as text, parses
 * them by recursive descent into stack-machine code, runs the code with a switch-dispatch
 * interpreter and checks it against direct evaluation of the parse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned seed = 99;
static unsigned rnd(void) { seed = seed * 22695477u + 1u; return (seed >> 16) & 0x7fff; }

static char src[512];
static int pos;

static void gen(int depth)
{
    if (depth == 0 || rnd() % 4 == 0) {
        if (rnd() % 3 == 0) src[pos++] = "xyz"[rnd() % 3];
        else pos += sprintf(src + pos, "%u", rnd() % 100);
        return;
    }
    if (rnd() % 5 == 0) { src[pos++] = '-'; gen(depth - 1); return; }
    src[pos++] = '(';
    gen(depth - 1);
    src[pos++] = " +-*%"[1 + rnd() % 4];
    gen(depth - 1);
    src[pos++] = ')';
}

enum { PUSH, LOAD, ADD, SUB, MUL, MOD, NEG, HALT };
static int code[1024], ncode;
static const char *p;
static int vars[3];

static int expr(void);

static int primary(void)
{
    if (*p == '(') { p++; int v = expr(); p++; return v; }
    if (*p == '-') { p++; int v = (int)(0u - (unsigned)primary()); code[ncode++] = NEG; return v; }
    if (*p >= 'x' && *p <= 'z') { int i = *p++ - 'x'; code[ncode++] = LOAD; code[ncode++] = i; return vars[i]; }
    int v = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    code[ncode++] = PUSH; code[ncode++] = v;
    return v;
}

static int expr(void)
{
    int v = primary();
    while (*p == '+' || *p == '-' || *p == '*' || *p == '%') {
        char op = *p++;
        int r = primary();
        switch (op) {
        case '+': v = (int)((unsigned)v + (unsigned)r); code[ncode++] = ADD; break;
        case '-': v = (int)((unsigned)v - (unsigned)r); code[ncode++] = SUB; break;
        case '*': v = (int)((unsigned)v * (unsigned)r); code[ncode++] = MUL; break;
        default: v = r && r != -1 ? v % r : 0; code[ncode++] = MOD; break;
        }
    }
    return v;
}

static int run(const int *pc, const int *env)
{
    int stack[128], *sp = stack;
    for (;;) {
        switch (*pc++) {
        case PUSH: *sp++ = *pc++; break;
        case LOAD: *sp++ = env[*pc++]; break;
        case ADD: sp--; sp[-1] = (int)((unsigned)sp[-1] + (unsigned)sp[0]); break;
        case SUB: sp--; sp[-1] = (int)((unsigned)sp[-1] - (unsigned)sp[0]); break;
        case MUL: sp--; sp[-1] = (int)((unsigned)sp[-1] * (unsigned)sp[0]); break;
        case MOD: sp--; sp[-1] = sp[0] && !(sp[0] == -1) ? sp[-1] % sp[0] : 0; break;
        case NEG: sp[-1] = (int)(0u - (unsigned)sp[-1]); break;
        default: return sp[-1];
        }
    }
}

int main(void)
{
    long check = 0;
    int programs = 0, ops = 0;
    for (int t = 0; t < 400; t++) {
        pos = 0;
        gen(6);
        src[pos] = 0;
        for (int i = 0; i < 3; i++) vars[i] = (int)(rnd() % 50) - 10;
        p = src;
        ncode = 0;
        int direct = expr();
        code[ncode++] = HALT;
        if (*p) return 1;
        ops += ncode;
        for (int k = 0; k < 8; k++) {
            int env[3];
            for (int i = 0; i < 3; i++) env[i] = vars[i] + k;
            int r = run(code, env);
            if (k == 0 && r != direct) { printf("mismatch %s: %d %d\n", src, r, direct); return 2; }
            check = (long)((unsigned long)check * 31u + (unsigned)r);
        }
        programs++;
    }
    printf("%d programs, %d code words, checksum %ld\n", programs, ops, check);
    return 0;
}
