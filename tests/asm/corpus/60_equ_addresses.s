# Constants whose value is an address (label plus offset) work wherever a label does
    .equ   buf_end, buf + 64
    .set   second, table + 4
    .text
    la     a0, buf_end
    la     a1, second
    lw     a2, second
    beq    a0, a1, target_alias
    .equ   target_alias, target
target:
    ret
    .data
table: .word 1, 2, 3
    .word  buf_end, second, buf_end - buf
    .bss
buf:   .space 64
