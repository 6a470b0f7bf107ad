# System mode: a machine-mode trap handler counts the ecalls a user-mode program makes.
        .text
        .globl  _start
_start:
        la      t0, handler
        csrw    mtvec, t0
        la      t0, user            # mret into U-mode at `user`
        csrw    mepc, t0
        li      t0, 0x1800          # MPP = 0 (U)
        csrc    mstatus, t0
        li      s1, 0               # ecall counter
        mret
user:
        li      t1, 5
1:      ecall                       # each one traps to the handler
        addi    t1, t1, -1
        bnez    t1, 1b
        ecall                       # the sixth: handler sees t1 == 0 and ends the run
        j       .

handler:
        csrr    t0, mcause
        li      t2, 8               # ecall from U-mode
        bne     t0, t2, fail
        addi    s1, s1, 1
        beqz    t1, done
        csrr    t0, mepc
        addi    t0, t0, 4           # return past the ecall
        csrw    mepc, t0
        mret
done:
        li      t0, 6
        bne     s1, t0, fail
        li      t0, 1               # tohost = 1: pass
        la      t2, tohost
        sw      t0, 0(t2)
        j       .
fail:
        li      t0, 3               # tohost = (1 << 1) | 1: test 1 failed
        la      t2, tohost
        sw      t0, 0(t2)
        j       .

        .data
        .align  3
        .globl  tohost
tohost: .word   0, 0
