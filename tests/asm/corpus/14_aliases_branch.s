# Branch aliases: comparisons with zero and swapped comparisons
loop:
    beqz  a0, loop
    bnez  a1, done
    blez  a2, loop
    bgez  a3, done
    bltz  a4, loop
    bgtz  a5, done
    bgt   a0, a1, loop
    ble   a2, a3, done
    bgtu  t0, t1, loop
    bleu  t2, t3, done
    beqz  a0, 16
    bgt   a0, a1, -8
done:
    ret
