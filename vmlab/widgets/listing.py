"""The program listing: disassembly with the source line beside it; click a line for a breakpoint.

:func:`listing_rows` computes the lines (plain data); :class:`Listing` is an anywidget (a few
lines of JavaScript, no build step) because stock ipywidgets have no clickable table. The
front end sends ``{"event": "toggle", "addr": ...}`` when a line is clicked; Python toggles
the breakpoint on the Machine and sends the new breakpoint list back.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Callable

import traitlets

try:
    import anywidget
except ImportError as e:  # pragma: no cover - anywidget is in the `lab` extra
    raise ImportError("vmlab.widgets needs anywidget: pip install anywidget "
                      "(or pip install 'vmlab[lab]')") from e

from .common import MONO

_LABEL_PREFIX = re.compile(r"^(?:[A-Za-z_.$][\w.$]*:\s*)+")   # "loop:  addi ..." -> "addi ..."
MAX_LINES = 2048            # whole text segment up to this size, else a window around pc
WINDOW_BEFORE, WINDOW_AFTER = 16, 48


@dataclass(frozen=True)
class ListingRow:
    addr: int
    word: int
    text: str               # disassembly
    source: str = ""        # the source line (assembly or C), when known
    where: str = ""         # file:line
    label: str = ""         # symbol(s) defined at this address


def listing_range(machine, max_lines: int = MAX_LINES) -> tuple[int, int]:
    """[lo, hi) to list: the program's text when pc is in it and it is small enough,
    otherwise a window around pc (clamped to RAM)."""
    m = machine
    pc = m.pc
    bus = m.bus
    if m.program is not None and m.program.segments:
        lo, hi = m.program.text_range
        lo &= ~3
        if lo <= pc < hi and (hi - lo) // 4 <= max_lines:
            return lo, hi
    lo = max(bus.base, (pc & ~3) - 4 * WINDOW_BEFORE)
    hi = min(bus.base + bus.size, (pc & ~3) + 4 * WINDOW_AFTER)
    if hi <= lo:                                   # pc outside RAM: show the start of RAM
        lo, hi = bus.base, bus.base + 4 * (WINDOW_BEFORE + WINDOW_AFTER)
    return lo, hi


def symbol_labels(program) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    if program is not None:
        for name, a in program.symbols.items():
            if not name.startswith(".L") and not name.startswith("$"):
                out.setdefault(a, []).append(name)
    return {a: ", ".join(sorted(v)) for a, v in out.items()}


def listing_rows(machine, lo: int, hi: int, labels: dict[int, str] | None = None) -> list[ListingRow]:
    """One row per word in [lo, hi): address, word, disassembly, source line, label.

    Like ``objdump -S``, a source line is shown on the first of the instructions it produced
    (``la`` gives two; a C statement many); the others keep only its file:line.
    """
    if labels is None:
        labels = symbol_labels(machine.program)
    rows = []
    last = None
    for addr, word, text in machine.disassemble(lo, max(0, (hi - lo) // 4)):
        ln = machine.source_line(addr)
        src = where = ""
        if ln is not None:
            where = f"{ln.file}:{ln.line}"
            if (ln.file, ln.line) != last or addr in labels:
                src = (ln.text or "").strip()
                if addr in labels:
                    src = _LABEL_PREFIX.sub("", src)
            last = (ln.file, ln.line)
        else:
            last = None
        rows.append(ListingRow(addr, word, text, src, where, labels.get(addr, "")))
    return rows


_ESM = r"""
function hex8(a) { return (a >>> 0).toString(16).padStart(8, '0'); }

function render({ model, el }) {
  el.classList.add('vmlab-listing');
  const box = document.createElement('div');
  box.className = 'vmlab-listing-scroll';
  box.style.height = model.get('height');
  model.on('change:height', () => { box.style.height = model.get('height'); });
  el.appendChild(box);
  let lines = new Map();
  let lastPc = null;

  function draw() {
    const rows = model.get('rows');
    const table = document.createElement('table');
    table.className = 'vmlab-listing-table';
    lines = new Map();
    for (const r of rows) {
      if (r.label) {
        const lt = document.createElement('tr');
        lt.className = 'vmlab-label';
        const td = document.createElement('td');
        td.colSpan = 6;
        td.textContent = r.label + ':';
        lt.appendChild(td);
        table.appendChild(lt);
      }
      const tr = document.createElement('tr');
      tr.className = 'vmlab-line';
      tr.dataset.addr = '0x' + hex8(r.addr);
      tr.title = 'click to toggle a breakpoint at 0x' + hex8(r.addr) + (r.where ? '  (' + r.where + ')' : '');
      const cells = [['vmlab-gutter', ''], ['vmlab-arrow', ''], ['vmlab-addr', hex8(r.addr)],
                     ['vmlab-word', hex8(r.word)], ['vmlab-asm', r.text], ['vmlab-src', r.source]];
      for (const [cls, text] of cells) {
        const td = document.createElement('td');
        td.className = cls;
        td.textContent = text;
        tr.appendChild(td);
      }
      tr.addEventListener('click', () => model.send({ event: 'toggle', addr: r.addr }));
      table.appendChild(tr);
      lines.set(r.addr, tr);
    }
    box.replaceChildren(table);
    if (rows.length === 0) {
      box.textContent = model.get('empty_text');
    }
    lastPc = null;
    mark();
  }

  function mark() {
    const bps = new Set(model.get('breakpoints'));
    const pc = model.get('pc');
    for (const [addr, tr] of lines) {
      tr.classList.toggle('vmlab-bp', bps.has(addr));
      tr.firstChild.textContent = bps.has(addr) ? '\u25CF' : '';
      const here = addr === pc;
      tr.classList.toggle('vmlab-pc', here);
      tr.children[1].textContent = here ? '\u25B6' : '';
    }
    if (pc !== lastPc) {
      lastPc = pc;
      const cur = lines.get(pc);
      if (cur) {
        const top = cur.offsetTop, h = cur.offsetHeight, view = box.clientHeight;
        if (top < box.scrollTop + h || top + 2 * h > box.scrollTop + view) {
          box.scrollTop = Math.max(0, top - view / 3);
        }
      }
    }
  }

  model.on('change:rows', draw);
  model.on('change:pc', mark);
  model.on('change:breakpoints', mark);
  draw();
  // the first layout happens after render returns: scroll pc into view then
  requestAnimationFrame(() => { lastPc = null; mark(); });
}
export default { render };
"""

_CSS = """
.vmlab-listing { font-family: %(mono)s; font-size: 12px; }
.vmlab-listing .vmlab-listing-scroll { height: 28em; overflow: auto;
  border: 1px solid var(--jp-border-color1, #ccc); background: var(--jp-layout-color0, #fff);
  position: relative; }
.vmlab-listing table { border-collapse: collapse; width: 100%%; }
.vmlab-listing td { padding: 0 6px 0 0; white-space: pre; line-height: 1.4; }
.vmlab-listing tr.vmlab-line { cursor: pointer; }
.vmlab-listing tr.vmlab-line:hover { background: rgba(33, 150, 243, 0.10); }
.vmlab-listing tr.vmlab-label td { color: #6a1b9a; font-weight: bold; padding-top: 3px; }
.vmlab-listing td.vmlab-gutter { width: 1.2em; text-align: center; color: #d32f2f; padding: 0 2px; }
.vmlab-listing td.vmlab-arrow { width: 1em; color: #1565c0; padding: 0; }
.vmlab-listing td.vmlab-addr { color: var(--jp-ui-font-color2, #888); }
.vmlab-listing td.vmlab-word { color: var(--jp-ui-font-color3, #aaa); }
.vmlab-listing td.vmlab-asm { color: var(--jp-content-font-color1, #000); min-width: 14em; }
.vmlab-listing td.vmlab-src { color: #2e7d32; width: 100%%; }
.vmlab-listing tr.vmlab-bp td { background: rgba(244, 67, 54, 0.14); }
.vmlab-listing tr.vmlab-pc td { background: rgba(255, 213, 0, 0.45); font-weight: bold; }
.vmlab-listing tr.vmlab-pc.vmlab-bp td { background: rgba(255, 152, 0, 0.50); }
""" % {"mono": MONO}


class Listing(anywidget.AnyWidget):
    """A clickable program listing. ``on_toggle(fn)`` registers ``fn(addr)`` for clicks."""

    _esm = _ESM
    _css = _CSS
    rows = traitlets.List(traitlets.Dict(), help="Lines: addr, word, text, source, where, label").tag(sync=True)
    pc = traitlets.Int(0, help="Address of the highlighted line").tag(sync=True)
    breakpoints = traitlets.List(traitlets.Int(), help="Addresses with a breakpoint").tag(sync=True)
    empty_text = traitlets.Unicode("no program loaded").tag(sync=True)
    height = traitlets.Unicode("28em", help="CSS height of the scrolling area").tag(sync=True)

    def __repr__(self) -> str:
        return f"Listing({len(self.rows)} lines)"

    def __init__(self, **kw):
        super().__init__(**kw)
        self.add_class("vmlab-listing-widget")
        self._toggle_handlers: list[Callable[[int], None]] = []
        self.on_msg(self._on_frontend_msg)

    def on_toggle(self, fn: Callable[[int], None]) -> None:
        self._toggle_handlers.append(fn)

    def click(self, addr: int) -> None:
        """What a click on the line at `addr` does (for tests and scripts)."""
        for fn in self._toggle_handlers:
            fn(addr)

    def _on_frontend_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") == "toggle":
            self.click(int(content["addr"]))

    def set_rows(self, rows: list[ListingRow]) -> None:
        self.rows = [asdict(r) for r in rows]

    @property
    def addresses(self) -> list[int]:
        return [r["addr"] for r in self.rows]
