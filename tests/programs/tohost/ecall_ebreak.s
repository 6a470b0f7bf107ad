# ecall from M (cause 11) and from U (cause 8), ebreak (cause 3, mtval = its pc): mepc is
# the instruction itself, mstatus.MPP the mode it came from, and neither retires.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail

        # 2: ecall in M-mode
        li      gp, 2
        la      s10, 1f
ecall2: ecall
        j       fail
1:      la      s10, fail
        li      t0, 11
        bne     s2, t0, fail
        la      t0, ecall2
        bne     s3, t0, fail
        bnez    s4, fail                # mtval = 0
        li      t0, 0x1800
        and     t1, s5, t0
        bne     t1, t0, fail            # MPP = M

        # 3: ecall in U-mode
        li      gp, 3
        li      t0, 0x1800
        csrc    mstatus, t0
        la      t0, ecall3
        csrw    mepc, t0
        la      s10, 1f
        mret
ecall3: ecall
        j       fail
1:      la      s10, fail
        li      t0, 8
        bne     s2, t0, fail
        la      t0, ecall3
        bne     s3, t0, fail
        bnez    s4, fail
        li      t0, 0x1800
        and     t1, s5, t0
        bnez    t1, fail                # MPP = U

        # 4: ebreak in M-mode: cause 3, mtval = the address of the ebreak
        li      gp, 4
        la      s10, 1f
brk4:   ebreak
        j       fail
1:      la      s10, fail
        li      t0, 3
        bne     s2, t0, fail
        la      t0, brk4
        bne     s3, t0, fail
        bne     s4, t0, fail

        # 5: ebreak in U-mode
        li      gp, 5
        li      t0, 0x1800
        csrc    mstatus, t0
        la      t0, brk5
        csrw    mepc, t0
        la      s10, 1f
        mret
brk5:   ebreak
        j       fail
1:      la      s10, fail
        li      t0, 3
        bne     s2, t0, fail
        la      t0, brk5
        bne     s3, t0, fail
        bne     s4, t0, fail
        li      t0, 0x1800
        and     t1, s5, t0
        bnez    t1, fail

        # 6: "they are not considered to retire": between the two reads of minstret
        #    retire the first csrr and the handler's 5 instructions, not the ecall
        li      gp, 6
        la      s10, 1f
        csrr    a0, minstret
        ecall
1:      csrr    a1, minstret
        la      s10, fail
        sub     a1, a1, a0
        li      t0, 6
        bne     a1, t0, fail

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .p2align 2
trap:   csrr    s2, mcause
        csrr    s3, mepc
        csrr    s4, mtval
        csrr    s5, mstatus
        jr      s10

        .data
        .p2align 3
tohost: .word   0, 0
