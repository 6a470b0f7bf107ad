# Shifts: immediate shift amounts 0..31 and the register forms
    slli  a0, a0, 0
    slli  a0, a1, 1
    slli  a0, a1, 31
    srli  t0, t1, 0
    srli  t0, t1, 16
    srli  t0, t1, 31
    srai  s0, s1, 0
    srai  s0, s1, 7
    srai  s0, s1, 31
    sll   a0, a1, a2
    srl   a0, a1, a2
    sra   a0, a1, a2
