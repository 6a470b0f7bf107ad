# .if/.elseif/.else/.endif and the .ifxx forms, also inside macros (LLVM's bytes).
        .equ    LEVEL, 2
        .equ    WIDTH, 8

        .macro  load_or_zero dst, src
        .ifb    \src
        li      \dst, 0
        .else
        mv      \dst, \src
        .endif
        .endm

        .macro  scale r, n
        .ifc    \n, 1
        .exitm
        .endif
        .ifeq   \n - 2
        slli    \r, \r, 1
        .else
        li      t6, \n
        mul     \r, \r, t6
        .endif
        .endm

        .text
        .globl  _start
_start:
        .if     LEVEL == 1
        li      a0, 1
        .elseif LEVEL == 2
        li      a0, 2
        .if     WIDTH > 4
        li      a1, WIDTH
        .else
        li      a1, 4
        .endif
        .else
        li      a0, 3
        .endif
        .ifdef  LEVEL
        addi    a0, a0, 10
        .endif
        .ifndef UNDEFINED_NAME
        addi    a0, a0, 20
        .endif
        .ifne   WIDTH - 8
        nop
        .endif
        .ifgt   WIDTH
        addi    a1, a1, 1
        .endif
        .iflt   WIDTH
        nop
        .endif
        .ifge   0
        addi    a1, a1, 2
        .endif
        .ifle   -1
        addi    a1, a1, 3
        .endif
        .ifnc   a0, a1
        add     a2, a0, a1
        .endif
        load_or_zero a3
        load_or_zero a4, a2
        scale   a4, 1
        scale   a4, 2
        scale   a4, 3
        .if 0
        .macro  never
        .endm
        .word   1 / 0
        .endif
        ret
        .data
        .word   (3 == 3), (3 == 4), (2 < 3), (3 <= 2), (4 > 3), (4 >= 5), (1 != 2), (1 <> 1)
        .word   (1 && 2), (0 && 2), (0 || 5), (0 || 0), !0, !7, 1 + 2 == 3, 2 | 1 == 3
