# Sizes and offsets as label differences
    .text
func:
    addi  sp, sp, -16
    sw    ra, 12(sp)
    lw    ra, 12(sp)
    addi  sp, sp, 16
    ret
func_end:
    li    a0, func_end - func
    .data
msg:
    .ascii "hello, world\n"
msg_end:
    .word msg_end - msg
    .half msg_end - msg - 1
    .byte msg_end - msg
    .space msg_end - msg
    .word func_end - func
    .word msg + (msg_end - msg)
