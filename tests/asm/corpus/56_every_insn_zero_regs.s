# Every base instruction once more with x0/extreme registers
    lui    x0, 0
    auipc  x31, 0
    addi   x0, x0, 0
    slti   x31, x31, -1
    sltiu  x0, x31, -1
    xori   x31, x0, 1
    ori    x1, x2, 3
    andi   x3, x4, 5
    slli   x31, x31, 31
    srli   x0, x0, 1
    srai   x31, x0, 30
    add    x31, x31, x31
    sub    x0, x0, x0
    sll    x1, x1, x1
    slt    x2, x2, x2
    sltu   x3, x3, x3
    xor    x4, x4, x4
    srl    x5, x5, x5
    sra    x6, x6, x6
    or     x7, x7, x7
    and    x8, x8, x8
    jal    x31, 2
    jalr   x31, -1(x31)
    beq    x31, x0, -2
    bne    x0, x31, 2
    blt    x31, x31, 4
    bge    x0, x0, -4
    bltu   x1, x2, 6
    bgeu   x3, x4, -6
    lb     x31, -1(x31)
    lh     x0, 1(x0)
    lw     x31, 2(x0)
    lbu    x0, 3(x31)
    lhu    x15, -3(x16)
    sb     x31, -1(x31)
    sh     x0, 1(x0)
    sw     x31, 2(x0)
    fence  w, r
    ecall
    ebreak
    mul    x31, x0, x31
    mulh   x0, x31, x0
    mulhsu x31, x31, x31
    mulhu  x1, x1, x1
    div    x31, x0, x0
    divu   x0, x31, x31
    rem    x1, x2, x3
    remu   x4, x5, x6
    csrrw  x31, 0xfff, x31
    csrrs  x0, 0, x0
    csrrc  x31, mstatus, x0
    csrrwi x31, 0xfff, 31
    csrrsi x0, 0, 0
    csrrci x1, mie, 1
    fence.i
    mret
    sret
    wfi
    sfence.vma x31, x31
