# misa describes this machine (MXL = 1: 32-bit; extensions I, M and U only) and ignores
# writes; mhartid is 0 (one hart); mvendorid/marchid/mimpid/mconfigptr read 0.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0

        # 2: misa = MXL 1 | U | M | I
        li      gp, 2
        csrr    a0, misa
        li      t0, (1 << 30) | (1 << 20) | (1 << 12) | (1 << 8)
        bne     a0, t0, fail

        # 3: MXL, read the way software probes it: misa < 0 would mean MXL >= 2
        li      gp, 3
        srli    a1, a0, 30
        li      t0, 1
        bne     a1, t0, fail

        # 4: no S (bit 18), no C (bit 2), no A (bit 0), no F/D (bits 5, 3)
        li      gp, 4
        li      t0, (1 << 18) | (1 << 2) | (1 << 0) | (1 << 5) | (1 << 3)
        and     a1, a0, t0
        bnez    a1, fail

        # 5: misa is WARL and fixed here: writes (even clearing everything) change nothing
        li      gp, 5
        csrw    misa, x0
        csrr    a1, misa
        bne     a1, a0, fail
        li      t0, 1 << 2
        csrs    misa, t0                # try to turn C on
        csrr    a1, misa
        bne     a1, a0, fail

        # 6: mhartid = 0, and the ID registers read 0
        li      gp, 6
        csrr    a0, mhartid
        bnez    a0, fail
        csrr    a0, mvendorid
        bnez    a0, fail
        csrr    a0, marchid
        bnez    a0, fail
        csrr    a0, mimpid
        bnez    a0, fail
        csrr    a0, mconfigptr
        bnez    a0, fail

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .p2align 2
trap:   j       fail

        .data
        .p2align 3
tohost: .word   0, 0
