# Mnemonics and CSR names are case-insensitive
    .text
    ADD    a0, a1, a2
    Addi   a0, a0, 1
    LW     a0, 4(sp)
    CSRR   a0, MEPC
    csrw   MTVEC, t0
    .data
    .word  1
    .byte  2
