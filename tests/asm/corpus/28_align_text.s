# Alignment in code: nop padding, explicit fill, maximum skip, after odd-sized data
    nop
    .align 3
    nop
    .p2align 4
    nop
    .balign 16
    .byte 1
    .align 2
    nop
    .byte 1, 2
    .balign 8
    nop
    .byte 1, 2, 3
    .p2align 4
    nop
    .balign 16, 0xab
    nop
    .p2align 5,,4
    nop
    .p2align 5,,31
    nop
    .balign 4, 0x00
    .align 0
    .p2align 12
    ret
