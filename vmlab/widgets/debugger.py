"""The debugger: toolbar, clickable listing, status line, registers, memory and console.

A view over one Machine, in the spirit of RARS and Ripes: Step, Step N, Step back, Run,
Pause, Reset and a backend selector; the listing shows the disassembly with the source line
beside it, the current pc highlighted, and toggles a breakpoint when a line is clicked.
Runs go through a :class:`~vmlab.widgets.runner.Runner` (slices on a worker thread), so that
Pause answers and the kernel stays responsive even on an infinite loop; the panels refresh a
few times a second during a run and once when it stops.
"""
from __future__ import annotations

import time

import ipywidgets as W

from .. import backends as _backends
from ..stops import StopKind, StopReason
from .common import ErrorBox, UiLock, esc, follow_machine, guarded, panel_repr, style_widget, titled
from .console import ConsolePanel
from .listing import Listing, listing_range, listing_rows, symbol_labels
from .memory import MemoryPanel
from .registers import RegistersPanel
from .runner import RunResult, Runner, busy, pause_machine

SYNC_STEPS = 2_000          # Step N up to this many runs on the kernel's thread (it is quick)

_STOP_CLASS = {StopKind.EXITED: "vmlab-stop-exited", StopKind.TRAP: "vmlab-stop-trap",
               StopKind.ERROR: "vmlab-stop-error"}


def status_text(machine, stop: StopReason | None, result: RunResult | None = None, *,
                running: bool = False, live: tuple[int, float] | None = None,
                note: str = "") -> tuple[str, str]:
    """(kind, text) of the status line: the stop reason (or "running", or `note` when there
    is no stop), instructions retired since reset, and the speed of the last run. `live` is
    (instructions, seconds) so far."""
    parts = []
    if running:
        kind = "running"
        head = f"running on {machine.backend_name}…"
    elif stop is None:
        kind = "ready"
        head = note or ("ready" if machine.program is not None else "no program loaded")
    else:
        kind = stop.kind.value
        head = str(stop).splitlines()[0]
        if stop.kind is StopKind.BREAKPOINT and stop.message and stop.message not in head:
            head += f" <{stop.message}>"
    parts.append(head)
    parts.append(f"{machine.instret:,} instructions retired")
    if running and live is not None:
        n, dt = live
        if dt > 0.05:
            parts.append(f"{n / dt / 1e6:.2f} MIPS")
    elif result is not None and result.instructions:
        if result.seconds >= 0.005:
            parts.append(f"last run {result.instructions:,} in {result.seconds:.3f} s = {result.mips:.2f} MIPS")
        else:
            n = result.instructions
            parts.append(f"last run: {n:,} instruction{'s' if n != 1 else ''}")
    parts.append(machine.backend_name)
    return kind, " · ".join(parts)


class Debugger(W.VBox):
    """A RARS/Ripes-like debugger over a Machine. Display it with ``display(Debugger(m))``
    or as a cell's last expression.

    Args:
        machine: the Machine (with a program loaded, or load one in the Source section).
        listing_height: CSS height of the listing.
        refresh_interval: seconds between display refreshes during a run.
        editor: show a Source section to edit, assemble and load the program.

    Buttons can be pressed from code (``d.buttons["step"].click()``); :meth:`wait` blocks until
    a run started by Run or Step N has stopped (for tests and scripts).
    """

    def __repr__(self) -> str:
        return panel_repr(self, self.machine)

    def __init__(self, machine, *, listing_height: str = "36em", refresh_interval: float = 0.25,
                 editor: bool = True, **kw):
        super().__init__(**kw)
        self.machine = m = machine
        self._ui = UiLock()
        self.error = ErrorBox()
        self.result: RunResult | None = None
        self._attached: list = []
        self._listing_key = None
        self._run_start = (0, 0.0)
        self.runner = Runner(m, on_progress=lambda: self.refresh(live=True),
                             on_stop=self._on_run_stopped, on_error=self._on_runner_error,
                             refresh_interval=refresh_interval)

        def button(name, description, icon, tooltip, style=""):
            b = W.Button(description=description, icon=icon, tooltip=tooltip, button_style=style,
                         layout=W.Layout(width="auto"))
            b.add_class(f"vmlab-{name}")
            return b

        self.buttons = {
            "step": button("step", "Step", "step-forward", "execute one instruction"),
            "step_n": button("stepn", "Step N", "fast-forward", "execute N instructions"),
            "step_back": button("back", "Back", "step-backward", "undo one instruction"),
            "run": button("run", "Run", "play", "run until a breakpoint, an exit, a trap or Pause", "success"),
            "pause": button("pause", "Pause", "pause", "stop the running program", "warning"),
            "reset": button("reset", "Reset", "refresh", "reload the program and start again"),
        }
        self.steps = W.BoundedIntText(value=10, min=1, max=10**12, layout=W.Layout(width="90px"),
                                      tooltip="N for Step N")
        self.steps.add_class("vmlab-steps")
        names = _backends.available()
        if m.backend_name not in names:
            names.append(m.backend_name)
        self.backend_select = W.Dropdown(options=names, value=m.backend_name, description="backend",
                                         layout=W.Layout(width="190px"), style={"description_width": "56px"})
        self.backend_select.add_class("vmlab-backend")
        self._syncing_backend = False
        b = self.buttons
        b["step"].on_click(lambda _b: self.step())
        b["step_n"].on_click(lambda _b: self.step(self.steps.value))
        b["step_back"].on_click(lambda _b: self.step_back())
        b["run"].on_click(lambda _b: self.run())
        b["pause"].on_click(lambda _b: self.pause())
        b["reset"].on_click(lambda _b: self.reset())
        self.backend_select.observe(self._on_backend, names="value")
        toolbar = W.HBox([b["step"], b["step_n"], self.steps, b["step_back"], b["run"], b["pause"],
                          b["reset"], self.backend_select], layout=W.Layout(flex_flow="row wrap"))
        toolbar.add_class("vmlab-toolbar")

        self.status = W.HTML()
        self.status.add_class("vmlab-status")
        self.listing = Listing(height=listing_height)
        self.listing.on_toggle(self.toggle_breakpoint)
        self.registers = RegistersPanel(m, follow=False)       # refreshed by the debugger
        self.memory = MemoryPanel(m, follow=False)
        self.console = ConsolePanel(m, resume=self.run)

        listing_box = titled("Program", self.listing)
        listing_box.layout = W.Layout(flex="1 1 420px", min_width="320px")
        regs_box = titled("Registers", self.registers)
        regs_box.layout = W.Layout(flex="0 1 auto", margin="0 0 0 10px")
        top = W.HBox([listing_box, regs_box], layout=W.Layout(flex_flow="row wrap"))
        mem_box = titled("Memory", self.memory)
        mem_box.layout = W.Layout(flex="0 1 auto")
        con_box = titled("Console", self.console)
        con_box.layout = W.Layout(flex="1 1 240px", min_width="220px", margin="0 0 0 10px")
        bottom = W.HBox([mem_box, con_box], layout=W.Layout(flex_flow="row wrap"))

        children = [style_widget(), toolbar, self.status, self.error, top, bottom]
        self.source = None
        if editor:
            self.source = W.Textarea(value=(m.program.source or "") if m.program else "",
                                     rows=14, layout=W.Layout(width="100%"))
            self.source.add_class("vmlab-source")
            self.source.add_class("vmlab-mono")
            load = W.Button(description="Assemble and load", icon="upload", button_style="info",
                            layout=W.Layout(width="auto"))
            load.add_class("vmlab-load")
            load.on_click(lambda _b: self.load(self.source.value))
            self.buttons["load"] = load
            acc = W.Accordion(children=[W.VBox([self.source, load])], titles=("Source",), selected_index=None)
            acc.add_class("vmlab-editor")
            children.append(acc)
        self.children = children
        self.add_class("vmlab-debugger")
        self.add_class("vmlab-panel")
        self._acting = False
        self._note = ""
        # refresh when the machine stops after a run made elsewhere (m.run() in a cell)
        self._hook = follow_machine(self, m, lambda d, stop: d._on_machine_stopped(stop))
        self.refresh()

    def close(self) -> None:
        """Stop a run, unsubscribe from the machine and close the widgets (front end too)."""
        self.runner.pause()
        listeners = getattr(self.machine, "stop_listeners", None)
        hook = getattr(self, "_hook", None)
        if isinstance(listeners, list) and hook in listeners:
            listeners.remove(hook)
        for w in (self.listing, self.registers, self.memory, self.console):
            w.close()
        super().close()

    def _on_machine_stopped(self, stop) -> None:
        if self._acting or self.running:      # our own step, or a sliced run: refreshed by us
            return
        self.result = None
        if stop is None and self.machine.last_stop is None:
            self._note = f"stepped back to pc {self.machine.pc:#010x}"
        self.refresh()

    # ------------------------------------------------------------------ actions
    @property
    def running(self) -> bool:
        """True while this machine runs (started here or by another panel)."""
        return self.runner.running or busy(self.machine)

    @guarded
    def step(self, n: int = 1) -> None:
        """Step n instructions (n > SYNC_STEPS runs in slices like Run)."""
        if self.running:
            raise RuntimeError("the program is running: press Pause first")
        self.error.clear()
        if self._exited():
            return
        n = int(n)
        if n <= SYNC_STEPS:
            m = self.machine
            i0, t0 = m.instret, time.perf_counter()
            self._acting = True
            try:
                stop = m.step(n)
            finally:
                self._acting = False
            self.result = RunResult(stop, m.instret - i0, time.perf_counter() - t0, time.perf_counter() - t0)
            self.refresh()
        else:
            self._start(n)

    @guarded
    def run(self, budget: int | None = None) -> None:
        """Run until the program stops (or `budget` instructions), in slices; see :meth:`pause`."""
        if self.runner.running:
            return
        self.error.clear()
        if self._exited():
            return
        self._start(budget)

    def _exited(self) -> bool:
        """The program has exited: say so (a Step or Run would do nothing) and refuse."""
        stop = self.machine.last_stop
        if stop is not None and stop.kind is StopKind.EXITED:
            self.error.show("the program has exited: press Reset to run it again")
            return True
        return False

    def _start(self, budget: int | None) -> None:
        self._run_start = (self.machine.instret, time.perf_counter())
        self.runner.start(budget)
        self.refresh(live=True)

    def pause(self) -> None:
        """Stop a run at the next slice boundary (within about 50 ms)."""
        self.runner.pause()
        pause_machine(self.machine)          # also a run started by another panel

    def wait(self, timeout: float | None = 30) -> StopReason | None:
        """Block until the current run has stopped; the stop reason (None on timeout)."""
        self.runner.wait(timeout)
        return None if self.runner.running else self.machine.last_stop

    @guarded
    def step_back(self, n: int = 1) -> None:
        m = self.machine
        if self.running:
            raise RuntimeError("the program is running: press Pause first")
        if not m.history_size:
            raise RuntimeError("step back needs history: create the machine with Machine(history=1000)")
        self.error.clear()
        self._acting = True
        try:
            undone = m.step_back(n)
        finally:
            self._acting = False
        if undone == 0:
            self.error.show("nothing to undo: history is empty (it starts when history is enabled)")
        m.last_stop = None
        self.result = None
        self._note = f"stepped back {undone} instruction{'s' if undone != 1 else ''} to pc {m.pc:#010x}"
        self.refresh()
        self._note = ""

    @guarded
    def reset(self) -> None:
        if self.running:
            raise RuntimeError("the program is running: press Pause first")
        self.error.clear()
        self._acting = True
        try:
            self.machine.reset()
        finally:
            self._acting = False
        self._after_load()

    @guarded
    def load(self, program) -> None:
        """Load a program (assembly text, a path, a Program) and show it."""
        if self.running:
            raise RuntimeError("the program is running: press Pause first")
        self.error.clear()
        self._acting = True
        try:
            self.machine.load(program)
        finally:
            self._acting = False
        self._after_load()

    def _after_load(self) -> None:
        prog = self.machine.program
        if self.source is not None and prog is not None and prog.source and prog.source != self.source.value:
            self.source.value = prog.source
        self.result = None
        self._listing_key = None
        self.registers.reset_baseline()
        self.memory.reset_baseline()
        self.console.clear()
        self.refresh()

    @guarded
    def toggle_breakpoint(self, addr: int) -> None:
        """Add or remove a breakpoint at `addr` (what clicking a listing line does)."""
        def do():
            self.machine.toggle_breakpoint(addr)
            self.listing.breakpoints = sorted(self.machine.breakpoints)
        self.runner.call(do)

    def _on_backend(self, change) -> None:
        if self._syncing_backend:
            return
        name = change["new"]

        def do():
            try:
                self.machine.backend = name
            except Exception as e:  # noqa: BLE001
                self.error.show(e)
            self._sync_controls()
            if not self.running:
                self._refresh_status()
        self.runner.call(do)

    def attach(self, panel) -> None:
        """Refresh another panel (anything with ``refresh(live=False)``) with this debugger."""
        self._attached.append(panel)

    # ------------------------------------------------------------------ runner callbacks
    def _on_run_stopped(self, result: RunResult) -> None:
        self.result = result
        self.refresh()

    def _on_runner_error(self, e: BaseException) -> None:
        self.error.show(e)

    # ------------------------------------------------------------------ display
    def refresh(self, live: bool = False) -> None:
        """Redraw every panel from the machine (during a run: `live`, marks kept)."""
        with self._ui:
            try:
                self._refresh_listing()
                self.registers.refresh(live)
                self.memory.refresh(live)
                self.console.refresh(live)
                for p in self._attached:
                    p.refresh()
                self._refresh_status(live)
                self._sync_controls()
            except Exception as e:  # noqa: BLE001
                self.error.show(e, "display")

    def _refresh_listing(self) -> None:
        m = self.machine
        if m.program is None:
            self.listing.rows = []
            return
        lo, hi = listing_range(m)
        try:
            code = m.read(lo, hi - lo)
        except IndexError:
            code = b""
        key = (id(m.program), lo, hi, code)
        if key != self._listing_key:
            self._listing_key = key
            self.listing.set_rows(listing_rows(m, lo, hi, symbol_labels(m.program)))
        self.listing.pc = m.pc
        bps = sorted(m.breakpoints)
        if bps != self.listing.breakpoints:
            self.listing.breakpoints = bps

    def _refresh_status(self, live: bool = False) -> None:
        m = self.machine
        running = self.running
        live_info = None
        if running:
            i0, t0 = self._run_start
            live_info = (m.instret - i0, time.perf_counter() - t0)
        kind, text = status_text(m, None if running else m.last_stop, self.result,
                                 running=running, live=live_info, note=self._note)
        head, _, rest = text.partition(" · ")
        if running:
            cls = "vmlab-running"
        elif m.last_stop is None:
            cls = "vmlab-dim"
        else:
            cls = _STOP_CLASS.get(m.last_stop.kind, "vmlab-stop-other")
        src = ""
        if not running and m.last_stop is not None and m.last_stop.source:
            src = f"<br><span class='vmlab-dim'>at {esc(m.last_stop.source)}</span>"
        self.status.value = (f"<span class='{cls} vmlab-stop' data-kind='{esc(kind)}'>{esc(head)}</span>"
                             f" <span class='vmlab-dim'>·</span> {esc(rest)}{src}")

    def _sync_controls(self) -> None:
        running = self.running
        m = self.machine
        b = self.buttons
        for k in ("step", "step_n", "run", "reset"):
            b[k].disabled = running or m.program is None
        b["step_back"].disabled = running or not m.history_size
        if not m.history_size:
            b["step_back"].tooltip = "step back needs Machine(history=N)"
        b["pause"].disabled = not running
        if "load" in b:
            b["load"].disabled = running
        if self.backend_select.value != m.backend_name:
            self._syncing_backend = True
            try:
                if m.backend_name not in self.backend_select.options:
                    self.backend_select.options = list(self.backend_select.options) + [m.backend_name]
                self.backend_select.value = m.backend_name
            finally:
                self._syncing_backend = False
