# Hello, world in process mode: RARS-style system calls (number in a7).
        .data
msg:    .asciz  "Hello, RISC-V!\n"
        .text
        .globl  main
main:
        la      a0, msg
        li      a7, 4           # PrintString
        ecall
        li      a0, 0
        ret                     # returning from main exits with a0
