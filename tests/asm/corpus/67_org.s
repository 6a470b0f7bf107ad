# .org: move the location counter forward in the current section, with zeros or a fill byte
    .text
_start:
    nop
    .org  16                        # zeros, not nops, in code
    nop
    .org  . + 8
here:
    ret
    .org  here + 12, 0xff
    ret
    .data
    .byte  1
    .org   4
    .byte  2
    .org   8, 0xaa
    .byte  3
d:  .org   d + 3, -1
    .byte  4
    .org   . , 9                    # already there: nothing
    .org   16, 7
    .word  0x11223344
    .balign 8
    .org   28
    .byte  5
    .section .data.org, "aw"
    .byte  6                        # each input section counts from its own start
    .org   3, 0x5a
    .byte  7
    .bss
    .byte  0
    .org   12
end:
