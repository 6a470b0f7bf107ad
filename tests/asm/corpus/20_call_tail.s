# call, tail and jump: auipc + jalr pairs, to labels before and after
    .globl main
main:
    call   helper
    call   t0, helper
    call   a0, main
    tail   helper
    jump   helper, t2
    jump   main, a5
    call   far_away
helper:
    ret
    .section .text.far
far_away:
    tail   main
