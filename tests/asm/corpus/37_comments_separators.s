# Comments of three kinds and ';' between statements
    addi a0, a0, 1    # hash comment
    addi a0, a0, 2    // slash comment
    addi a0, a0, 3    /* block comment */
    /* a block comment
       over several lines with addi a0, a0, 99 inside */
    addi a1, a1, 1 ; addi a1, a1, 2 ; addi a1, a1, 3
    nop; nop;nop
label: /* comment between label and instruction */ addi a2, a2, /* inside operands */ 4
# addi a0, a0, 100
// addi a0, a0, 101
    .data
    .ascii "# in a string", "/* also in a string */"  # after
    .byte '#', ';', '/'
