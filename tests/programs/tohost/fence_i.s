# Self-modifying code: a store over an instruction that already ran, then fence.i, runs the
# new instruction; so does code written into a data buffer and called (Zifencei).
# Protocol: tohost = 1 pass, (n << 1) | 1 = check n failed (gp = check number).

        .text
        .globl _start
_start:
        li      gp, 1
        la      t0, trap
        csrw    mtvec, t0

        # 2: patch an instruction inside a loop after its first execution
        li      gp, 2
        li      a0, 0
        li      s1, 3
        la      s2, patch
        li      s3, 0x06450513          # addi a0, a0, 100
loop2:
patch:  addi    a0, a0, 1               # rewritten to addi a0, a0, 100 after one pass
        sw      s3, 0(s2)
        fence.i
        addi    s1, s1, -1
        bnez    s1, loop2
        li      t0, 201
        bne     a0, t0, fail

        # 3: write a routine into a buffer, run it, rewrite it, run it again
        li      gp, 3
        la      s2, buffer
        li      t0, 0x02a00513          # li a0, 42
        sw      t0, 0(s2)
        li      t0, 0x00008067          # ret
        sw      t0, 4(s2)
        fence.i
        jalr    ra, 0(s2)
        li      t0, 42
        bne     a0, t0, fail
        li      t0, 0x00700513          # li a0, 7
        sw      t0, 0(s2)
        fence.i
        jalr    ra, 0(s2)
        li      t0, 7
        bne     a0, t0, fail

        # 4: a partial (halfword) store into an instruction: addi a0, x0, 7 -> addi a0, x0, 0x7ff
        li      gp, 4
        li      t0, 0x7ff0              # the high half of addi a0, x0, 0x7ff (0x7ff00513)
        sh      t0, 2(s2)
        fence.i
        jalr    ra, 0(s2)
        li      t0, 0x7ff
        bne     a0, t0, fail

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
        .p2align 6
buffer: .space  64
