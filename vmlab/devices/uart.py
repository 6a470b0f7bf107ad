"""A 16550-style UART subset: transmit to the machine's console, receive from its input.

Registers (byte offsets): 0 THR (write) / RBR (read), 5 LSR: bit 0 data ready, bit 5 and 6
transmitter empty (always, output is immediate). Other registers read 0 and ignore writes.
"""
from __future__ import annotations

THR_RBR, LSR = 0, 5
LSR_DR, LSR_THRE, LSR_TEMT = 0x01, 0x20, 0x40


class Uart:
    size = 0x100

    def __init__(self, console):
        self.console = console

    def read(self, offset: int, size: int) -> int:
        if offset == THR_RBR:
            b = self.console.read_bytes(1)
            return b[0] if b else 0
        if offset == LSR:
            return LSR_THRE | LSR_TEMT | (LSR_DR if self.console.input_available() else 0)
        return 0

    def write(self, offset: int, size: int, value: int) -> None:
        if offset == THR_RBR:
            self.console.write(bytes([value & 0xFF]))
