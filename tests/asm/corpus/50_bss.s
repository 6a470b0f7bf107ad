# .bss: sizes, alignment, zero data and labels at its end
    .text
    la    a0, counter
    la    a1, buffer
    la    a2, end
    ret
    .bss
counter:
    .word 0
flag:
    .byte 0
    .p2align 3
buffer:
    .space 100
    .zero 3
    .balign 16
aligned:
    .half 0
end:
