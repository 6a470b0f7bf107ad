# jal with numeric offsets (the +-1 MiB range) and labels; every jalr spelling
start:
    jal   ra, 0
    jal   ra, -1048576
    jal   zero, 1048574
    jal   t0, start
    jal   t0, end
    jal   start
    jalr  ra, 0(a0)
    jalr  zero, -2048(t0)
    jalr  a1, 2047(a2)
    jalr  a0
    jalr  t0, a1
    jalr  a3, (a4)
    jalr  a0, a1, 8
    jalr  4(a0)
end:
    ret
