# '.' is the address of the current statement
    j      .
    beq    a0, a1, . + 8
    bne    a0, a1, . - 4
    jal    ra, .
start:
    nop
    li     a0, . - start
    .data
    .word  .
    .word  ., .
    .word  . - 8
here:
    .word  here - .
    .half  . - here
    .set   spot, .
    .word  spot
