# Jumps between input sections of .text (conditional branches stay within a section: for a
# branch to another section LLVM cannot know the distance and emits an inverted branch + j)
    .text
    .globl _start
_start:
    beqz   a0, 1f
    j      in_c
1:  jal    in_b
    .section .text.b, "ax"
in_b:
    bnez   a0, 2f
    jal    zero, in_c
2:  ret
    .section .text.c, "ax"
in_c:
    j      _start
    jal    t0, in_b
