# la / lla: pc-relative addresses of labels in every section, before and after; la of a number
    .text
    .globl _start
_start:
    la     a0, message
    lla    a1, table
    la     a2, buffer
    la     a3, _start
    la     a4, later
    la     a5, message + 3
    la     a6, table + 4 * 2
    la     a7, 0x1000
    la     t0, 0x12345678
    la     t1, -1
later:
    ret
    .section .rodata
message:
    .asciz "hello"
    .data
table:
    .word 1, 2, 3
    .bss
buffer:
    .space 64
