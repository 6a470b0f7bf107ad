# I-type ALU instructions at the edges of the 12-bit signed immediate
    addi  a0, a1, -2048
    addi  a0, a1, 2047
    addi  a0, a1, 0
    addi  a0, a1, -1
    slti  t0, t1, -2048
    slti  t0, t1, 2047
    sltiu t2, s0, -2048
    sltiu t2, s0, 2047
    sltiu t2, s0, 1
    xori  a2, a3, -1
    xori  a2, a3, 0x7ff
    ori   a4, a5, -0x800
    ori   a4, a5, 1365
    andi  a6, a7, 255
    andi  a6, a7, -256
