# Numeric local labels: 1f / 1b pick the nearest definition, numbers may repeat
    li    t0, 10
1:  addi  t0, t0, -1
    bnez  t0, 1b
    j     1f
    nop
1:  beqz  t1, 2f
    j     1b
2:  la    a0, 1f
1:  j     1b
10: j     10f
10: j     10b
1:  1: j 1b
    beq   a0, a1, 2b
2:  bne   a0, a1, 2b
    .data
1:  .word 1b, 1f
1:  .word 1b
