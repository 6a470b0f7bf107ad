# crt0.S: where a C program compiled by vmlab.compile_c starts (the ELF entry, _start).
#
# A process-mode vmlab Machine has already set sp to the top of RAM (and ra to an exit
# address); the loader has zero-filled .bss (the ELF segment's memsz beyond its file bytes),
# so there is nothing to clear here. The runtime is compiled without linker relaxation
# (-mno-relax), so gp is never used as a base register and is not set up.
#
# Then: exit(main(0, NULL)). exit flushes stdout and makes the exit system call (93).

    .section .text.start, "ax"
    .globl _start
    .type _start, @function
_start:
    bnez    sp, 1f              # a bare machine (system mode) starts with sp = 0:
    la      sp, __stack_top     # use the top of RAM from the linker script instead
1:
    li      a0, 0               # argc
    li      a1, 0               # argv
    call    main
    call    exit                # exit(return value of main); never returns
    .size _start, . - _start
