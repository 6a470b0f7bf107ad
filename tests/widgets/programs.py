"""Guest programs for the widget tests (assembly text for vmlab.assemble)."""
from __future__ import annotations

# counts a0 up to 10, then exits with code a0 (10)
COUNT = """\
        .text
        .globl _start
_start: li   a0, 0
        li   t0, 10
loop:   addi a0, a0, 1
        addi t0, t0, -1
        bnez t0, loop
done:   li   a7, 93
        ecall
"""

# never ends: only Pause stops it
FOREVER = """\
        .text
_start: li   a0, 0
spin:   addi a0, a0, 1
        addi a1, a1, 3
        j    spin
"""

# prompts, reads a line (RARS ReadString), greets, exits 0
ECHO = """\
        .text
_start: la   a0, prompt
        li   a7, 4
        ecall
        la   a0, name
        li   a1, 32
        li   a7, 8
        ecall
        la   a0, hello
        li   a7, 4
        ecall
        la   a0, name
        li   a7, 4
        ecall
        li   a0, 0
        li   a7, 93
        ecall
        .data
prompt: .asciz "name? "
hello:  .asciz "hello, "
name:   .space 32
"""

# stores two words on the stack and a byte into buf
STORES = """\
        .text
_start: addi sp, sp, -16
        li   t0, 0x41424344
        sw   t0, 0(sp)
        li   t1, -1
        sw   t1, 4(sp)
        la   t2, buf
        li   t3, 0x5a
        sb   t3, 3(t2)
        li   a0, 0
        li   a7, 93
        ecall
        .data
buf:    .word 0x11223344, 0x55667788
"""

# loads from address 0: a load access fault stops the run
TRAP = """\
        .text
_start: li   a0, 1
        lw   a1, 0(zero)
        li   a7, 93
        ecall
"""
