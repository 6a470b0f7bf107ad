# Jumps and returns
func:
    j     func
    j     after
    jal   func
    jal   after
    jr    ra
    jr    t0
    jr    8(t1)
    jalr  a0
    jalr  16(a1)
    ret
    j     -4
    j     0x100
after:
    ret
