# Integer matrix multiply, 40x40: C = A*B with A[i][j] = i+j, B[i][j] = i-j;
# checksum = sum of C[i][j]*(i+1) mod 2**32 = 0x0a6b9a40. Word loads, mul, nested loops.
        .equ    N, 40
        .bss
        .align  2
A:      .space  N*N*4
B:      .space  N*N*4
C:      .space  N*N*4
        .text
        .globl  _start
_start:
        la      s0, A
        la      s1, B
        la      s2, C
        li      s3, N
        li      t0, 0                   # i
fill_i: li      t1, 0                   # j
fill_j: mul     t2, t0, s3
        add     t2, t2, t1
        slli    t2, t2, 2
        add     t3, t0, t1
        add     t4, s0, t2
        sw      t3, 0(t4)
        sub     t3, t0, t1
        add     t4, s1, t2
        sw      t3, 0(t4)
        addi    t1, t1, 1
        blt     t1, s3, fill_j
        addi    t0, t0, 1
        blt     t0, s3, fill_i

        li      t0, 0                   # i
mm_i:   li      t1, 0                   # j
mm_j:   li      t5, 0                   # sum
        li      t2, 0                   # k
        mul     a1, t0, s3
        slli    a1, a1, 2
        add     a1, a1, s0              # &A[i][0]
        slli    a2, t1, 2
        add     a2, a2, s1              # &B[0][j]
        slli    a3, s3, 2               # row stride
mm_k:   lw      a4, 0(a1)
        lw      a5, 0(a2)
        mul     a4, a4, a5
        add     t5, t5, a4
        addi    a1, a1, 4
        add     a2, a2, a3
        addi    t2, t2, 1
        blt     t2, s3, mm_k
        mul     t3, t0, s3
        add     t3, t3, t1
        slli    t3, t3, 2
        add     t3, t3, s2
        sw      t5, 0(t3)
        addi    t1, t1, 1
        blt     t1, s3, mm_j
        addi    t0, t0, 1
        blt     t0, s3, mm_i

        li      t0, 0                   # checksum
        li      a0, 0
        li      t1, 0                   # i
ck_i:   li      t2, 0
        addi    t4, t1, 1
ck_j:   lw      t3, 0(s2)
        mul     t3, t3, t4
        add     a0, a0, t3
        addi    s2, s2, 4
        addi    t2, t2, 1
        blt     t2, s3, ck_j
        addi    t1, t1, 1
        blt     t1, s3, ck_i
        li      t0, 0x0a6b9a40
        sub     a0, a0, t0
        li      a7, 93
        ecall
