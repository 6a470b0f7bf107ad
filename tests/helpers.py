"""Small helpers shared by the tests."""
from __future__ import annotations

from vmlab import Machine, assemble


def run_asm(text: str, backend: str = "interp", *, mode: str | None = None, max_steps: int = 1_000_000,
            regs: dict | None = None, stdin: str | None = None, **kw):
    """Assemble `text`, run it to a stop, return (machine, stop)."""
    m = Machine(backend, mode=mode, ram_size=kw.pop("ram_size", 1 << 20), **kw)
    m.load(assemble(text, name="test.s"))
    for k, v in (regs or {}).items():
        m.regs[k] = v
    if stdin is not None:
        m.console.feed(stdin)
    stop = m.run(max_steps=max_steps)
    return m, stop


def s32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v
