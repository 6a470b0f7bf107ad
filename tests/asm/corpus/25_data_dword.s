# 64-bit data
    .data
    .dword 0
    .dword -1
    .dword 0x123456789abcdef0
    .quad  0x7fffffffffffffff
    .8byte 42
    .dword 0xffffffffffffffff
