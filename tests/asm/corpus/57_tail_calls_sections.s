# call/tail/la across sections and to labels at section starts and ends
    .section .text.a, "ax"
fa: call fb
    tail fc
    .section .text.b, "ax"
fb: la   a0, da_end
    ret
    .section .text.c, "ax"
fc: call fa
    lw   a0, da
    sw   a0, db, t0
    ret
    .section .data.a
da: .word 1
da_end:
    .section .data.b
db: .word 2
