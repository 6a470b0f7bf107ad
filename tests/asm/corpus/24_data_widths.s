# .byte .half .short .2byte .word .long .int .4byte at their range limits
    .data
    .byte  0, 1, 127, 128, 255, -1, -128
    .half  0, 0x7fff, 0x8000, 0xffff, -1, -32768
    .short 1, 2
    .2byte 0xabcd
    .word  0, 0x7fffffff, 0x80000000, 0xffffffff, -1, -2147483648
    .long  0x12345678
    .int   -2
    .4byte 4
    .byte  'a', 'Z', '\t'
