# strlen and strcpy
    .section .rodata
greeting: .asciz "vmlab"
    .bss
copy: .space 16
    .text
    .globl main
main:
    la    a0, greeting
    call  strlen
    mv    s0, a0
    la    a0, copy
    la    a1, greeting
    call  strcpy
    mv    a0, s0
    li    a7, 93
    ecall
strlen:
    mv    t0, a0
1:  lbu   t1, 0(t0)
    beqz  t1, 2f
    addi  t0, t0, 1
    j     1b
2:  sub   a0, t0, a0
    ret
strcpy:
    mv    t0, a0
1:  lbu   t1, 0(a1)
    sb    t1, 0(t0)
    addi  a1, a1, 1
    addi  t0, t0, 1
    bnez  t1, 1b
    ret
