# RV32M
    mul    a0, a1, a2
    mulh   a3, a4, a5
    mulhsu a6, a7, t0
    mulhu  t1, t2, t3
    div    s0, s1, s2
    divu   s3, s4, s5
    rem    s6, s7, s8
    remu   s9, s10, s11
    mul    zero, zero, zero
    div    t6, t5, t4
