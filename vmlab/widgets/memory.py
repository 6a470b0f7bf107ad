"""The memory panel: hex and ASCII rows at an address, a symbol or a register, byte or word view.

:func:`parse_address` and :func:`memory_rows` are plain functions (tested without Jupyter);
:class:`MemoryPanel` renders them. Bytes written since the previous stop are highlighted; with
"follow sp" the view moves with the stack pointer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import ipywidgets as W

from ..isa.regs import REG_NUMBERS
from .common import ErrorBox, esc, follow_machine, guarded, panel_repr, style_widget

ROW_BYTES = 16
_TOKEN = re.compile(r"\s*([+-])?\s*([A-Za-z_.$][\w.$]*|0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*)\s*")


def parse_address(text: str, machine) -> int:
    """An address typed by a student: ``0x80001000``, ``4096``, ``buf``, ``sp``, ``pc``,
    ``buf+16``, ``sp-0x20``. Raises ValueError (or KeyError for an unknown symbol)."""
    s = text.strip()
    if not s:
        raise ValueError("type an address, a symbol or a register (for example 0x80000000, main, sp)")
    pos, total, first = 0, 0, True
    while pos < len(s):
        mt = _TOKEN.match(s, pos)
        if not mt or mt.end() == pos or (not first and mt.group(1) is None):
            raise ValueError(f"cannot read {text!r} as an address: expected a number, a symbol or a "
                             f"register, optionally with + or - offsets")
        sign, tok = mt.group(1), mt.group(2)
        total += -_term(tok, machine) if sign == "-" else _term(tok, machine)
        pos, first = mt.end(), False
    return total & 0xFFFFFFFF


def _term(tok: str, machine) -> int:
    if tok[0].isdigit():
        return int(tok, 0)
    low = tok.lower()
    if low == "pc":
        return machine.pc
    if low in REG_NUMBERS:
        return machine.state.x[REG_NUMBERS[low]]
    return machine.symbol(tok)          # KeyError with a "did you mean" hint


@dataclass(frozen=True)
class MemCell:
    addr: int
    text: str          # "3f" or "0x0000003f"
    changed: bool
    at_sp: bool = False


@dataclass(frozen=True)
class MemRow:
    addr: int
    cells: list
    ascii: str


def memory_rows(data: bytes, base: int, *, unit: int = 1, previous: bytes | None = None,
                sp: int | None = None, row_bytes: int = ROW_BYTES) -> list[MemRow]:
    """Rows of `row_bytes` from `data` (read at `base`): cells of `unit` bytes (1 or 4, little
    endian), changed when they differ from `previous` (same length), and the ASCII column."""
    if unit not in (1, 4):
        raise ValueError("unit must be 1 (bytes) or 4 (words)")
    rows = []
    for r in range(0, len(data), row_bytes):
        chunk = data[r:r + row_bytes]
        cells = []
        for c in range(0, len(chunk), unit):
            a = base + r + c
            part = chunk[c:c + unit]
            changed = previous is not None and previous[r + c:r + c + unit] != part
            at_sp = sp is not None and a <= sp < a + unit
            if unit == 1:
                text = f"{part[0]:02x}"
            else:
                text = f"0x{int.from_bytes(part.ljust(4, bytes(1)), 'little'):08x}"
            cells.append(MemCell(a, text, changed, at_sp))
        asc = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        rows.append(MemRow(base + r, cells, asc))
    return rows


def memory_html(rows: list[MemRow], unit: int = 1) -> str:
    cell_cls = "vmlab-b" if unit == 1 else "vmlab-w"
    trs = []
    for row in rows:
        tds = []
        for c in row.cells:
            cls = [cell_cls]
            if c.changed:
                cls.append("vmlab-changed")
            elif c.text.strip("0x") == "":
                cls.append("vmlab-zero")
            if c.at_sp:
                cls.append("vmlab-sp")
            tds.append(f"<td class='{' '.join(cls)}' data-addr='0x{c.addr:08x}'>{c.text}</td>")
        trs.append(f"<tr class='vmlab-memrow' data-addr='0x{row.addr:08x}'><td class='vmlab-addr'>"
                   f"{row.addr:08x}</td>{''.join(tds)}<td class='vmlab-ascii'>{esc(row.ascii)}</td></tr>")
    return "<table>" + "".join(trs) + "</table>"


class MemoryPanel(W.VBox):
    """Hex view of guest RAM.

    Args:
        machine: the Machine.
        address: where to start (an int or text for :func:`parse_address`); default: the
            program's data (or text) segment.
        rows: number of 16-byte rows shown.
        follow: refresh when the machine stops after a run made elsewhere (False inside a
            panel that refreshes it, like the Debugger).
    """

    def __repr__(self) -> str:
        return panel_repr(self, self.machine)

    def __init__(self, machine, address=None, *, rows: int = 16, follow: bool = True, **kw):
        super().__init__(**kw)
        self.machine = machine
        self.nrows = rows
        self.error = ErrorBox()
        self.address = W.Text(placeholder="address: 0x80001000, buf+16, sp",
                              continuous_update=False, layout=W.Layout(width="190px"))
        self.address.add_class("vmlab-mem-address")
        self.go = W.Button(description="Go", layout=W.Layout(width="44px"), tooltip="show memory at this address")
        self.go.add_class("vmlab-mem-go")
        self.view = W.ToggleButtons(options=[("bytes", 1), ("words", 4)], value=1,
                                    style={"button_width": "62px"})
        self.view.add_class("vmlab-mem-view")
        self.follow_sp = W.Checkbox(value=False, description="follow sp", indent=False,
                                    layout=W.Layout(width="90px"))
        self.follow_sp.add_class("vmlab-mem-follow")
        self.up = W.Button(icon="arrow-up", layout=W.Layout(width="32px"), tooltip="previous rows")
        self.down = W.Button(icon="arrow-down", layout=W.Layout(width="32px"), tooltip="next rows")
        self.table = W.HTML()
        self.table.add_class("vmlab-mem")
        self.go.on_click(lambda _b: self.goto(self.address.value))
        self.address.observe(lambda c: self.goto(c["new"]) if c["new"].strip() else None, names="value")
        self.view.observe(lambda _c: self._changed_view(), names="value")
        self.follow_sp.observe(lambda _c: self._changed_view(), names="value")
        self.up.on_click(lambda _b: self.scroll(-self.nrows // 2))
        self.down.on_click(lambda _b: self.scroll(self.nrows // 2))
        bar = W.HBox([self.address, self.go, self.up, self.down, self.view, self.follow_sp])
        bar.add_class("vmlab-toolbar")
        self.add_class("vmlab-memory")
        self.add_class("vmlab-panel")
        self.children = [style_widget(), bar, self.error, self.table]
        self.start = self._default_start()
        self._baseline: bytes | None = None
        self.rows: list[MemRow] = []
        if address is not None:
            self.goto(address)
        self.refresh()          # also takes the reference for "changed" highlights
        if follow:
            follow_machine(self, machine)

    def _default_start(self) -> int:
        m = self.machine
        p = m.program
        if p is not None and p.segments:
            data = [s for s in p.segments if "x" not in s.flags]
            seg = min(data or p.segments, key=lambda s: s.addr)
            return seg.addr & ~(ROW_BYTES - 1)
        return m.bus.base

    @property
    def unit(self) -> int:
        return self.view.value

    @guarded
    def goto(self, where) -> None:
        """Show memory from `where` (int, or text such as ``buf+16`` / ``sp`` / ``0x80001000``)."""
        a = where if isinstance(where, int) else parse_address(where, self.machine)
        bus = self.machine.bus
        if not bus.base <= a <= bus.base + bus.size:        # (the initial sp is the end of RAM)
            raise ValueError(f"{a:#010x} is outside RAM [{bus.base:#010x}, {bus.base + bus.size:#010x})")
        self.follow_sp.value = False
        self.start = a & ~(ROW_BYTES - 1)
        self.error.clear()
        self.refresh(live=True)

    def _changed_view(self) -> None:
        self.error.clear()
        self.refresh(live=True)

    @guarded
    def scroll(self, rows: int) -> None:
        self.error.clear()
        self.follow_sp.value = False
        self.start = (self.start + rows * ROW_BYTES) & 0xFFFFFFFF
        self.refresh(live=True)

    def reset_baseline(self) -> None:
        self._baseline = None

    def _window(self) -> tuple[int, int]:
        bus = self.machine.bus
        lo, hi = bus.base, bus.base + bus.size
        n = self.nrows * ROW_BYTES
        start = self.start
        if self.follow_sp.value:
            start = (self.machine.state.x[2] & ~(ROW_BYTES - 1))
        start = min(max(start, lo), max(lo, hi - n))
        return start, min(n, hi - start)

    @guarded
    def refresh(self, live: bool = False) -> None:
        """Redraw; unless `live`, the current RAM becomes the reference for "changed"."""
        m = self.machine
        start, n = self._window()
        o = start - m.bus.base
        data = bytes(m.bus.ram[o:o + n])
        prev = self._baseline[o:o + n] if self._baseline is not None else None
        self.rows = memory_rows(data, start, unit=self.unit, previous=prev, sp=m.state.x[2])
        self.shown_start = start
        self.table.value = memory_html(self.rows, self.unit)
        if not live:
            self._baseline = bytes(m.bus.ram)
