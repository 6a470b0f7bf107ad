# System, privileged and memory-ordering instructions
    ecall
    ebreak
    mret
    sret
    wfi
    fence.i
    sfence.vma
    sfence.vma a0
    sfence.vma a0, a1
    sfence.vma zero, t0
    fence
    fence rw, rw
    fence iorw, iorw
    fence r, w
    fence i, o
    fence 0, 0
    fence ow, ir
    fence.tso
    pause
    unimp
