# The CLINT's msip register (0x02000000) raises the machine software interrupt; mip.MSIP and
# mip.MTIP follow the device and ignore CSR writes; with both pending, MSI is taken before
# MTI ("MEI, MSI, MTI" in decreasing priority).
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .equ    MSIP,     0x02000000
        .equ    MTIMECMP, 0x02004000
        .equ    MIP_MSIP, 0x8
        .equ    MIP_MTIP, 0x80
        .equ    MIE,      0x8

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        li      s0, MSIP
        li      s1, MTIMECMP
        li      s7, 0                   # interrupts taken
        li      s8, 0                   # their causes, first in the low byte

        # 2: msip = 1 sets mip.MSIP; csrw/csrc of mip do not clear it; msip = 0 does
        li      gp, 2
        li      t0, 1
        sw      t0, 0(s0)
        csrr    a0, mip
        andi    a0, a0, MIP_MSIP
        beqz    a0, fail
        csrw    mip, x0
        csrci   mip, MIP_MSIP
        csrr    a0, mip
        andi    a0, a0, MIP_MSIP
        beqz    a0, fail
        lw      a0, 0(s0)
        li      t0, 1
        bne     a0, t0, fail            # msip reads back
        sw      x0, 0(s0)
        csrr    a0, mip
        andi    a0, a0, MIP_MSIP
        bnez    a0, fail

        # 3: both pending, both enabled: MSI (cause 3) first, then MTI (cause 7)
        li      gp, 3
        li      t0, 1
        sw      t0, 0(s0)               # software interrupt pending
        sw      x0, 4(s1)
        sw      x0, 0(s1)               # timer due
        li      t0, MIP_MSIP | MIP_MTIP
        csrw    mie, t0
        csrsi   mstatus, MIE
        nop
        nop
        li      t0, 2
        bne     s7, t0, fail
        li      t0, 0x0703              # 3 then 7
        bne     s8, t0, fail

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .p2align 2
trap:   csrr    t0, mcause
        bgez    t0, fail                # only interrupts are expected
        andi    t0, t0, 0xff            # record the cause in byte s7 of s8
        slli    t1, s7, 3
        sll     t0, t0, t1
        or      s8, s8, t0
        addi    s7, s7, 1
        csrr    t0, mcause
        li      t1, 0x80000003
        bne     t0, t1, 1f
        sw      x0, 0(s0)               # software interrupt: clear msip
        mret
1:      li      t0, -1                  # timer: disarm
        sw      t0, 0(s1)
        sw      t0, 4(s1)
        mret

        .data
        .p2align 3
tohost: .word   0, 0
