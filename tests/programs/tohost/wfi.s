# wfi waits for an interrupt to be pending (mip & mie), whatever the global enable: with
# mstatus.MIE = 0 it just resumes, with MIE = 1 the interrupt is taken and mepc is the
# instruction after the wfi. vmlab skips time ahead to the timer, so this runs in few steps.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .equ    MTIMECMP, 0x02004000
        .equ    MTIME,    0x0200BFF8
        .equ    MTIP,     0x80
        .equ    MIE,      0x8

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail
        li      s0, MTIME
        li      s1, MTIMECMP
        li      s7, 0

        # 2: MIE = 0, MTIE = 1, timer 100000 ticks ahead: wfi resumes with MTIP pending
        li      gp, 2
        csrci   mstatus, MIE
        li      t0, MTIP
        csrw    mie, t0
        lw      a0, 0(s0)
        li      t0, 100000
        add     s6, a0, t0
        sw      x0, 4(s1)
        sw      s6, 0(s1)
        wfi
        lw      a1, 0(s0)
        bltu    a1, s6, fail            # time has reached the deadline
        csrr    a0, mip
        andi    a0, a0, MTIP
        beqz    a0, fail
        bnez    s7, fail                # and no interrupt was taken
        li      t0, -1
        sw      t0, 0(s1)

        # 3: MIE = 1: the interrupt is taken; mepc = the instruction after the wfi
        li      gp, 3
        lw      a0, 0(s0)
        li      t0, 50000
        add     s6, a0, t0
        sw      s6, 0(s1)
        csrsi   mstatus, MIE
wfi3:   wfi
after3: li      t0, 1
        bne     s7, t0, fail
        la      t0, after3
        bne     s3, t0, fail
        li      t0, 0x80000007
        bne     s2, t0, fail
        bltu    s4, s6, fail

        # 4: a pending-and-enabled interrupt makes wfi a no-op (MIE = 0, so not taken)
        li      gp, 4
        csrci   mstatus, MIE
        sw      x0, 0(s1)               # due now
        lw      a0, 0(s0)
        wfi
        lw      a1, 0(s0)
        sub     a1, a1, a0
        li      t0, 2
        bne     a1, t0, fail            # no time was skipped
        li      t0, -1
        sw      t0, 0(s1)

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
        bgez    s2, exception
        lw      s4, 0(s0)
        li      t0, -1
        sw      t0, 0(s1)
        addi    s7, s7, 1
        mret
exception:
        jr      s10

        .data
        .p2align 3
tohost: .word   0, 0
