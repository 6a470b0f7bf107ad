# Directives for linkers and debuggers are accepted and have no effect on the bytes
    .file  "38_ignored_directives.c"
    .option norvc
    .option nopic
    .attribute arch, "rv32i2p1_m2p0"
    .ident "vmlab test"
    .text
    .globl main
    .global helper
    .type  main, @function
main:
    addi   sp, sp, -16
    call   helper
    addi   sp, sp, 16
    ret
    .size  main, . - main
    .type  helper, @function
helper:
    li     a0, 7
    ret
    .size  helper, . - helper
    .type  counter, @object
    .data
    .p2align 2
counter:
    .word  0
    .size  counter, 4
