# Word-wise memcpy with a byte tail
    .data
src:  .word 0x01020304, 0x05060708, 0x090a0b0c
      .byte 0x0d, 0x0e
src_end:
dst:  .space src_end - src
    .text
    .globl _start
_start:
    la    a0, dst
    la    a1, src
    li    a2, src_end - src
    call  memcpy
    li    a7, 93
    ecall
memcpy:
    mv    t0, a0
    srli  t1, a2, 2
    andi  a2, a2, 3
1:  beqz  t1, 2f
    lw    t2, 0(a1)
    sw    t2, 0(t0)
    addi  a1, a1, 4
    addi  t0, t0, 4
    addi  t1, t1, -1
    j     1b
2:  beqz  a2, 3f
    lb    t2, 0(a1)
    sb    t2, 0(t0)
    addi  a1, a1, 1
    addi  t0, t0, 1
    addi  a2, a2, -1
    j     2b
3:  ret
