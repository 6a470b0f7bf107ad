# Non-ASCII text is stored as UTF-8
    .section .rodata
    .asciz "héllo wörld"
    .ascii "π ≈ 3.14159", "\n"
    .byte  '~'
