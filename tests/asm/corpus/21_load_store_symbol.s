# Loads and stores of a symbol: auipc + access with %pcrel_lo
    lb     a0, bytes
    lbu    a1, bytes + 1
    lh     a2, halves
    lhu    a3, halves + 2
    lw     a4, words
    lw     a5, words + 4
    sb     a0, bytes, t0
    sh     a2, halves, t1
    sw     a4, words, t2
    sw     zero, words + 8, a6
    .data
bytes:  .byte 1, 2, 3, 4
halves: .half 0x1234, 0x5678
words:  .word 1, 2, 3
