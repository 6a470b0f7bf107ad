"""The register panel: x0..x31 with ABI names, pc, privilege mode and the main CSRs.

:func:`register_rows` and :func:`csr_rows` compute what is shown (plain data, tested without
Jupyter); :class:`RegistersPanel` renders it. Values that changed since the previous stop are
highlighted, as in RARS and Ripes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as W
import traitlets

from ..isa.causes import describe
from ..isa.regs import ABI_NAMES
from ..trap import MSTATUS_MIE, MSTATUS_MPIE, MSTATUS_MPP, MSTATUS_MPP_SHIFT, PRIV_NAMES
from .common import ErrorBox, esc, follow_machine, guarded, panel_repr, style_widget

MAIN_CSRS = ("mstatus", "mie", "mip", "mtvec", "mepc", "mcause", "mtval", "mscratch", "satp")


@dataclass(frozen=True)
class RegRow:
    number: int
    name: str            # ABI name: a0
    value: int           # unsigned 32-bit
    changed: bool = False

    @property
    def xname(self) -> str:
        return f"x{self.number}"

    @property
    def hex(self) -> str:
        return f"0x{self.value:08x}"

    @property
    def signed(self) -> int:
        return self.value - (1 << 32) if self.value & 0x80000000 else self.value

    @property
    def unsigned(self) -> int:
        return self.value


@dataclass(frozen=True)
class CsrRow:
    name: str
    value: int
    changed: bool = False
    note: str = ""

    @property
    def hex(self) -> str:
        return f"0x{self.value:08x}"


@dataclass
class RegSnapshot:
    """The register-panel view of a machine at one moment (for "changed since" highlights)."""
    x: tuple
    pc: int
    priv: int
    csrs: dict = field(default_factory=dict)

    @classmethod
    def of(cls, machine, csr_names=MAIN_CSRS) -> "RegSnapshot":
        s = machine.state
        return cls(tuple(s.x), s.pc, s.priv, read_csrs(machine, csr_names))


def read_csrs(machine, names=MAIN_CSRS) -> dict[str, int]:
    """Name -> value of those of `names` the machine implements."""
    out = {}
    for n in names:
        try:
            out[n] = machine.csrs[n]
        except KeyError:
            continue
    return out


def register_rows(state, previous=None) -> list[RegRow]:
    """The 32 integer registers of `state` (anything with ``.x``), with what changed since
    `previous` (same kind, or None: nothing is marked)."""
    x = state.x
    px = previous.x if previous is not None else None
    return [RegRow(i, ABI_NAMES[i], x[i], px is not None and px[i] != x[i]) for i in range(32)]


def csr_note(name: str, value: int) -> str:
    """A short decoding of the fields students look at first."""
    if name == "mstatus":
        mpp = PRIV_NAMES.get((value & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, "?")
        return f"MIE={int(bool(value & MSTATUS_MIE))} MPIE={int(bool(value & MSTATUS_MPIE))} MPP={mpp}"
    if name == "mcause":
        return describe(value) if value else ""
    if name == "mtvec" and value:
        return "vectored" if value & 1 else "direct"
    return ""


def csr_rows(csrs: dict[str, int], previous: dict[str, int] | None = None) -> list[CsrRow]:
    """Rows for the CSRs in `csrs` (name -> value), marking those that differ from `previous`."""
    return [CsrRow(n, v, previous is not None and previous.get(n, v) != v, csr_note(n, v))
            for n, v in csrs.items()]


FORMATS = ("hex", "signed", "unsigned")


def format_value(row: RegRow, fmt: str = "hex") -> str:
    if fmt == "signed":
        return str(row.signed)
    if fmt == "unsigned":
        return str(row.unsigned)
    return row.hex


def registers_html(rows: list[RegRow], fmt: str = "hex") -> str:
    """Two columns of registers (x0-x15, x16-x31); the value shown as hex, signed or unsigned."""
    def table(part):
        trs = []
        for r in part:
            cls = "vmlab-reg vmlab-changed" if r.changed else "vmlab-reg"
            title = f"{r.name} = x{r.number} = {r.hex} = {r.signed}" + (f" = {r.unsigned}" if r.signed < 0 else "")
            trs.append(f"<tr class='{cls}' data-reg='{r.name}' title='{title}'><td class='vmlab-xname'>{r.xname}</td>"
                       f"<td class='vmlab-abi'>{r.name}</td><td class='vmlab-value'>{format_value(r, fmt)}</td></tr>")
        return "<table>" + "".join(trs) + "</table>"
    return f"<div class='vmlab-regcols'>{table(rows[:16])}{table(rows[16:])}</div>"


def csrs_html(rows: list[CsrRow]) -> str:
    trs = []
    for r in rows:
        cls = "vmlab-csr vmlab-changed" if r.changed else "vmlab-csr"
        trs.append(f"<tr class='{cls}' data-csr='{r.name}'><td class='vmlab-abi'>{r.name}</td>"
                   f"<td class='vmlab-hex'>{r.hex}</td><td class='vmlab-csrnote'>{esc(r.note)}</td></tr>")
    return "<table>" + "".join(trs) + "</table>"


class RegistersPanel(W.VBox):
    """Register file view; refreshes when the machine stops, never per instruction
    (``follow=False``: only when asked, for a panel inside another that refreshes it).

    ``refresh()`` redraws and makes the current values the reference for the next
    "changed" highlight; ``refresh(live=True)`` (during a run) keeps the reference.
    """

    value_format = traitlets.Enum(FORMATS, "hex", help="How values are shown: hex, signed or unsigned decimal")
    show_csrs = traitlets.Bool(True, help="Show the main CSRs below the registers")

    def __repr__(self) -> str:
        return panel_repr(self, self.machine)

    def __init__(self, machine, *, follow: bool = True, **kw):
        super().__init__(**kw)
        self.machine = machine
        self.error = ErrorBox()
        self.format = W.ToggleButtons(options=list(FORMATS), value=self.value_format,
                                      tooltips=["hexadecimal", "signed 32-bit decimal", "unsigned decimal"],
                                      style={"button_width": "auto"})
        self.format.add_class("vmlab-reg-format")
        self.format.observe(self._on_format, names="value")
        self.pc_line = W.HTML()
        self.pc_line.add_class("vmlab-pc-line")
        self.table = W.HTML()
        self.table.add_class("vmlab-regs")
        self.csr_table = W.HTML()
        self.csr_table.add_class("vmlab-regs")
        self.csr_table.add_class("vmlab-csrs")
        self.format.layout.margin = "0 0 2px 4px"
        self.previous: RegSnapshot | None = None
        self.rows: list[RegRow] = []
        self.add_class("vmlab-registers")
        self.add_class("vmlab-panel")
        self.children = [style_widget(), self.error, self.format, self.pc_line, self.table, self.csr_table]
        self.refresh()
        if follow:
            follow_machine(self, machine)

    @guarded
    def _on_format(self, change) -> None:
        self.value_format = change["new"]
        self.refresh(live=True)

    def reset_baseline(self) -> None:
        """Forget the previous values (after a reset nothing is marked as changed)."""
        self.previous = None

    @guarded
    def refresh(self, live: bool = False) -> None:
        m = self.machine
        now = RegSnapshot.of(m)
        prev = self.previous
        self.rows = register_rows(now, prev)
        pc_changed = prev is not None and prev.pc != now.pc
        cls = " class='vmlab-changed'" if pc_changed else ""
        self.pc_line.value = (f"<div class='vmlab-regs'><div class='vmlab-pcline'>"
                              f"<b>pc</b> <span class='vmlab-pc-value'{cls}>0x{now.pc:08x}</span>"
                              f" &nbsp; <b>mode</b> <span class='vmlab-priv'>{PRIV_NAMES.get(now.priv, '?')}</span>"
                              f" <span class='vmlab-dim'>({esc(m.mode)})</span></div></div>")
        self.table.value = registers_html(self.rows, self.value_format)
        if self.show_csrs:
            self.csr_table.value = csrs_html(csr_rows(now.csrs, prev.csrs if prev else None))
        else:
            self.csr_table.value = ""
        if not live:
            self.previous = now
