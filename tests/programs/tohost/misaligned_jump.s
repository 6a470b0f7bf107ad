# Misaligned jump and branch targets (no C extension, IALIGN = 32): the jump itself raises
# instruction-address-misaligned (cause 0) with mepc = the jump, mtval = the target, and
# its rd is not written. jalr clears bit 0 of the target first; untaken branches never trap.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail

        # 2: jalr to an address that is 2 mod 4
        li      gp, 2
        la      t0, target2
        li      a1, 99
        la      s10, 1f
jump2:  jalr    a1, 2(t0)
        j       fail
target2:
        j       fail
1:      la      s10, fail
        bnez    s2, fail                # mcause = 0
        la      t0, jump2
        bne     s3, t0, fail            # mepc = the jalr
        la      t0, target2
        addi    t0, t0, 2
        bne     s4, t0, fail            # mtval = the target
        li      t0, 99
        bne     a1, t0, fail            # rd not written

        # 3: jal .+6 (encoded by hand: the assembler rightly wants even offsets only)
        li      gp, 3
        li      ra, 77
        la      s10, 1f
jump3:  .word   0x006000ef              # jal ra, .+6
        j       fail
        j       fail
1:      la      s10, fail
        bnez    s2, fail
        la      t0, jump3
        bne     s3, t0, fail
        addi    t0, t0, 6
        bne     s4, t0, fail
        li      t0, 77
        bne     ra, t0, fail

        # 4: a taken branch to .+6 traps; the same branch not taken does not
        li      gp, 4
        .word   0x00001363              # bne x0, x0, .+6: not taken, no trap
        la      s10, 1f
jump4:  .word   0x00000363              # beq x0, x0, .+6: taken, traps
        j       fail
        j       fail
1:      la      s10, fail
        bnez    s2, fail
        la      t0, jump4
        bne     s3, t0, fail
        addi    t0, t0, 6
        bne     s4, t0, fail

        # 5: jalr clears bit 0 of the target: .+1 is fine, and rd is written
        li      gp, 5
        la      t0, target5
        addi    t0, t0, 1
jump5:  jalr    a2, 0(t0)
        j       fail
target5:
        la      t0, jump5
        addi    t0, t0, 4
        bne     a2, t0, fail

        # 6: mepc[1:0] are always zero (IALIGN = 32), so mret cannot reach a misaligned pc
        li      gp, 6
        la      t0, target6
        addi    t1, t0, 2
        csrw    mepc, t1
        csrr    a0, mepc
        bne     a0, t0, fail
        li      t1, 0x1800              # MPP = M: stay in M-mode
        csrs    mstatus, t1
        mret
        j       fail
target6:

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
        jr      s10

        .data
        .p2align 3
tohost: .word   0, 0
