# The four output sections, entered and re-entered in any order
    .data
d1: .word 1
    .text
    .globl _start
_start:
    la    a0, d1
    la    a1, r1
    la    a2, b1
    .section .rodata
r1: .word 2
    .bss
b1: .space 8
    .data
d2: .word 3
    .text
    la    a3, d2
    la    a4, b2
    .bss
b2: .word 0
    .section .rodata
r2: .ascii "xyz"
    .text
    ret
