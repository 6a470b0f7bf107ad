# Misaligned loads and stores complete (vmlab's policy, as the ISA tests' ma_data allows):
# no trap, little-endian values assembled byte by byte, including across a 64-byte line.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s0, bytes               # bytes[i] = i + 1 for i in 0..127, 64-byte aligned

        # 2: lw at offsets 1, 2 and 3
        li      gp, 2
        lw      a0, 1(s0)
        li      t0, 0x05040302
        bne     a0, t0, fail
        lw      a0, 2(s0)
        li      t0, 0x06050403
        bne     a0, t0, fail
        lw      a0, 3(s0)
        li      t0, 0x07060504
        bne     a0, t0, fail

        # 3: lh / lhu at an odd address, sign- and zero-extended
        li      gp, 3
        lh      a0, 0x7f(s0)            # bytes 0x80, 0x81 -> 0x8180, negative
        li      t0, 0xFFFF8180
        bne     a0, t0, fail
        lhu     a0, 0x7f(s0)
        li      t0, 0x8180
        bne     a0, t0, fail
        lh      a0, 1(s0)
        li      t0, 0x0302
        bne     a0, t0, fail

        # 4: a word that straddles the 64-byte line boundary (bytes 62..65)
        li      gp, 4
        lw      a0, 62(s0)
        li      t0, 0x4241403F
        bne     a0, t0, fail

        # 5: misaligned sw, then every byte read back with lbu
        li      gp, 5
        la      s1, scratch
        li      t0, 0xA1B2C3D4
        sw      t0, 3(s1)
        lbu     a0, 3(s1)
        li      t1, 0xD4
        bne     a0, t1, fail
        lbu     a0, 4(s1)
        li      t1, 0xC3
        bne     a0, t1, fail
        lbu     a0, 5(s1)
        li      t1, 0xB2
        bne     a0, t1, fail
        lbu     a0, 6(s1)
        li      t1, 0xA1
        bne     a0, t1, fail
        lbu     a0, 2(s1)               # neighbours untouched
        bnez    a0, fail
        lbu     a0, 7(s1)
        bnez    a0, fail
        lw      a0, 3(s1)               # and the misaligned load sees the same word
        bne     a0, t0, fail

        # 6: misaligned sh across the line boundary of scratch (offset 63)
        li      gp, 6
        li      t0, 0x1234BEEF
        sh      t0, 63(s1)
        lbu     a0, 63(s1)
        li      t1, 0xEF
        bne     a0, t1, fail
        lbu     a0, 64(s1)
        li      t1, 0xBE
        bne     a0, t1, fail
        lbu     a0, 65(s1)
        bnez    a0, fail
        lhu     a0, 63(s1)
        li      t1, 0xBEEF
        bne     a0, t1, fail

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .p2align 2
trap:   j       fail                    # no check here expects a trap

        .data
        .p2align 6
bytes:  .byte   1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
        .byte   17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
        .byte   33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48
        .byte   49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64
        .byte   65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80
        .byte   81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96
        .byte   97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112
        .byte   113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128
        .byte   129, 130, 131, 132
        .p2align 6
scratch: .space 128
        .p2align 3
tohost: .word   0, 0
