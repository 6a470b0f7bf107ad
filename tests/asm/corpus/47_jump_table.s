# A switch through a jump table of code addresses in .rodata
    .globl main
main:
    li    a0, 2
    li    t0, 4
    bgeu  a0, t0, default
    la    t1, table
    slli  t2, a0, 2
    add   t1, t1, t2
    lw    t1, 0(t1)
    jr    t1
case0: li a0, 10
    ret
case1: li a0, 11
    ret
case2: li a0, 12
    ret
case3: li a0, 13
    ret
default:
    li    a0, -1
    ret
    .section .rodata
    .p2align 2
table:
    .word case0, case1, case2, case3
    .word table, main + 4
