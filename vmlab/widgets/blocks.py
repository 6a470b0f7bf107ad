"""The translation-cache panel: the translate backend's blocks, guest code beside generated Python.

The translate backend (a dynamic binary translator, like the code caches of Transmeta's
Crusoe or DEC's FX!32) turns each guest basic block into a Python function. This panel lists
the cached blocks (pc range, instructions, executions, chained successors) and, for the one
selected, shows the guest disassembly beside the Python the translator generated.

What it reads from the backend (``machine.backend``), defensively, since the translator's
record type may evolve:

* ``blocks``: a mapping (key: pc or a tuple starting with pc) or a sequence of block
  records, or a callable returning one. A record is an object or a dict with a start address
  (``start``/``pc``/``lo``/``addr``), optionally an end (``end``/``hi``), an instruction count
  (``count``/``n``/``ninsns``/``length`` or a list ``insns``), an execution count
  (``executions``/``execs``/``hits``) and successors (``successors``/``chained``/``links``:
  addresses, or records with a start address).
* ``source(pc)``: the generated Python source of the block at `pc` (or the record's
  ``source``/``code``/``text`` attribute).
* ``stats``: a mapping of counters (blocks translated, invalidations, chain hits ...).
"""
from __future__ import annotations

import html as _html
from collections.abc import Mapping
from dataclasses import dataclass

import ipywidgets as W

from ..trap import PRIV_NAMES
from .common import ErrorBox, esc, guarded, panel_repr, style_widget

MAX_LISTED = 500


@dataclass(frozen=True)
class BlockRow:
    start: int
    end: int                  # first address after the block
    count: int                # guest instructions
    executions: int | None
    successors: tuple = ()
    priv: str = ""
    key: object = None        # the backend's own key, for source()
    chained: tuple = ()       # successors reached through a patched link (no cache lookup)
    translated: bool | None = None   # False: still interpreted (below the hot threshold)
    jumps: tuple = ()         # where a computed jump at its end was seen to go

    @property
    def label(self) -> str:
        ex = f"×{self.executions:,}" if self.executions is not None else ""
        succ = ""
        if self.successors:
            succ = " → " + ", ".join(f"{s:#x}" + ("*" if s in self.chained else "") for s in self.successors)
        cold = "  (interpreted)" if self.translated is False else ""
        where = f"{self.start:#010x}..{self.end:#010x}"          # end exclusive, as m.backend.blocks shows it
        return f"{where}  {self.count:3d} insns  {ex}{succ}{cold}"


_START = ("start", "pc", "lo", "addr", "address", "begin", "entry", "guest_pc")
_END = ("end", "hi", "end_pc", "stop", "limit")
_COUNT = ("count", "insns", "n", "ninsns", "n_insns", "num_insns", "length", "size_insns", "insn_count", "instructions")
_EXECS = ("executions", "execs", "exec_count", "hits", "runs", "calls", "times", "counter")
_SUCC = ("successors", "succ", "targets", "exits", "next", "chained", "chain", "links")
_CHAINED = ("chained", "chain", "links")
_SOURCE = ("source", "code", "text", "python", "src")


def _get(rec, names):
    for n in names:
        if isinstance(rec, Mapping):
            if n in rec:
                return rec[n]
        elif hasattr(rec, n):
            v = getattr(rec, n)
            if not callable(v) or isinstance(v, (int, list, tuple, dict, set)):
                return v
    return None


def _as_int(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, (list, tuple)) and v and isinstance(v[0], int):
        return v[0]
    return None


def _addresses(v) -> tuple:
    if v is None:
        return ()
    if isinstance(v, Mapping):
        v = list(v.keys())
    if isinstance(v, (int,)) and not isinstance(v, bool):
        return (v,)
    out = []
    try:
        items = list(v)
    except TypeError:
        items = [v]
    for s in items:
        a = _as_int(s)
        if a is None:
            a = _as_int(_get(s, _START))
        if a is not None:
            out.append(a)
    return tuple(out)


def _records(blocks):
    if callable(blocks) and not isinstance(blocks, Mapping):
        blocks = blocks()
    if blocks is None:
        return []
    if isinstance(blocks, Mapping):
        return list(blocks.items())
    return [(None, b) for b in blocks]


def block_rows(backend) -> list[BlockRow]:
    """The cached blocks of `backend`, most executed first (empty when it has no ``blocks``)."""
    rows = []
    for key, rec in _records(getattr(backend, "blocks", None)):
        start = _as_int(_get(rec, _START))
        if start is None:
            start = _as_int(key)
        if start is None:
            continue
        count = _get(rec, _COUNT)
        if isinstance(count, (list, tuple)):
            count = len(count)
        if count is None and isinstance(_get(rec, ("insns",)), (list, tuple)):
            count = len(_get(rec, ("insns",)))
        end = _as_int(_get(rec, _END))
        if count is None:
            count = max(1, (end - start) // 4) if end is not None else 1
        if end is None or end <= start:
            end = start + 4 * count
        execs = _get(rec, _EXECS)
        execs = execs if isinstance(execs, int) and not isinstance(execs, bool) else None
        priv = _get(rec, ("priv", "mode"))
        if isinstance(priv, int):
            priv = PRIV_NAMES.get(priv, str(priv))
        translated = _get(rec, ("translated",))
        rows.append(BlockRow(start, end, int(count), execs, _addresses(_get(rec, _SUCC)),
                             "" if priv is None else str(priv), key, _addresses(_get(rec, _CHAINED)),
                             translated if isinstance(translated, bool) else None,
                             _addresses(_get(rec, ("jump_targets",)))))
    rows.sort(key=lambda r: (-(r.executions or 0), r.start))
    return rows


def block_source(backend, row: BlockRow) -> str:
    """The generated Python of a block (a message when the backend cannot show it)."""
    src = getattr(backend, "source", None)
    if callable(src):
        for arg in (row.start, row.key):
            if arg is None:
                continue
            try:
                text = src(arg)
            except (KeyError, LookupError, TypeError, ValueError):
                continue
            if text:
                return str(text)
    blocks = getattr(backend, "blocks", None)
    if isinstance(blocks, Mapping) and row.key in blocks:
        text = _get(blocks[row.key], _SOURCE)
        if isinstance(text, str):
            return text
    return "# no generated source available for this block"


def backend_stats(backend) -> dict:
    st = getattr(backend, "stats", None)
    if callable(st):
        st = st()
    return dict(st) if isinstance(st, Mapping) else {}


def _highlight_python(code: str) -> str:
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer
        return highlight(code, PythonLexer(), HtmlFormatter(noclasses=True, nowrap=False,
                                                            style="default"))
    except Exception:  # noqa: BLE001 - pygments is optional
        return f"<pre>{_html.escape(code)}</pre>"


class TranslationCache(W.VBox):
    """The translate backend's code cache: blocks, and guest code beside generated Python."""

    def __repr__(self) -> str:
        return panel_repr(self, self.machine)

    def __init__(self, machine, **kw):
        super().__init__(**kw)
        self.machine = machine
        self.error = ErrorBox()
        self.summary = W.HTML(layout=W.Layout(flex="1 1 auto", min_width="0"))   # wraps; the buttons keep their size
        self.summary.add_class("vmlab-blocks-summary")
        self.select = W.Select(options=[], rows=10, layout=W.Layout(width="100%"))
        self.select.add_class("vmlab-blocks-list")
        self.select.add_class("vmlab-mono")
        self.code = W.HTML()
        self.code.add_class("vmlab-blocks-code")
        self.refresh_button = W.Button(description="Refresh", icon="refresh",
                                       layout=W.Layout(width="auto", min_width="96px", flex="0 0 auto"))
        self.refresh_button.add_class("vmlab-blocks-refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.use_translate = W.Button(description="Switch to translate",
                                      layout=W.Layout(width="auto", min_width="150px", flex="0 0 auto"))
        self.use_translate.add_class("vmlab-blocks-switch")
        self.use_translate.on_click(lambda _b: self._switch())
        self.select.observe(lambda _c: self.show_selected(), names="value")
        self.rows: list[BlockRow] = []
        bar = W.HBox([self.refresh_button, self.use_translate, self.summary])
        bar.add_class("vmlab-toolbar")
        self.add_class("vmlab-translation-cache")
        self.add_class("vmlab-panel")
        self.children = [style_widget(), bar, self.error, self.select, self.code]
        self.refresh()

    @guarded
    def _switch(self) -> None:
        self.machine.backend = "translate"
        self.refresh()

    @guarded
    def refresh(self, live: bool = False) -> None:
        b = self.machine.backend
        has_blocks = hasattr(b, "blocks")
        self.use_translate.layout.display = "none" if has_blocks else ""
        if not has_blocks:
            self.rows = []
            self.select.options = []
            self.summary.value = (f"<span class='vmlab-dim'>backend <code>{esc(self.machine.backend_name)}</code> "
                                  "has no translation cache: switch to the translate backend and run</span>")
            self.code.value = ""
            return
        rows = block_rows(b)
        self.rows = rows
        stats = backend_stats(b)
        st = " · ".join(f"{k} {v:,}" if isinstance(v, int) else
                        f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in stats.items())
        more = f" (showing the {MAX_LISTED} most executed)" if len(rows) > MAX_LISTED else ""
        self.summary.value = (f"<span class='vmlab-mono'>{len(rows):,} blocks{more} (* = chained exit)"
                              + (f" · {esc(st)}" if st else "") + "</span>")
        current = self.select.value
        self.select.options = [(r.label, i) for i, r in enumerate(rows[:MAX_LISTED])]
        if rows:
            starts = [r.start for r in rows[:MAX_LISTED]]
            keep = current if isinstance(current, int) and current < len(starts) else 0
            self.select.value = keep
            self.show_selected()
        else:
            self.code.value = "<span class='vmlab-dim'>the cache is empty: run the program</span>"

    @guarded
    def show_selected(self) -> None:
        i = self.select.value
        if i is None or not (0 <= i < len(self.rows)):
            return
        r = self.rows[i]
        m = self.machine
        guest = "\n".join(f"{a:08x}  {w:08x}  {t}" for a, w, t in m.disassemble(r.start, r.count))
        py = block_source(m.backend, r)
        succ = ", ".join(f"{s:#x}" + (" (chained)" if s in r.chained else "") for s in r.successors) or "none"
        state = {True: "translated", False: "interpreted (not hot yet)", None: ""}[r.translated]
        self.code.value = (
            "<table><tr><th align='left'>guest (RISC-V)</th><th align='left'>generated Python</th></tr>"
            f"<tr><td class='vmlab-guest'><pre>{esc(guest)}</pre>"
            f"<div class='vmlab-dim'>{esc(state)}{' · ' if state else ''}"
            f"executions: {r.executions if r.executions is not None else '?'}"
            + (f" · priv {esc(r.priv)}" if r.priv else "")
            + f"<br>successors: {esc(succ)}"
            + (f"<br>computed jump seen going to: {esc(', '.join(f'{s:#x}' for s in r.jumps))}" if r.jumps else "")
            + "</div></td>"
            f"<td class='vmlab-python'>{_highlight_python(py)}</td></tr></table>")
