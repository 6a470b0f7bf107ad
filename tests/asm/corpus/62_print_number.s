# Convert an unsigned number to decimal text with a digit table, then write it
    .equ   SYS_WRITE, 64
    .equ   SYS_EXIT, 93
    .section .rodata
digits:
    .ascii "0123456789"
    .bss
    .p2align 2
out:
    .space 12
out_end:
    .text
    .globl _start
_start:
    li     a0, 4000000000
    la     t0, out_end
    la     t1, digits
    li     t2, 10
1:  remu   t3, a0, t2
    divu   a0, a0, t2
    add    t3, t3, t1
    lbu    t3, 0(t3)
    addi   t0, t0, -1
    sb     t3, 0(t0)
    bnez   a0, 1b
    mv     a1, t0
    la     a2, out_end
    sub    a2, a2, a1
    li     a0, 1
    li     a7, SYS_WRITE
    ecall
    li     a0, 0
    li     a7, SYS_EXIT
    ecall
