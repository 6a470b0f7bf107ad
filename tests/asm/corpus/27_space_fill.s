# .space / .zero / .skip with and without fill, and .fill
    .data
    .byte  1
    .space 3
    .byte  2
    .zero  5
    .space 4, 0xaa
    .skip  2, 7
    .zero  3, 0x55
    .fill  3, 1, 0x12
    .fill  2, 2, 0x3456
    .fill  2, 4, 0xdeadbeef
    .fill  1, 8, -1
    .fill  2
    .space 0
    .byte  3
