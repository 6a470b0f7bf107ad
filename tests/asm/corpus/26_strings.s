# Strings and escape sequences
    .section .rodata
    .ascii  "plain"
    .ascii  "a\nb\tc\\d\"e"
    .asciz  "nul-terminated"
    .string "also nul-terminated"
    .ascii  "\x41\x42\x7f\xff"
    .ascii  "\101\102\0\7\177"
    .ascii  "\b\f\r"
    .asciz  "one", "two", ""
    .ascii  "# not a comment", "; not a separator", "/* not a comment */"
    .ascii  ""
    .byte   0
