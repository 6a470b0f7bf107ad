# Recursive Fibonacci: fib(24) = 46368. Call-heavy: exercises jal/jalr, the stack, branches.
        .text
        .globl  _start
_start:
        li      a0, 24
        call    fib
        li      t0, 46368
        bne     a0, t0, fail
        li      a0, 0
        li      a7, 93
        ecall
fail:
        li      a0, 1
        li      a7, 93
        ecall

fib:                            # a0 = fib(a0)
        li      t0, 2
        blt     a0, t0, 1f
        addi    sp, sp, -16
        sw      ra, 12(sp)
        sw      s0, 8(sp)
        sw      s1, 4(sp)
        mv      s0, a0
        addi    a0, a0, -1
        call    fib
        mv      s1, a0
        addi    a0, s0, -2
        call    fib
        add     a0, a0, s1
        lw      ra, 12(sp)
        lw      s0, 8(sp)
        lw      s1, 4(sp)
        addi    sp, sp, 16
1:      ret
