# Bubble sort of a word array in .data
    .data
array:
    .word 5, -3, 12, 0, 7, 7, -100, 42, 1, 3
array_end:
    .text
    .globl main
main:
    la    a0, array
    li    a1, 10
    call  sort
    li    a7, 93
    ecall
sort:                       # a0 = base, a1 = count
    addi  t0, a1, -1
outer:
    blez  t0, done
    mv    t1, a0
    li    t2, 0
inner:
    lw    t3, 0(t1)
    lw    t4, 4(t1)
    ble   t3, t4, no_swap
    sw    t4, 0(t1)
    sw    t3, 4(t1)
no_swap:
    addi  t1, t1, 4
    addi  t2, t2, 1
    blt   t2, t0, inner
    addi  t0, t0, -1
    j     outer
done:
    ret
