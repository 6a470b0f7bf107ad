"""Compare: run one program on several backends, check they agree, and chart their speed.

:func:`run_one`, :func:`disagreements` and :func:`speed_rows` are plain functions; the
:class:`Compare` panel runs the backends one after the other on a worker thread (in slices,
so Stop answers and the kernel stays responsive), with a progress bar, then shows whether
they all ended in the same state (stop, exit code, registers, pc, output), a table of
seconds, MIPS and speed-up against ``interp``, and a bar chart of MIPS.
"""
from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import ipywidgets as W

from .. import backends as _backends
from ..isa.regs import ABI_NAMES
from ..machine import Machine, to_program
from .common import ErrorBox, esc, guarded, panel_repr, style_widget
from .runner import run_sliced


@dataclass
class CompareResult:
    """How one backend ran the program."""
    backend: str
    stop: object = None               # StopReason
    instructions: int = 0
    seconds: float = 0.0              # inside machine.run
    regs: tuple = ()
    pc: int = 0
    output: str = ""
    error: str = ""                   # the backend could not run (unavailable, crashed)
    extra: dict = field(default_factory=dict)

    @property
    def mips(self) -> float:
        return self.instructions / self.seconds / 1e6 if self.seconds > 0 else 0.0

    @property
    def exit_code(self):
        return getattr(self.stop, "code", None)

    @property
    def outcome(self) -> str:
        if self.error:
            return f"error: {self.error}"
        return str(self.stop).splitlines()[0] if self.stop is not None else "not run"


def run_one(program, backend: str, *, max_steps: int | None = None, stdin: str | bytes | None = None,
            machine_kwargs: dict | None = None, should_stop: Callable[[], bool] = lambda: False,
            between: Callable[[Machine], None] | None = None) -> CompareResult:
    """Run `program` on a fresh Machine with `backend`; what it did and how fast."""
    res = CompareResult(backend)
    try:
        m = Machine(backend, **(machine_kwargs or {}))
        m.load(program)
    except Exception as e:  # noqa: BLE001
        res.error = str(e)
        return res
    if stdin is not None:
        m.console.feed(stdin)
    r = run_sliced(m, max_steps, should_stop=should_stop,
                   between=(lambda: between(m)) if between is not None else None)
    res.stop, res.instructions, res.seconds = r.stop, r.instructions, r.seconds
    res.regs, res.pc, res.output = tuple(m.state.x), m.pc, m.console.output
    return res


def disagreements(results: list[CompareResult]) -> dict[str, list[str]]:
    """Backend -> how its result differs from the first result (only backends that differ,
    or that could not run)."""
    out: dict[str, list[str]] = {r.backend: [r.error] for r in results if r.error}
    ok = [r for r in results if not r.error]
    if len(ok) < 2:
        return out
    ref = ok[0]
    for r in ok[1:]:
        diffs = []
        if (getattr(r.stop, "kind", None), r.exit_code) != (getattr(ref.stop, "kind", None), ref.exit_code):
            diffs.append(f"stop '{r.outcome}' vs '{ref.outcome}'")
        if r.pc != ref.pc:
            diffs.append(f"pc {r.pc:#010x} vs {ref.pc:#010x}")
        regs = [f"{ABI_NAMES[i]} {r.regs[i]:#x} vs {ref.regs[i]:#x}"
                for i in range(min(len(r.regs), len(ref.regs))) if r.regs[i] != ref.regs[i]]
        if regs:
            diffs.append("registers " + ", ".join(regs[:6]) + (" ..." if len(regs) > 6 else ""))
        if r.output != ref.output:
            diffs.append(f"output differs ({len(r.output)} vs {len(ref.output)} characters)")
        if r.instructions != ref.instructions:
            diffs.append(f"instructions {r.instructions:,} vs {ref.instructions:,}")
        if diffs:
            out[r.backend] = diffs
    return out


def describe_disagreements(results: list[CompareResult]) -> list[str]:
    """One line per backend that differs from the first (empty when all agree)."""
    ref = next((r.backend for r in results if not r.error), None)
    lines = []
    for name, diffs in disagreements(results).items():
        r = next(x for x in results if x.backend == name)
        if r.error:
            lines.append(f"{name}: {r.error}")
        else:
            lines.append(f"{name} differs from {ref}: " + "; ".join(diffs))
    return lines


def speed_rows(results: list[CompareResult], reference: str = "interp") -> list[dict]:
    """Table rows: backend, outcome, instructions, seconds, MIPS, speed-up against `reference`
    (the first backend when `reference` did not run)."""
    ok = [r for r in results if not r.error and r.seconds > 0]
    ref = next((r for r in ok if r.backend == reference), ok[0] if ok else None)
    rows = []
    for r in results:
        speedup = (ref.seconds / r.seconds) if (ref is not None and not r.error and r.seconds > 0) else None
        rows.append({"backend": r.backend, "outcome": r.outcome, "instructions": r.instructions,
                     "seconds": r.seconds, "mips": r.mips, "speedup": speedup,
                     "reference": ref.backend if ref is not None else None})
    return rows


def speed_table_html(rows: list[dict], agree: dict[str, bool] | None = None) -> str:
    ref = next((r["reference"] for r in rows if r["reference"]), "interp")
    head = ("<tr><th>backend</th><th>result</th><th>instructions</th><th>seconds</th><th>MIPS</th>"
            f"<th>speed-up vs {esc(ref)}</th><th>agrees</th></tr>")
    trs = []
    for r in rows:
        ag = "" if agree is None else ("<span class='vmlab-ok'>&#10003;</span>" if agree.get(r["backend"])
                                       else "<span class='vmlab-bad'>&#10007;</span>")
        sp = f"{r['speedup']:.2f}&times;" if r["speedup"] is not None else "&ndash;"
        trs.append(f"<tr data-backend='{esc(r['backend'])}'><td>{esc(r['backend'])}</td>"
                   f"<td>{esc(r['outcome'])}</td><td>{r['instructions']:,}</td>"
                   f"<td>{r['seconds']:.3f}</td><td>{r['mips']:.2f}</td><td>{sp}</td><td>{ag}</td></tr>")
    return f"<table>{head}{''.join(trs)}</table>"


def mips_chart_png(rows: list[dict], width: float = 5.0, height: float = 2.4) -> bytes:
    """A bar chart of MIPS per backend, as PNG bytes (matplotlib, no pyplot state)."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_subplot()
    names = [r["backend"] for r in rows]
    vals = [r["mips"] for r in rows]
    bars = ax.bar(names, vals, color=["#90a4ae" if n == "interp" else "#42a5f5" for n in names])
    for b, r in zip(bars, rows):
        label = f"{r['mips']:.2f}" + (f"  ({r['speedup']:.1f}×)" if r["speedup"] not in (None, 1.0) else "")
        ax.annotate(label, (b.get_x() + b.get_width() / 2, b.get_height()), ha="center", va="bottom",
                    fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_ylabel("MIPS")
    ax.set_title("speed (million instructions per second)", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.18)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


class Compare(W.VBox):
    """Run one program on every chosen backend and compare.

    Args:
        program: a Program, assembly text or a path (as :meth:`Machine.load` takes).
        backends: names (default: every available backend).
        max_steps: stop each run after this many instructions.
        stdin: input fed to every run's console.
        machine_kwargs: passed to each ``Machine(...)`` (mode, ram_size, syscalls ...).
        autostart: start running as soon as the panel is made.
    """

    def __repr__(self) -> str:
        prog = getattr(self, "program", None)
        return panel_repr(self, None, f"program={prog.name if prog is not None else None!r}")

    def __init__(self, program, backends: list[str] | None = None, *, max_steps: int | None = None,
                 stdin: str | bytes | None = None, machine_kwargs: dict | None = None,
                 autostart: bool = True, **kw):
        super().__init__(**kw)
        self.error = ErrorBox()
        self.backends = list(backends) if backends else _backends.available()
        self.max_steps = max_steps
        self.stdin = stdin
        self.machine_kwargs = dict(machine_kwargs or {})
        self.results: list[CompareResult] = []
        self.rows: list[dict] = []
        self.problems: list[str] = []
        self._stop_requested = False
        self._current: Machine | None = None
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._done.set()
        self.progress = W.FloatProgress(value=0.0, min=0.0, max=1.0, description="",
                                        layout=W.Layout(width="320px"))
        self.progress.add_class("vmlab-compare-progress")
        self.progress_label = W.HTML()
        self.progress_label.add_class("vmlab-compare-progress-label")
        self.start_button = W.Button(description="Run all", icon="play", button_style="success",
                                     layout=W.Layout(width="auto"))
        self.start_button.add_class("vmlab-compare-start")
        self.stop_button = W.Button(description="Stop", icon="stop", button_style="warning",
                                    layout=W.Layout(width="auto"), disabled=True)
        self.stop_button.add_class("vmlab-compare-stop")
        self.start_button.on_click(lambda _b: self.start())
        self.stop_button.on_click(lambda _b: self.stop())
        self.verdict = W.HTML()
        self.verdict.add_class("vmlab-compare-verdict")
        self.table = W.HTML()
        self.table.add_class("vmlab-compare-table")
        self.chart = W.Image(format="png", layout=W.Layout(max_width="520px", display="none"))
        self.chart.add_class("vmlab-compare-chart")
        bar = W.HBox([self.start_button, self.stop_button, self.progress, self.progress_label])
        bar.add_class("vmlab-toolbar")
        self.add_class("vmlab-compare")
        self.add_class("vmlab-panel")
        self.children = [style_widget(), bar, self.error, self.verdict, self.table, self.chart]
        try:
            self.program = to_program(program)
        except Exception as e:  # noqa: BLE001
            self.program = None
            self.error.show(e, "cannot load the program")
            self.start_button.disabled = True
            return
        self._show_table()
        if autostart:
            self.start()

    @property
    def running(self) -> bool:
        return not self._done.is_set()

    @guarded
    def start(self) -> None:
        """Run every backend (on a worker thread); see :meth:`wait` and :meth:`stop`."""
        if self.running or self.program is None:
            return
        self.error.clear()
        self.results, self.rows, self.problems = [], [], []
        self.verdict.value = ""
        self.chart.layout.display = "none"
        self._stop_requested = False
        self._done.clear()
        self.start_button.disabled, self.stop_button.disabled = True, False
        self._thread = threading.Thread(target=self._work, name="vmlab-compare", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the backend that is running and skip the others."""
        self._stop_requested = True
        m = self._current
        if m is not None:
            m.pause()

    def wait(self, timeout: float | None = 60) -> list[CompareResult]:
        self._done.wait(timeout)
        return self.results

    def _work(self) -> None:
        try:
            n = len(self.backends)
            expected = self.max_steps
            last = [0.0]
            for i, name in enumerate(self.backends):
                if self._stop_requested:
                    break
                self._progress(i, n, name, 0, expected)

                def between(m, i=i, name=name):
                    self._current = m
                    now = time.perf_counter()
                    if now - last[0] > 0.25:
                        last[0] = now
                        self._progress(i, n, name, m.instret, expected)

                r = run_one(self.program, name, max_steps=self.max_steps, stdin=self.stdin,
                            machine_kwargs=self.machine_kwargs,
                            should_stop=lambda: self._stop_requested, between=between)
                self._current = None
                self.results.append(r)
                if expected is None and not r.error:
                    expected = r.instructions
                self._show_table()
            self._finish()
        except Exception as e:  # noqa: BLE001
            self.error.show(e)
        finally:
            self._current = None
            self.start_button.disabled, self.stop_button.disabled = False, True
            self._done.set()

    def _progress(self, i: int, n: int, name: str, done: int, expected: int | None) -> None:
        frac = min(done / expected, 1.0) if expected else 0.0
        self.progress.value = (i + frac) / n
        self.progress_label.value = (f"<span class='vmlab-mono'>{esc(name)} ({i + 1}/{n}): "
                                     f"{done:,} instructions</span>")

    def _show_table(self) -> None:
        done = {r.backend for r in self.results}
        pending = [CompareResult(b) for b in self.backends if b not in done]
        self.rows = speed_rows(self.results + pending)
        agree = None
        if self.results and not pending:
            bad = disagreements(self.results)
            agree = {r.backend: r.backend not in bad for r in self.results}
        self.table.value = speed_table_html(self.rows, agree)

    def _finish(self) -> None:
        # the verdict is written last: a test (or a student) waiting for it sees everything else
        if not self._stop_requested:
            self.progress.value = 1.0
        stopped = " (stopped)" if self._stop_requested else ""
        self.progress_label.value = f"<span class='vmlab-mono'>done{stopped}</span>"
        self.problems = describe_disagreements(self.results)
        self._show_table()
        rows = [r for r in self.rows if r["seconds"] > 0]
        if rows:
            self.chart.value = mips_chart_png(rows)
            self.chart.layout.display = ""
        self.start_button.disabled, self.stop_button.disabled = False, True
        ok = [r for r in self.results if not r.error]
        if self.problems:
            self.verdict.value = ("<div class='vmlab-verdict-bad'>&#10007; the backends disagree:\n"
                                  + esc("\n".join(self.problems)) + "</div>")
        elif ok:
            self.verdict.value = (f"<div class='vmlab-verdict-ok'>&#10003; all {len(ok)} backends agree: "
                                  f"{esc(ok[0].outcome)}, same registers, pc and output</div>")
        else:
            self.verdict.value = "<div class='vmlab-verdict-bad'>no backend finished</div>"
