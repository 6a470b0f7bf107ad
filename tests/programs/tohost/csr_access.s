# CSR access rules (Zicsr + privileged CSR address conventions).
#
# The ISA-test protocol: the program writes tohost = 1 when every check passed, and
# (n << 1) | 1 when check n failed (gp holds the number of the check under way).
# Traps go to `trap`, which records mcause/mepc/mtval in s2/s3/s4 and continues (in
# M-mode) at the address in s10; s10 = fail whenever no trap is expected.

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail

        # 2: mscratch reads back what was written
        li      gp, 2
        li      t0, 0x12345678
        csrw    mscratch, t0
        csrr    a0, mscratch
        bne     a0, t0, fail

        # 3: csrrw returns the old value and writes the new one (and swaps with rd == rs1)
        li      gp, 3
        li      a0, 0x0badf00d
        csrrw   a0, mscratch, a0
        li      t0, 0x12345678
        bne     a0, t0, fail
        csrr    a1, mscratch
        li      t0, 0x0badf00d
        bne     a1, t0, fail

        # 4: csrrs / csrrc set and clear the bits of rs1, and return the old value
        li      gp, 4
        li      t0, 0xF0F0
        csrw    mscratch, t0
        li      t1, 0x0F0F
        csrrs   a0, mscratch, t1
        li      t0, 0xF0F0
        bne     a0, t0, fail
        li      t1, 0x00FF
        csrrc   a0, mscratch, t1
        li      t0, 0xFFFF
        bne     a0, t0, fail
        csrr    a0, mscratch
        li      t0, 0xFF00
        bne     a0, t0, fail
        csrrwi  a0, mscratch, 0x15
        csrrsi  a0, mscratch, 0x0A
        csrrci  a0, mscratch, 0x01
        csrr    a0, mscratch
        li      t0, 0x1E
        bne     a0, t0, fail

        # 5: csrrs/csrrc with rs1 = x0 (and csrrsi/csrrci with zimm = 0) do not write, so
        #    they may read a read-only CSR without trapping
        li      gp, 5
        csrrs   a0, mhartid, x0
        csrrc   a0, mvendorid, x0
        csrrsi  a0, marchid, 0
        csrrci  a0, mimpid, 0
        csrrs   x0, misa, x0

        # 6: ... but rs1 = a register that holds zero still writes: illegal on a read-only CSR
        li      gp, 6
        li      t1, 0
        la      s10, 1f
bad6:   csrrs   a0, mhartid, t1
        j       fail
1:      la      s10, fail
        li      t0, 2
        bne     s2, t0, fail
        la      t0, bad6
        bne     s3, t0, fail
        lw      t0, 0(t0)               # mtval = the instruction's bits
        bne     s4, t0, fail

        # 7: csrw to a read-only CSR traps with mtval = the instruction bits, mepc = it
        li      gp, 7
        la      s10, 1f
        li      a0, 5
bad7:   csrw    mhartid, a0
        j       fail
1:      la      s10, fail
        li      t0, 2
        bne     s2, t0, fail
        la      t0, bad7
        bne     s3, t0, fail
        lw      t0, 0(t0)
        bne     s4, t0, fail
        csrr    a0, mhartid             # and the write did not happen
        bnez    a0, fail

        # 8: CSRs this machine does not implement trap on every access (satp, medeleg, mideleg)
        li      gp, 8
        la      s10, 1f
bad8a:  csrr    a0, satp
        j       fail
1:      la      t0, bad8a
        bne     s3, t0, fail
        li      t0, 2
        bne     s2, t0, fail
        la      s10, 1f
bad8b:  csrw    medeleg, x0
        j       fail
1:      la      t0, bad8b
        bne     s3, t0, fail
        la      s10, 1f
bad8c:  csrrs   a0, mideleg, x0
        j       fail
1:      la      t0, bad8c
        bne     s3, t0, fail
        lw      t0, 0(t0)
        bne     s4, t0, fail
        la      s10, fail

        # 9: U-mode access to an M-mode CSR is illegal (read, and read-with-x0 too)
        li      gp, 9
        li      t0, 0x1800              # mstatus.MPP = U
        csrc    mstatus, t0
        la      t0, umode9
        csrw    mepc, t0
        la      s10, 1f
        mret
umode9:
bad9:   csrr    a0, mscratch            # traps to M; the handler continues at 1f in M-mode
        j       fail
1:      la      s10, fail
        li      t0, 2
        bne     s2, t0, fail
        la      t0, bad9
        bne     s3, t0, fail
        lw      t0, 0(t0)
        bne     s4, t0, fail
        csrr    t0, mstatus             # the trap came from U: MPP = 0
        li      t1, 0x1800
        and     t0, t0, t1
        bnez    t0, fail

        # 10: U-mode may not read mstatus either
        li      gp, 10
        la      t0, umode10
        csrw    mepc, t0
        la      s10, 1f
        mret
umode10:
bad10:  csrr    a0, mstatus
        j       fail
1:      la      t0, bad10
        bne     s3, t0, fail
        la      s10, fail

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
fromhost: .word 0, 0
