# Print a string with the Linux write system call and exit
    .section .rodata
msg:
    .ascii "Hello, RISC-V!\n"
    .set   len, . - msg

    .text
    .globl _start
_start:
    li     a0, 1            # stdout
    la     a1, msg
    li     a2, len
    li     a7, 64           # write
    ecall
    li     a0, 0
    li     a7, 93           # exit
    ecall
