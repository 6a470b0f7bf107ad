# One-instruction ALU aliases
    nop
    mv     a0, a1
    mv     sp, s0
    not    t0, t1
    neg    a2, a3
    seqz   a4, a5
    snez   a6, a7
    sltz   s0, s1
    sgtz   s2, s3
    zext.b a0, a1
    sgt    a0, a1, a2
    sgtu   t0, t1, t2
    li     a0, 0
    li     a0, -1
