# Trap entry and mret: MIE/MPIE/MPP bookkeeping, MPP legalisation (S is not supported, so
# writing S reads back U), mret to U-mode, mret clearing MPRV, and the writable mstatus bits.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .equ    MIE,  0x8
        .equ    MPIE, 0x80
        .equ    MPP,  0x1800
        .equ    MPRV, 0x20000

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail
        csrw    mie, x0                 # no interrupt sources: MIE may be set safely

        # 2: trap entry: MPIE <- MIE, MIE <- 0, MPP <- M
        li      gp, 2
        csrsi   mstatus, MIE
        la      s10, 1f
        ecall
1:      la      s10, fail
        andi    t0, s5, MIE
        bnez    t0, fail
        andi    t0, s5, MPIE
        beqz    t0, fail
        li      t0, MPP
        and     t1, s5, t0
        bne     t1, t0, fail

        # 3: mret: MIE <- MPIE (1), MPIE <- 1, MPP <- U, privilege <- M (the old MPP)
        li      gp, 3
        li      t0, MPP | MPIE
        csrs    mstatus, t0
        csrci   mstatus, MIE
        la      t0, 1f
        csrw    mepc, t0
        mret
        j       fail
1:      csrr    a0, mstatus
        andi    t0, a0, MIE
        beqz    t0, fail
        andi    t0, a0, MPIE
        beqz    t0, fail
        li      t0, MPP
        and     t1, a0, t0
        bnez    t1, fail
        csrr    a1, mscratch            # still M-mode: no trap

        # 4: mret with MPIE = 0 leaves MIE = 0 (and sets MPIE)
        li      gp, 4
        li      t0, MPP
        csrs    mstatus, t0
        li      t0, MPIE | MIE
        csrc    mstatus, t0
        la      t0, 1f
        csrw    mepc, t0
        mret
        j       fail
1:      csrr    a0, mstatus
        andi    t0, a0, MIE
        bnez    t0, fail
        andi    t0, a0, MPIE
        beqz    t0, fail

        # 5: MPP is WARL: S (01) is not supported and reads back as U; M stays M
        li      gp, 5
        li      t0, MPP
        csrc    mstatus, t0
        li      t0, 0x0800              # MPP = S
        csrs    mstatus, t0
        csrr    a0, mstatus
        li      t0, MPP
        and     t1, a0, t0
        bnez    t1, fail
        csrs    mstatus, t0             # MPP = M
        csrr    a0, mstatus
        and     t1, a0, t0
        bne     t1, t0, fail

        # 6: mret with MPP = U enters U-mode: an ecall there is cause 8
        li      gp, 6
        li      t0, MPP
        csrc    mstatus, t0
        la      t0, umode6
        csrw    mepc, t0
        la      s10, 1f
        mret
umode6: ecall
        j       fail
1:      la      s10, fail
        li      t0, 8
        bne     s2, t0, fail

        # 7: "If y != M, xRET also sets MPRV = 0"
        li      gp, 7
        li      t0, MPP
        csrc    mstatus, t0
        li      t0, MPRV
        csrs    mstatus, t0
        csrr    a0, mstatus
        and     a0, a0, t0
        beqz    a0, fail                # MPRV is writable (U-mode exists)
        la      t0, umode7
        csrw    mepc, t0
        la      s10, 1f
        mret
umode7: ecall
        j       fail
1:      la      s10, fail
        li      t0, MPRV
        and     t1, s5, t0
        bnez    t1, fail

        # 8: only MIE, MPIE, MPP, MPRV and TW are writable; the S-mode and FP fields read 0;
        #    mstatush is zero (little-endian M-mode)
        li      gp, 8
        li      t0, -1
        csrrw   a0, mstatus, t0
        csrr    a1, mstatus
        csrw    mstatus, x0
        li      t0, 0x00221888          # TW | MPRV | MPP | MPIE | MIE
        bne     a1, t0, fail
        csrr    a1, mstatush
        bnez    a1, fail

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
