# RV32I register-register ALU instructions, a spread of registers
    .text
    .globl _start
_start:
    add   a0, a1, a2
    add   x0, x31, x1
    sub   t0, t1, t2
    sub   s11, s10, s9
    sll   a3, a4, a5
    slt   a6, a7, s2
    sltu  s3, s4, s5
    xor   s6, s7, s8
    srl   t3, t4, t5
    sra   t6, zero, ra
    or    sp, gp, tp
    and   fp, s1, a0
    and   x8, x9, x10
