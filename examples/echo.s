# Reads a line and prints it back reversed: the Linux read/write calls a C runtime uses.
        .bss
buf:    .space  256
        .text
        .globl  _start
_start:
        li      a0, 0           # read(0, buf, 255)
        la      a1, buf
        li      a2, 255
        li      a7, 63
        ecall
        mv      s0, a0          # length
        la      s1, buf
        add     t0, s1, s0      # strip the newline, if any
        lbu     t1, -1(t0)
        li      t2, '\n'
        bne     t1, t2, 1f
        addi    s0, s0, -1
1:      mv      t0, s1          # reverse buf[0..s0) in place
        add     t1, s1, s0
        addi    t1, t1, -1
2:      bgeu    t0, t1, 3f
        lbu     t2, 0(t0)
        lbu     t3, 0(t1)
        sb      t3, 0(t0)
        sb      t2, 0(t1)
        addi    t0, t0, 1
        addi    t1, t1, -1
        j       2b
3:      add     t0, s1, s0      # append a newline and write(1, buf, len+1)
        li      t1, '\n'
        sb      t1, 0(t0)
        li      a0, 1
        mv      a1, s1
        addi    a2, s0, 1
        li      a7, 64
        ecall
        li      a0, 0           # exit(0)
        li      a7, 93
        ecall
