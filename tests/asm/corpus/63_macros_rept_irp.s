# GNU as macros, .rept and .irp: the expansions must give LLVM's bytes.
        .macro  push reg, size=4
        addi    sp, sp, -\size
        sw      \reg, 0(sp)
        .endm

        .macro  pop reg, size=4
        lw      \reg, 0(sp)
        addi    sp, sp, \size
        .endm

        .macro  sum dst, n:req          # dst = n + (n-1) + ... + 1, with a unique label
        li      \dst, 0
        li      t0, \n
loop\@: add     \dst, \dst, t0
        addi    t0, t0, -1
        bnez    t0, loop\@
        .endm

        .macro  field name, offset      # \() joins a parameter to the text after it
        .equ    \name\()_off, \offset
        .endm

        .macro  save_all regs:vararg
        .irp    r, \regs
        push    \r
        .endr
        .endm

        .macro  twice insn, a, b
        \insn   \a, \a, \b
        \insn   \a, \a, \b
        .endm

        .macro  early x
        li      a0, \x
        .exitm
        li      a0, 0                   # never assembled
        .endm

        .text
        .globl  _start
_start:
        push    ra
        push    s0, 8
        sum     a0, 10
        sum     a1 5
        field   width, 12
        field   height, 16
        lw      a2, width_off(sp)
        lw      a3, height_off(sp)
        save_all s1, s2, s3
        twice   add, a0, a1
        twice   sub a2 a3
        early   7
        .rept   3
        addi    a4, a4, 1
        .endr
        .irpc   d, 123
        li      t\d, \d
        .endr
        .rept   2
        .irp    reg, a5, a6
        slli    \reg, \reg, 1
        .endr
        .endr
        pop     s0, 8
        pop     ra
        ret
        .data
        .rept   4
        .word   0x1234
        .endr
