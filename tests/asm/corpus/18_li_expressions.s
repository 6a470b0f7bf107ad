# li with constant expressions, .equ constants and label differences
    .equ   UART_BASE, 0x10000000
    .equ   LSR, 5
    .set   MASK, (1 << 12) - 1
    li     a0, UART_BASE
    li     a1, UART_BASE + LSR
    li     a2, MASK
    li     a3, ~MASK
    li     a4, -(1 << 20)
    li     a5, 'A'
    li     a6, '\n'
    li     a7, 0b1010
    li     t0, 017
    li     t1, end - start
start:
    nop
    nop
end:
    li     t2, end - start
    li     t3, %lo(0x12345fff)
