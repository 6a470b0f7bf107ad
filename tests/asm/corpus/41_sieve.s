# Sieve of Eratosthenes over a .bss array
    .equ  N, 1000
    .text
    .globl _start
_start:
    la    s0, flags
    li    s1, N
    li    t0, 2
outer:
    mul   t1, t0, t0
    bge   t1, s1, count
    add   t2, s0, t0
    lbu   t3, 0(t2)
    bnez  t3, next
inner:
    add   t2, s0, t1
    li    t4, 1
    sb    t4, 0(t2)
    add   t1, t1, t0
    blt   t1, s1, inner
next:
    addi  t0, t0, 1
    j     outer
count:
    li    a0, 0
    li    t0, 2
1:  add   t2, s0, t0
    lbu   t3, 0(t2)
    seqz  t3, t3
    add   a0, a0, t3
    addi  t0, t0, 1
    blt   t0, s1, 1b
    li    a7, 93
    ecall
    .bss
flags:
    .space N
