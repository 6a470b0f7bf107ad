# Bitwise CRC-32 (reflected, polynomial 0xEDB88320) of 16 KiB of LCG bytes = 0x86eb8bb3.
        .equ    LEN, 16384
        .bss
buf:    .space  LEN
        .text
        .globl  _start
_start:
        la      s0, buf
        li      s1, LEN
        li      t0, 1                   # x
        li      t1, 1103515245
        li      t2, 12345
        mv      t3, s0
        add     t4, s0, s1
gen:    mul     t0, t0, t1              # x = x*1103515245 + 12345; byte = x >> 16
        add     t0, t0, t2
        srli    t5, t0, 16
        sb      t5, 0(t3)
        addi    t3, t3, 1
        bne     t3, t4, gen

        li      a0, -1                  # crc = ~0
        li      a1, 0xEDB88320
        mv      t3, s0
byte:   lbu     t5, 0(t3)
        xor     a0, a0, t5
        li      t6, 8
bit:    andi    a2, a0, 1
        srli    a0, a0, 1
        beqz    a2, 1f
        xor     a0, a0, a1
1:      addi    t6, t6, -1
        bnez    t6, bit
        addi    t3, t3, 1
        bne     t3, t4, byte
        not     a0, a0
        li      t0, 0x86eb8bb3
        sub     a0, a0, t0
        li      a7, 93
        ecall
