# csrr/csrw/csrs/csrc (register and immediate), the *i forms, counters
    csrr   a0, mstatus
    csrw   mtvec, a0
    csrw   mstatus, 8
    csrs   mie, t0
    csrs   mstatus, 8
    csrc   mip, t1
    csrc   mstatus, 31
    csrwi  mscratch, 0
    csrsi  mstatus, 8
    csrci  mstatus, 8
    csrrw  a0, mscratch, 5
    csrrs  a0, mscratch, 0
    csrrc  a0, mscratch, 31
    rdcycle    a0
    rdcycleh   a1
    rdtime     a2
    rdtimeh    a3
    rdinstret  a4
    rdinstreth a5
