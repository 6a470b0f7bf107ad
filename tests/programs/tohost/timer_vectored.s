# mtvec in vectored mode (MODE = 1): interrupts go to BASE + 4 * cause, exceptions to BASE.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .equ    MTIMECMP, 0x02004000
        .equ    MTIME,    0x0200BFF8
        .equ    MTIP,     0x80
        .equ    MIE,      0x8

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, vectors
        ori     t0, t0, 1
        csrw    mtvec, t0
        la      s10, fail
        li      s0, MTIME
        li      s1, MTIMECMP
        li      s7, 0

        # 2: mtvec keeps BASE and MODE = 1
        li      gp, 2
        csrr    a0, mtvec
        la      t0, vectors
        ori     t0, t0, 1
        bne     a0, t0, fail

        # 3: the timer interrupt enters at BASE + 4 * 7
        li      gp, 3
        li      t0, MTIP
        csrw    mie, t0
        csrsi   mstatus, MIE
        lw      a0, 0(s0)
        addi    a0, a0, 20
        sw      x0, 4(s1)
        sw      a0, 0(s1)
spin3:  beqz    s7, spin3
        li      t0, 7
        bne     s8, t0, fail            # the entry the timer came through
        li      t0, 0x80000007
        bne     s2, t0, fail

        # 4: a synchronous exception enters at BASE, whatever its cause number
        li      gp, 4
        li      s8, -1
        la      s10, 1f
        ecall
        j       fail
1:      la      s10, fail
        bnez    s8, fail
        li      t0, 11
        bne     s2, t0, fail

        # 5: MODE is WARL: the reserved values (2, 3) never read back as themselves
        li      gp, 5
        csrr    s9, mtvec
        la      t0, vectors
        ori     t0, t0, 2
        csrw    mtvec, t0
        csrr    a0, mtvec
        csrw    mtvec, s9
        andi    a0, a0, 3
        li      t0, 2
        bgeu    a0, t0, fail

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

        .p2align 6
vectors:
        j       exception               # 0: exceptions (and cause 0 interrupts)
        j       fail                    # 1
        j       fail                    # 2
        j       fail                    # 3: machine software interrupt
        j       fail                    # 4
        j       fail                    # 5
        j       fail                    # 6
        j       timer                   # 7: machine timer interrupt
        j       fail                    # 8
        j       fail                    # 9
        j       fail                    # 10
        j       fail                    # 11: machine external interrupt

exception:
        li      s8, 0
        csrr    s2, mcause
        jr      s10

timer:  li      s8, 7
        csrr    s2, mcause
        li      t0, -1                  # disarm
        sw      t0, 0(s1)
        addi    s7, s7, 1
        mret

        .data
        .p2align 3
tohost: .word   0, 0
