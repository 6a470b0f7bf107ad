# .uleb128 and .sleb128: LEB128 of constants and of label differences known above them
    .equ  N, 300
    .data
    .uleb128 0, 1, 63, 64, 127, 128, 129, 255, 256, 16383, 16384, 624485
    .uleb128 0xffffffff, 0x100000000, 0x7fffffffffffffff, -1, -128
    .uleb128 N, N * 2 + 1, (1 << 35) | 5
    .sleb128 0, 1, -1, 63, 64, -64, -65, 127, 128, -128, -129, 8191, 8192, -8192, -8193
    .sleb128 -123456, 624485, 0x7fffffffffffffff, -0x8000000000000000, 0xffffffff
    .sleb128 -N, N
start:
    .byte 1, 2, 3, 4, 5
end:
    .uleb128 end - start
    .sleb128 start - end
    .ULEB128 200
    .text
f:  nop
    nop
f_end:
    ret
    .data
    .uleb128 f_end - f              # labels of another section, both known here
    .bss
    .uleb128 0
    .sleb128 0, 0
