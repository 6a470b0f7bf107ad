# Forward references: branches, jumps, la, call, data words and sizes computed later
    .globl _start
_start:
    beq   a0, a1, target
    jal   ra, target
    j     target
    la    a0, table
    call  target
    lw    a1, table
    li    a2, table_end - table
    lui   a3, %hi(table)
    addi  a3, a3, %lo(table)
target:
    ret
    .data
table:
    .word target, _start, table_end
    .word table_end - table
table_end:
