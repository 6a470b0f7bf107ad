# Illegal instructions raise cause 2 with mepc = the instruction and mtval = its bits;
# reserved fields that the spec says to ignore (fence rd/rs1, fence.i imm/rs1/rd) are ignored.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail

        # 2: the all-zeros word is illegal (mtval = its bits, i.e. 0)
        li      gp, 2
        li      s4, -1
        la      s10, 1f
bad2:   .word   0x00000000
        j       fail
1:      la      t0, bad2
        jal     ra, check_illegal

        # 3: the all-ones word
        li      gp, 3
        la      s10, 1f
bad3:   .word   0xffffffff
        j       fail
1:      la      t0, bad3
        jal     ra, check_illegal

        # 4: slli with shamt[5] = 1 is reserved on RV32 (slli a0, a0, 32)
        li      gp, 4
        la      s10, 1f
bad4:   .word   0x02051513
        j       fail
1:      la      t0, bad4
        jal     ra, check_illegal

        # 5: no S-mode here: sret and sfence.vma are illegal even in M-mode
        li      gp, 5
        la      s10, 1f
bad5a:  .word   0x10200073              # sret
        j       fail
1:      la      t0, bad5a
        jal     ra, check_illegal
        la      s10, 1f
bad5b:  .word   0x12000073              # sfence.vma x0, x0
        j       fail
1:      la      t0, bad5b
        jal     ra, check_illegal

        # 6: mret from U-mode is illegal
        li      gp, 6
        li      t0, 0x1800
        csrc    mstatus, t0             # MPP = U
        la      t0, umode6
        csrw    mepc, t0
        la      s10, 1f
        mret
umode6:
bad6:   mret
        j       fail
1:      la      t0, bad6
        jal     ra, check_illegal

        # 7: wfi in U-mode with mstatus.TW = 1 is illegal
        li      gp, 7
        li      t0, 1 << 21             # TW
        csrs    mstatus, t0
        la      t0, umode7
        csrw    mepc, t0
        la      s10, 1f
        mret
umode7:
bad7:   wfi
        j       fail
1:      la      t0, bad7
        jal     ra, check_illegal
        li      t0, 1 << 21
        csrc    mstatus, t0
        csrr    t0, mstatus             # the trap came from U
        li      t1, 0x1800
        and     t0, t0, t1
        bnez    t0, fail

        # 8: fence with rd/rs1 set, fence.i with imm/rs1/rd set: ignored fields, no trap
        li      gp, 8
        la      s10, fail
        li      ra, 0x55
        .word   0x0ff0808f              # fence iorw, iorw with rs1 = x1, rd = x1
        .word   0x1230908f              # fence.i with imm = 0x123, rs1 = x1, rd = x1
        li      t0, 0x55                # x1 (ra) is not written by either
        bne     ra, t0, fail

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

# check_illegal: the last trap was cause 2 at address t0, with mtval = the word at t0
check_illegal:
        la      s10, fail
        li      t1, 2
        bne     s2, t1, fail
        bne     s3, t0, fail
        lw      t1, 0(t0)
        bne     s4, t1, fail
        ret

        .p2align 2
trap:   csrr    s2, mcause
        csrr    s3, mepc
        csrr    s4, mtval
        jr      s10

        .data
        .p2align 3
tohost: .word   0, 0
