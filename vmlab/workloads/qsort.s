# Recursive quicksort of 6000 LCG words, then a position-weighted checksum = 0x3606118c.
        .equ    COUNT, 6000
        .bss
        .align  2
arr:    .space  COUNT*4
        .text
        .globl  _start
_start:
        la      s0, arr
        li      s1, COUNT
        li      t0, 7
        li      t1, 1103515245
        li      t2, 12345
        mv      t3, s0
        slli    t4, s1, 2
        add     t4, t4, s0
gen:    mul     t0, t0, t1
        add     t0, t0, t2
        srli    t5, t0, 8
        sw      t5, 0(t3)
        addi    t3, t3, 4
        bne     t3, t4, gen

        mv      a0, s0                  # qsort(first, last) on word pointers, last inclusive
        addi    a1, t4, -4
        call    qsort

        slli    t4, s1, 2               # t4 was clobbered by the calls: end of the array again
        add     t4, t4, s0
        li      a0, 0
        li      t1, 1
        mv      t3, s0
ck:     lw      t5, 0(t3)
        mul     t5, t5, t1
        add     a0, a0, t5
        addi    t1, t1, 1
        addi    t3, t3, 4
        bne     t3, t4, ck
        li      t0, 0x3606118c
        sub     a0, a0, t0
        li      a7, 93
        ecall

qsort:  bgeu    a0, a1, 9f              # Lomuto partition around the last element
        addi    sp, sp, -16
        sw      ra, 12(sp)
        sw      s0, 8(sp)
        sw      s1, 4(sp)
        sw      s2, 0(sp)
        mv      s0, a0
        mv      s1, a1
        lw      t0, 0(a1)               # pivot
        mv      t1, a0                  # i: next slot for a smaller element
        mv      t2, a0                  # j
1:      bgeu    t2, s1, 3f
        lw      t3, 0(t2)
        bgeu    t3, t0, 2f
        lw      t4, 0(t1)
        sw      t3, 0(t1)
        sw      t4, 0(t2)
        addi    t1, t1, 4
2:      addi    t2, t2, 4
        j       1b
3:      lw      t4, 0(t1)               # pivot into place
        sw      t0, 0(t1)
        sw      t4, 0(s1)
        mv      s2, t1
        mv      a0, s0
        addi    a1, t1, -4
        call    qsort
        addi    a0, s2, 4
        mv      a1, s1
        call    qsort
        lw      ra, 12(sp)
        lw      s0, 8(sp)
        lw      s1, 4(sp)
        lw      s2, 0(sp)
        addi    sp, sp, 16
9:      ret
