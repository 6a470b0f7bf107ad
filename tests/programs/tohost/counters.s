# minstret / mcycle: exact counting, writes that "take effect after the writing instruction"
# (the next instruction reads the written value: the writer's own increment is suppressed),
# the high halves and the carry into them, the user-level shadows, and mcountinhibit.
# (mcycle counts like minstret here: one cycle per retired instruction.)
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0

        # 2: minstret counts retired instructions, one each
        li      gp, 2
        csrr    a0, minstret
        nop
        nop
        nop
        csrr    a1, minstret
        sub     a1, a1, a0
        li      t0, 4
        bne     a1, t0, fail

        # 3: a value written to minstret is the value the next instruction reads
        li      gp, 3
        csrrw   x0, minstret, x0
        csrr    a0, minstret
        csrr    a1, minstret
        bnez    a0, fail
        li      t0, 1
        bne     a1, t0, fail
        li      t0, 1000
        csrw    minstret, t0
        csrr    a0, instret             # the user-level shadow reads the same counter
        bne     a0, t0, fail

        # 4: the same for mcycle
        li      gp, 4
        csrwi   mcycle, 5
        csrr    a0, mcycle
        csrr    a1, cycle
        li      t0, 5
        bne     a0, t0, fail
        li      t0, 6
        bne     a1, t0, fail

        # 5: high halves: 0x00000007_ffffffff, then one instruction carries into minstreth
        li      gp, 5
        li      t0, -1
        li      t1, 7
        csrw    minstret, t0
        csrw    minstreth, t1           # a write to either half suppresses the increment
        nop
        csrr    a0, minstret
        csrr    a1, minstreth
        csrr    a2, instreth
        bnez    a0, fail
        li      t0, 8
        bne     a1, t0, fail
        bne     a2, t0, fail

        # 6: ... and for mcycle / mcycleh
        li      gp, 6
        li      t0, -1
        li      t1, 0x10
        csrw    mcycle, t0
        csrw    mcycleh, t1
        csrr    a0, mcycle
        csrr    a1, mcycleh
        li      t0, -1
        bne     a0, t0, fail            # still 0x00000010_ffffffff when read...
        li      t0, 0x11
        bne     a1, t0, fail            # ...and one instruction later it carried
        csrr    a1, cycleh
        bne     a1, t0, fail

        # 7: mcountinhibit.IR freezes minstret (writes still land), clearing it resumes
        li      gp, 7
        csrwi   mcountinhibit, 4
        csrr    a0, minstret
        nop
        nop
        csrr    a1, minstret
        bne     a0, a1, fail
        li      t0, 1234
        csrw    minstret, t0
        csrr    a0, minstret
        bne     a0, t0, fail
        csrwi   mcountinhibit, 0
        csrr    a0, minstret
        nop
        csrr    a1, minstret
        sub     a1, a1, a0
        li      t0, 2
        bne     a1, t0, fail

        # 8: mcountinhibit.CY freezes mcycle only; bit 1 (TM) is read-only zero
        li      gp, 8
        csrwi   mcountinhibit, 1
        csrr    a0, mcycle
        csrr    a2, minstret
        nop
        csrr    a1, mcycle
        csrr    a3, minstret
        bne     a0, a1, fail
        beq     a2, a3, fail
        li      t0, -1
        csrw    mcountinhibit, t0
        csrr    a0, mcountinhibit
        andi    a0, a0, 7
        li      t0, 5
        bne     a0, t0, fail
        csrw    mcountinhibit, x0

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .p2align 2
trap:   j       fail                    # no check here expects a trap

        .data
        .p2align 3
tohost: .word   0, 0
