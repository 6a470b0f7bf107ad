# Sieve of Eratosthenes below 65536: 6542 primes. Byte loads/stores in tight loops.
        .equ    N, 65536
        .bss
flags:  .space  N
        .text
        .globl  _start
_start:
        la      s0, flags
        li      s1, N
        li      t0, 2
        li      t2, 1
init:   add     t1, s0, t0              # flags[i] = 1 for i >= 2
        sb      t2, 0(t1)
        addi    t0, t0, 1
        blt     t0, s1, init
        li      t0, 2                   # i
outer:  mul     t1, t0, t0              # j = i*i
        bge     t1, s1, count
        add     t3, s0, t0
        lbu     t3, 0(t3)
        beqz    t3, next
inner:  add     t4, s0, t1              # flags[j] = 0
        sb      zero, 0(t4)
        add     t1, t1, t0
        blt     t1, s1, inner
next:   addi    t0, t0, 1
        j       outer
count:  li      t0, 2
        li      a0, 0
cloop:  add     t1, s0, t0
        lbu     t1, 0(t1)
        add     a0, a0, t1
        addi    t0, t0, 1
        blt     t0, s1, cloop
        li      t0, 6542
        sub     a0, a0, t0              # exit code 0 when the count is right
        li      a7, 93
        ecall
