# Branches at the edges of their +-4 KiB range
    .text
back:
    .space 4
    .space 4092
    beq    a0, a1, back
    bne    a0, a1, fwd
    .space 4088
fwd:
    blt    a0, a1, fwd
    bge    a0, a1, 4094
    bltu   a0, a1, -4096
