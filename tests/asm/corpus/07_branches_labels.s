# Branches to labels before and after
top:
    beq   a0, a1, top
    bne   a0, a1, bottom
    blt   a0, a1, middle
middle:
    bge   a2, a3, top
    bltu  a4, a5, bottom
    bgeu  a6, a7, middle
    nop
bottom:
    beq   t0, t1, bottom
