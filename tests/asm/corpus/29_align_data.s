# Alignment in data: zero padding and explicit fill; the section takes the largest alignment
    .data
    .byte 1
    .align 2
    .word 2
    .byte 3
    .balign 8, 0xff
    .word 4
    .byte 5
    .p2align 6
    .byte 6
    .balign 2
    .half 7
    .byte 8
    .p2align 3, 0x11, 7
    .byte 9
