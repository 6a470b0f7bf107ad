# Named input sections: each collects its own content; .previous/.pushsection/.popsection
    .section .text.startup, "ax", @progbits
entry:
    call  main
    .text
main:
    li    a0, 1
    .section .sdata, "aw"
small: .word 5
    .section .data.big
big: .word 6, 7
    .data
plain: .byte 1
    .section .rodata.str1.1, "aMS", @progbits, 1
str1: .asciz "str"
    .section .srodata
sr: .half 9
    .section .sbss, "aw", @nobits
sb: .space 3
    .section .bss.more
bm: .space 5
    .text
    la    a1, small
    .pushsection .data.pushed
pushed: .word 8
    .popsection
    la    a2, pushed
    .section .text.other
other: ret
    .previous
    ret
