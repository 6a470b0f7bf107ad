# Data words in the middle of code (a literal pool), code after them
    .text
    j     over
pool:
    .word 0x12345678
    .word pool
    .half 0xbeef
    .byte 1, 2
over:
    lw    a0, pool
    la    a1, pool
    ret
    .ascii "end"
    .p2align 2
    ret
