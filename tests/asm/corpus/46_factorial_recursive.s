# Recursive factorial with a stack frame and a frame pointer
    .globl main
main:
    addi  sp, sp, -16
    sw    ra, 12(sp)
    li    a0, 10
    call  fact
    lw    ra, 12(sp)
    addi  sp, sp, 16
    ret
fact:
    addi  sp, sp, -16
    sw    ra, 12(sp)
    sw    s0, 8(sp)
    sw    fp, 4(sp)
    addi  fp, sp, 16
    mv    s0, a0
    li    t0, 1
    ble   a0, t0, base
    addi  a0, a0, -1
    call  fact
    mul   a0, a0, s0
    j     out
base:
    li    a0, 1
out:
    lw    ra, 12(sp)
    lw    s0, 8(sp)
    lw    fp, 4(sp)
    addi  sp, sp, 16
    ret
