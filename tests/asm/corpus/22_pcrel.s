# %pcrel_hi / %pcrel_lo by hand: the lo part names the auipc's label
    .text
1:  auipc  a0, %pcrel_hi(data_start)
    addi   a0, a0, %pcrel_lo(1b)
2:  auipc  a1, %pcrel_hi(data_start + 12)
    lw     a2, %pcrel_lo(2b)(a1)
    sw     a2, %pcrel_lo(2b)(a1)
.Lhi:
    auipc  t0, %pcrel_hi(forward)
    addi   t0, t0, %pcrel_lo(.Lhi)
here:
    auipc  t1, %pcrel_hi(here)
    jalr   ra, %pcrel_lo(here)(t1)
forward:
    ret
    .data
data_start:
    .word 1, 2, 3, 4
