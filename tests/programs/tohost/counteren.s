# U-mode access to the counters (cycle, time, instret and their high halves) is gated by
# mcounteren bits CY (0), TM (1), IR (2); the counters are read-only even when enabled;
# M-mode reads them whatever mcounteren says.
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).
# In U-mode, an instruction that must not trap is followed by ecall (cause 8) to return.

        .equ    MPP, 0x1800

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail

        # 2: mcounteren = 0: all three trap in U-mode (cause 2, mtval = the bits)
        li      gp, 2
        csrwi   mcounteren, 0
        la      a0, u_cycle
        jal     ra, user_traps
        la      a0, u_time
        jal     ra, user_traps
        la      a0, u_instret
        jal     ra, user_traps

        # 3: M-mode reads them anyway
        li      gp, 3
        csrr    a0, cycle
        csrr    a0, time
        csrr    a0, instret
        csrr    a0, cycleh

        # 4: CY only: cycle reads, time and instret still trap
        li      gp, 4
        csrwi   mcounteren, 1
        la      a0, u_cycle
        jal     ra, user_runs
        la      a0, u_cycleh
        jal     ra, user_runs
        la      a0, u_time
        jal     ra, user_traps
        la      a0, u_instret
        jal     ra, user_traps

        # 5: TM only
        li      gp, 5
        csrwi   mcounteren, 2
        la      a0, u_time
        jal     ra, user_runs
        la      a0, u_timeh
        jal     ra, user_runs
        la      a0, u_cycle
        jal     ra, user_traps
        la      a0, u_instreth
        jal     ra, user_traps

        # 6: IR only
        li      gp, 6
        csrwi   mcounteren, 4
        la      a0, u_instret
        jal     ra, user_runs
        la      a0, u_instreth
        jal     ra, user_runs
        la      a0, u_timeh
        jal     ra, user_traps

        # 7: all enabled, but writing a counter from U-mode is still illegal
        li      gp, 7
        csrwi   mcounteren, 7
        la      a0, u_write_cycle
        jal     ra, user_traps
        csrr    a0, mcounteren
        li      t0, 7
        bne     a0, t0, fail

        # 8: the value U-mode reads is the counter: instret in U = minstret
        li      gp, 8
        csrw    minstret, x0
        la      a0, u_instret           # u_instret puts instret into a1
        jal     ra, user_runs
        beqz    a1, fail
        li      t0, 20
        bgeu    a1, t0, fail            # a handful of instructions since the write

pass:   li      t0, 1
        j       report
fail:   slli    t0, gp, 1
        ori     t0, t0, 1
report: la      t1, tohost
        sw      t0, 0(t1)
1:      j       1b

# user_traps(a0): run the instruction at a0 in U-mode; it must trap as illegal
user_traps:
        mv      s6, ra
        li      s2, -1
        li      t0, MPP
        csrc    mstatus, t0
        csrw    mepc, a0
        la      s10, 1f
        mret
1:      la      s10, fail
        li      t0, 2
        bne     s2, t0, fail
        bne     s3, a0, fail
        lw      t0, 0(a0)
        bne     s4, t0, fail
        jr      s6

# user_runs(a0): run the instruction at a0 in U-mode; it must not trap (the ecall after it
# brings the hart back)
user_runs:
        mv      s6, ra
        li      s2, -1
        li      t0, MPP
        csrc    mstatus, t0
        csrw    mepc, a0
        la      s10, 1f
        mret
1:      la      s10, fail
        li      t0, 8
        bne     s2, t0, fail
        addi    t0, a0, 4
        bne     s3, t0, fail
        jr      s6

u_cycle:        rdcycle a1
                ecall
u_cycleh:       rdcycleh a1
                ecall
u_time:         rdtime a1
                ecall
u_timeh:        rdtimeh a1
                ecall
u_instret:      rdinstret a1
                ecall
u_instreth:     rdinstreth a1
                ecall
u_write_cycle:  csrrw a1, cycle, x0
                ecall

        .p2align 2
trap:   csrr    s2, mcause
        csrr    s3, mepc
        csrr    s4, mtval
        jr      s10

        .data
        .p2align 3
tohost: .word   0, 0
