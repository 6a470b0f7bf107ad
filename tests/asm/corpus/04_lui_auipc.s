# U-type: the 20-bit immediate from 0 to 0xfffff
    lui   a0, 0
    lui   a0, 1
    lui   a0, 0xfffff
    lui   a0, 0x80000
    lui   a0, 0x7ffff
    lui   t6, 1048575
    auipc a1, 0
    auipc a1, 0xfffff
    auipc a1, 0x12345
    auipc zero, 524288
