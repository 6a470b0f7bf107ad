# Factorials 1..10, printed with PrintInt: recursion, mul, the stack.
        .data
sep:    .asciz  "! = "
nl:     .asciz  "\n"
        .text
        .globl  main
main:
        addi    sp, sp, -16
        sw      ra, 12(sp)
        sw      s0, 8(sp)
        li      s0, 1
loop:
        mv      a0, s0
        li      a7, 1           # PrintInt
        ecall
        la      a0, sep
        li      a7, 4           # PrintString
        ecall
        mv      a0, s0
        call    fact
        li      a7, 1
        ecall
        la      a0, nl
        li      a7, 4
        ecall
        addi    s0, s0, 1
        li      t0, 10
        ble     s0, t0, loop
        lw      s0, 8(sp)
        lw      ra, 12(sp)
        addi    sp, sp, 16
        li      a0, 0
        ret

fact:                           # a0 = a0!
        li      t0, 1
        ble     a0, t0, 1f
        addi    sp, sp, -16
        sw      ra, 12(sp)
        sw      a0, 8(sp)
        addi    a0, a0, -1
        call    fact
        lw      t1, 8(sp)
        mul     a0, a0, t1
        lw      ra, 12(sp)
        addi    sp, sp, 16
        ret
1:      li      a0, 1
        ret
