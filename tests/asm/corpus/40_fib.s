# Iterative Fibonacci: fib(n) in a0
    .globl main
main:
    li    a0, 30
    call  fib
    mv    s0, a0
    li    a7, 93
    ecall
fib:
    li    t0, 0
    li    t1, 1
    beqz  a0, 2f
1:  add   t2, t0, t1
    mv    t0, t1
    mv    t1, t2
    addi  a0, a0, -1
    bnez  a0, 1b
2:  mv    a0, t0
    ret
