"""Memory-mapped devices of system mode. Each has ``size``, ``read(offset, size)`` and
``write(offset, size, value)`` on offsets from its base (Spike's abstract_device_t)."""
from .clint import Clint  # noqa: F401
from .uart import Uart  # noqa: F401

CLINT_BASE = 0x0200_0000
UART_BASE = 0x1000_0000
