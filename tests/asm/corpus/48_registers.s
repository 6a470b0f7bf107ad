# Every register by ABI name and by number, and fp
    add   zero, x0, t2
    add   ra, x1, s0
    add   sp, x2, s1
    add   gp, x3, a0
    add   tp, x4, a1
    add   t0, x5, a2
    add   t1, x6, a3
    add   t2, x7, a4
    add   s0, x8, a5
    add   s1, x9, a6
    add   a0, x10, a7
    add   a1, x11, s2
    add   a2, x12, s3
    add   a3, x13, s4
    add   a4, x14, s5
    add   a5, x15, s6
    add   a6, x16, s7
    add   a7, x17, s8
    add   s2, x18, s9
    add   s3, x19, s10
    add   s4, x20, s11
    add   s5, x21, t3
    add   s6, x22, t4
    add   s7, x23, t5
    add   s8, x24, t6
    add   s9, x25, zero
    add   s10, x26, ra
    add   s11, x27, sp
    add   t3, x28, gp
    add   t4, x29, tp
    add   t5, x30, t0
    add   t6, x31, t1
    sw    x0, 0(x3)
    sw    x1, 4(x4)
    sw    x2, 8(x5)
    sw    x3, 12(x6)
    sw    x4, 16(x7)
    sw    x5, 20(x8)
    sw    x6, 24(x9)
    sw    x7, 28(x10)
    sw    x8, 32(x11)
    sw    x9, 36(x12)
    sw    x10, 40(x13)
    sw    x11, 44(x14)
    sw    x12, 48(x15)
    sw    x13, 52(x16)
    sw    x14, 56(x17)
    sw    x15, 60(x18)
    sw    x16, 64(x19)
    sw    x17, 68(x20)
    sw    x18, 72(x21)
    sw    x19, 76(x22)
    sw    x20, 80(x23)
    sw    x21, 84(x24)
    sw    x22, 88(x25)
    sw    x23, 92(x26)
    sw    x24, 96(x27)
    sw    x25, 100(x28)
    sw    x26, 104(x29)
    sw    x27, 108(x30)
    sw    x28, 112(x31)
    sw    x29, 116(x0)
    sw    x30, 120(x1)
    sw    x31, 124(x2)
    mv    fp, s0
    mv    x8, fp
