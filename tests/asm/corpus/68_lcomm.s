# .lcomm: a local symbol with zeroed space at the end of .bss as it stands, the current
# section unchanged. (.comm is tested in test_directives_more.py: LLVM's object file also
# carries a "COMMON" section of the same space, which ld.lld adds to .bss a second time.
# LLVM and RISC-V gas take no alignment operand for .lcomm; vmlab does: not used here.)
    .data
    .byte  1
    .lcomm counter, 6
    .lcomm scratch, 5
    .lcomm nothing, 0
    .byte  2                        # still in .data
    .bss
    .byte  0
    .lcomm later, 4                 # after what .bss holds now
    .balign 4
    .lcomm word, 4
    .section .bss.more, "aw", @nobits
    .space 7
    .lcomm last, 3                  # into .bss, not into the current .bss.more
    .text
_start:
    la     a0, counter
    la     a1, later
    lw     a2, word
    sw     a2, scratch, t0
    ret
