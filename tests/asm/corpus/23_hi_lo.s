# Absolute addressing with %hi / %lo
    lui    a0, %hi(value)
    addi   a0, a0, %lo(value)
    lui    a1, %hi(value + 0x800)
    lw     a2, %lo(value + 0x800)(a1)
    lui    t0, %hi(value)
    sw     a2, %lo(value)(t0)
    lui    t1, %hi(0x12345800)
    addi   t1, t1, %lo(0x12345800)
    lui    t2, %hi(0xfffff800)
    addi   t2, t2, %lo(0xfffff800)
    lui    t3, %hi(end_of_text)
    jalr   zero, %lo(end_of_text)(t3)
end_of_text:
    .data
    .space 0x900
value:
    .word 42
