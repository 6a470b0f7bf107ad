# Physical memory protection registers: 16 entries, granularity G=0, WARL rules and locking
# as the privileged spec gives them; accesses are not checked against them (README).
#
# The ISA-test protocol: tohost = 1 when every check passed, (n << 1) | 1 when check n
# failed (gp holds the number of the check under way). Traps go to `trap`, which records
# mcause/mepc/mtval in s2/s3/s4 and continues (in M-mode) at the address in s10.

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0
        la      s10, fail

        # 2: pmpaddr0 and pmpaddr15 hold every bit (G=0: the granularity is 4 bytes)
        li      gp, 2
        li      t0, -1
        csrw    pmpaddr0, t0
        csrr    a0, pmpaddr0
        bne     a0, t0, fail
        li      t0, 0x12345678
        csrw    pmpaddr15, t0
        csrr    a0, pmpaddr15
        bne     a0, t0, fail

        # 3: entries 16 and up, and pmpcfg4-15, read as zero and ignore writes
        li      gp, 3
        li      t0, -1
        csrw    pmpaddr16, t0
        csrr    a0, pmpaddr16
        bnez    a0, fail
        csrw    pmpaddr63, t0
        csrr    a0, pmpaddr63
        bnez    a0, fail
        csrw    pmpcfg4, t0
        csrr    a0, pmpcfg4
        bnez    a0, fail

        # 4: pmpcfg packs four entries, entry 4n in the low byte; bits 5 and 6 read zero
        li      gp, 4
        li      t0, 0x1f0f1b1d          # entries 4-7: NAPOT X R, NAPOT W R, TOR X W R, NAPOT X W R
        csrw    pmpcfg1, t0
        csrr    a0, pmpcfg1
        bne     a0, t0, fail
        li      t0, 0x00000060          # only the reserved bits
        csrw    pmpcfg1, t0
        csrr    a0, pmpcfg1
        bnez    a0, fail

        # 5: W without R is reserved: the write keeps R=0 and drops W
        li      gp, 5
        li      t0, 0x0e                # TOR, X, W (no R)
        csrw    pmpcfg2, t0
        csrr    a0, pmpcfg2
        li      t1, 0x0c                # TOR, X
        bne     a0, t1, fail

        # 6: csrs / csrc on pmpcfg act per bit
        li      gp, 6
        csrw    pmpcfg2, zero
        csrsi   pmpcfg2, 0x18           # A = NAPOT
        csrsi   pmpcfg2, 0x01           # R
        csrr    a0, pmpcfg2
        li      t1, 0x19
        bne     a0, t1, fail
        csrci   pmpcfg2, 0x18
        csrr    a0, pmpcfg2
        li      t1, 0x01
        bne     a0, t1, fail

        # 7: a locked entry ignores writes to its configuration and its address
        li      gp, 7
        li      t0, 0x1000
        csrw    pmpaddr3, t0
        li      t0, 0x99000000          # entry 3: L, NAPOT, R (entries 0-2 left at 0)
        csrw    pmpcfg0, t0
        csrr    a0, pmpcfg0
        bne     a0, t0, fail
        li      t1, 0x2000
        csrw    pmpaddr3, t1
        csrr    a0, pmpaddr3
        li      t1, 0x1000
        bne     a0, t1, fail
        csrw    pmpcfg0, zero           # entries 0-2 change, entry 3 stays
        li      t1, 0x07
        csrw    pmpcfg0, t1
        csrr    a0, pmpcfg0
        li      t1, 0x99000007
        bne     a0, t1, fail

        # 8: a locked TOR entry also locks the address below it (the start of its range)
        li      gp, 8
        li      t0, 0x800
        csrw    pmpaddr7, t0
        li      t0, 0x89000000          # entry 7: L, TOR, R
        csrw    pmpcfg1, t0
        li      t1, 0x400
        csrw    pmpaddr6, t1
        csrr    a0, pmpaddr6
        bnez    a0, fail                # pmpaddr6 was 0 and stays 0
        li      t1, 0x400               # an unlocked entry below an unlocked one: writable
        csrw    pmpaddr5, t1
        csrr    a0, pmpaddr5
        bne     a0, t1, fail

        # 9: M-mode accesses are not restricted by the locked entries (not enforced)
        li      gp, 9
        la      t0, scratch
        li      t1, 0x5a5a
        sw      t1, 0(t0)
        lw      a0, 0(t0)
        bne     a0, t1, fail

        # 10: U-mode may not access the pmp CSRs (they are M-mode registers)
        li      gp, 10
        li      t0, 0x1800              # mstatus.MPP = U
        csrc    mstatus, t0
        la      t0, umode10
        csrw    mepc, t0
        la      s10, 1f
        mret
umode10:
bad10:  csrr    a0, pmpaddr0
        j       fail
1:      la      s10, fail
        li      t0, 2
        bne     s2, t0, fail
        la      t0, bad10
        bne     s3, t0, fail

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
scratch: .word  0
