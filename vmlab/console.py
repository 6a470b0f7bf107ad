"""The guest's console: output it wrote and input waiting to be read.

Output is kept (for panels and tests) and optionally echoed to a host stream; input comes from
text fed in (``feed``) or, when a host stream is given (the CLI's stdin), read from it on demand.
"""
from __future__ import annotations

import io
from typing import BinaryIO, Callable


class Console:
    def __init__(self, echo: BinaryIO | None = None, stdin: BinaryIO | None = None):
        self._out = bytearray()
        self._in = bytearray()
        self.echo = echo
        self.stdin = stdin
        self.listeners: list[Callable[[bytes], None]] = []

    # -- output ------------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        self._out += data
        if self.echo is not None:
            self.echo.write(data)
            self.echo.flush()
        for fn in self.listeners:
            fn(bytes(data))

    @property
    def output(self) -> str:
        """Everything the guest wrote, decoded as UTF-8 (invalid bytes replaced)."""
        return self._out.decode("utf-8", "replace")

    @property
    def output_bytes(self) -> bytes:
        return bytes(self._out)

    def truncate(self, n: int) -> None:
        del self._out[n:]

    def clear(self) -> None:
        self._out.clear()
        self._in.clear()

    # -- input -------------------------------------------------------------------------------
    def feed(self, text: str | bytes) -> None:
        """Queue input for the guest's read system calls."""
        self._in += text.encode() if isinstance(text, str) else text

    def input_available(self) -> bool:
        return bool(self._in)

    def _fill(self, want_line: bool) -> None:
        if self._in or self.stdin is None:
            return
        try:
            data = self.stdin.readline() if want_line else self.stdin.read(1)
        except (OSError, ValueError, io.UnsupportedOperation):
            data = b""
        if isinstance(data, str):
            data = data.encode()
        self._in += data

    def has_input(self, line: bool = False) -> bool:
        self._fill(line)
        return bool(self._in)

    def at_eof(self) -> bool:
        """True when a host stdin is attached and exhausted (reads return 0 bytes)."""
        return self.stdin is not None and not self.has_input()

    def read_bytes(self, n: int) -> bytes:
        self._fill(False)
        data = bytes(self._in[:n])
        del self._in[:n]
        return data

    def read_line(self, limit: int | None = None) -> bytes | None:
        """One line including its newline (or what is left at end of input); None if no input."""
        self._fill(True)
        if not self._in:
            return None
        i = self._in.find(b"\n")
        end = len(self._in) if i < 0 else i + 1
        if limit is not None:
            end = min(end, limit)
        data = bytes(self._in[:end])
        del self._in[:end]
        return data

    @property
    def pending_input(self) -> bytes:
        return bytes(self._in)

    def state(self) -> tuple[int, bytes]:
        return len(self._out), bytes(self._in)

    def restore_state(self, s: tuple[int, bytes]) -> None:
        self.truncate(s[0])
        self._in[:] = s[1]
