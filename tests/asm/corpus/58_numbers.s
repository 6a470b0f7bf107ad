# Number syntax in instructions: hex, binary, octal, characters, negative
    addi   a0, zero, 0x7ff
    addi   a0, zero, -0x800
    addi   a0, zero, 0b11111111111
    addi   a0, zero, 03777
    addi   a0, zero, 'z'
    addi   a0, zero, '\t'
    addi   a0, zero, ' '
    andi   a0, a0, ~0x7ff
    ori    a0, a0, 1 << 10
    slli   a0, a0, 0x1f
    lui    a0, 0XABCDE
    csrrwi a0, 0x7c0, 0b11111
