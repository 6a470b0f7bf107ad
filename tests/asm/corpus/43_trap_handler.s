# Machine-mode trap setup: mtvec, mscratch, a handler that skips the faulting instruction
    .globl _start
_start:
    la     t0, trap_handler
    csrw   mtvec, t0
    la     t0, trap_stack_top
    csrw   mscratch, t0
    li     t0, 1 << 3              # mstatus.MIE
    csrs   mstatus, t0
    li     t0, 1 << 7              # mie.MTIE
    csrs   mie, t0
    ecall
    wfi
    j      .
    .p2align 2
trap_handler:
    csrrw  sp, mscratch, sp
    addi   sp, sp, -16
    sw     t0, 0(sp)
    sw     t1, 4(sp)
    csrr   t0, mcause
    bltz   t0, interrupt
    csrr   t1, mepc
    addi   t1, t1, 4
    csrw   mepc, t1
    j      restore
interrupt:
    li     t1, 0x7fffffff
    and    t0, t0, t1
restore:
    lw     t0, 0(sp)
    lw     t1, 4(sp)
    addi   sp, sp, 16
    csrrw  sp, mscratch, sp
    mret
    .bss
    .p2align 4
trap_stack:
    .space 256
trap_stack_top:
