# Constant expressions: GNU precedence, 64-bit arithmetic, every operator
    .data
    .word  1 + 2 * 3
    .word  (1 + 2) * 3
    .word  4 + 6 & 3
    .word  7 | 8 ^ 3
    .word  1 << 4 + 1
    .word  0xf0 >> 4
    .word  -16 / 3, -16 % 3, 16 / -3, 16 % -3
    .word  ~0, ~0x0f, -(-5), +7, - - 3
    .word  0x10 - 0x20
    .word  0b1111 & 0x0c, 017, 0X1F, 0B101
    .word  'a' + 1, '\n', '\\', '\'', '"'
    .word  (0xffffffff + 1) >> 32
    .word  (1 << 40) >> 38
    .word  -1 >> 63
    .word  100 * 100 * 100 / 7 % 1000
    .word  ((((1))))
    .half  0x1234 & 0xff00 | 0x56
    .byte  3 * -4 + 20
