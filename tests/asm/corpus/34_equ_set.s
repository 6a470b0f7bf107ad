# .equ / .set / = constants, redefinition with .set, use before and after
    .equ   SIZE, 16
    .set   COUNT, 3
    WIDTH = 4
    .equiv LIMIT, SIZE * COUNT
    addi   a0, zero, SIZE
    addi   a1, zero, COUNT
    addi   a2, zero, WIDTH
    addi   a3, zero, LIMIT
    .set   COUNT, COUNT + 1
    addi   a4, zero, COUNT
    COUNT = COUNT * 2
    addi   a5, zero, COUNT
    .equ   NEG, -SIZE
    andi   a6, a6, NEG
    slli   a7, a7, WIDTH
    lw     t0, SIZE(sp)
    csrrwi t1, mstatus, WIDTH
    .data
    .word  SIZE, COUNT, WIDTH, LIMIT, NEG
    .space SIZE - COUNT
    .byte  0xee
