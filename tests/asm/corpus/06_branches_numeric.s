# Numeric branch operands are offsets from the branch itself (LLVM semantics)
    beq   a0, a1, 0
    beq   a0, a1, -4096
    bne   a0, a1, 4094
    blt   t0, t1, 2
    bge   t0, t1, -2
    bltu  s0, s1, 8
    bgeu  s0, s1, -8
    beq   zero, zero, 100
