# The machine timer through the CLINT at 0x02000000 (mtimecmp at +0x4000, mtime at +0xBFF8),
# with mtvec in direct mode. mtime advances by one per retired instruction. Checks mip.MTIP,
# the MIE/MPIE/MPP bookkeeping on interrupt entry, the global enable in M-mode, and that
# M-level interrupts are always enabled while the hart runs in U-mode.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .equ    MTIMECMP, 0x02004000
        .equ    MTIME,    0x0200BFF8
        .equ    MTIP,     0x80
        .equ    MIE,      0x8
        .equ    MPIE,     0x80
        .equ    MPP,      0x1800

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0               # direct mode
        la      s10, fail
        li      s0, MTIME
        li      s1, MTIMECMP
        li      s7, 0                   # interrupts taken so far

        # 2: mtime advances by one per retired instruction
        li      gp, 2
        lw      a0, 0(s0)
        nop
        nop
        lw      a1, 0(s0)
        sub     a1, a1, a0
        li      t0, 3
        bne     a1, t0, fail

        # 3: the time CSR reads mtime; the high half is 0 this early
        li      gp, 3
        lw      a0, 0(s0)
        csrr    a1, time
        addi    a0, a0, 1
        bne     a0, a1, fail
        lw      a0, 4(s0)
        bnez    a0, fail
        csrr    a0, timeh
        bnez    a0, fail

        # 4: mtimecmp <= mtime sets mip.MTIP; nothing is taken while mie.MTIE = 0
        li      gp, 4
        csrw    mie, x0
        csrsi   mstatus, MIE
        csrr    a0, mip
        andi    a0, a0, MTIP
        bnez    a0, fail                # mtimecmp resets to all ones: not pending
        sw      x0, 4(s1)
        sw      x0, 0(s1)               # mtimecmp = 0: due
        csrr    a0, mip
        andi    a0, a0, MTIP
        beqz    a0, fail
        nop
        bnez    s7, fail
        li      t0, -1                  # disarm: mtimecmp = all ones again
        sw      t0, 0(s1)
        sw      t0, 4(s1)
        csrr    a0, mip
        andi    a0, a0, MTIP
        bnez    a0, fail

        # 5: armed 40 ticks ahead, enabled: taken when due, in the spin loop below
        li      gp, 5
        li      t0, MTIP
        csrw    mie, t0
        lw      a0, 0(s0)
        addi    s6, a0, 40              # the deadline
        li      t0, -1
        sw      t0, 0(s1)
        sw      x0, 4(s1)
        sw      s6, 0(s1)
spin5:  beqz    s7, spin5
        li      t0, 0x80000007
        bne     s2, t0, fail            # mcause: interrupt 7
        la      t0, spin5
        bne     s3, t0, fail            # mepc: the next instruction to run, in the loop
        addi    t0, s6, 4               # the handler reads mtime in its 5th instruction:
        bltu    s4, t0, fail            # taken no earlier than the deadline...
        addi    t0, s6, 8
        bgtu    s4, t0, fail            # ...and promptly
        andi    t0, s5, MIE
        bnez    t0, fail                # MIE cleared on entry
        andi    t0, s5, MPIE
        beqz    t0, fail                # MPIE = the old MIE (1)
        li      t0, MPP
        and     t1, s5, t0
        bne     t1, t0, fail            # MPP = M
        csrr    a0, mstatus
        andi    a0, a0, MIE
        beqz    a0, fail                # mret restored MIE

        # 6: pending while MIE = 0: taken right after the instruction that sets MIE
        li      gp, 6
        csrci   mstatus, MIE
        sw      x0, 0(s1)               # due now (mtimecmp high half is 0)
        nop
        nop
        li      t0, 1
        bne     s7, t0, fail            # not taken yet
        csrsi   mstatus, MIE
after6: nop
        li      t0, 2
        bne     s7, t0, fail
        la      t0, after6
        bne     s3, t0, fail

        # 7: in U-mode, M-level interrupts are enabled whatever mstatus.MIE says
        li      gp, 7
        li      t0, MPP | MPIE | MIE
        csrc    mstatus, t0             # MPP = U, MPIE = 0, MIE = 0
        lw      a0, 0(s0)
        addi    s6, a0, 30
        sw      s6, 0(s1)
        la      t0, umode7
        csrw    mepc, t0
        la      s10, 1f
        mret
umode7: li      s9, 3                   # (the handler clobbers t0, not s9)
spin7:  bne     s7, s9, spin7           # the timer handler returns here, still in U-mode
        ecall                           # back to M (the handler continues at 1f)
        j       fail
1:      la      s10, fail
        li      t0, 8
        bne     s2, t0, fail            # the last trap was the ecall from U
        li      t0, MPP
        and     t1, s8, t0
        bnez    t1, fail                # the interrupt came from U: MPP = U
        andi    t0, s8, MPIE
        bnez    t0, fail                # MPIE = the old MIE (0)

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
        csrr    s5, mstatus
        bgez    s2, exception
        lw      s4, 0(s0)               # mtime on entry
        mv      s8, s5
        li      t0, -1                  # disarm the timer
        sw      t0, 0(s1)
        sw      t0, 4(s1)
        sw      x0, 4(s1)               # high half back to 0 (low stays all ones)
        addi    s7, s7, 1
        mret
exception:
        jr      s10

        .data
        .p2align 3
tohost: .word   0, 0
