"""Running a Machine in slices on a worker thread, so that the kernel stays responsive.

A widget callback must return quickly: while it runs, the kernel handles no other message,
so a Pause button could never be pressed. The panels therefore never call ``machine.run()``
for an unbounded time on the kernel's thread. :func:`run_sliced` runs a machine in slices of
about 50 ms (``machine.run(max_steps=n)``, with n adapted to the backend's speed) and checks
between slices whether to stop; :class:`Runner` does that on a worker thread, calls back a
few times a second so that the panels can refresh, and runs requests made during the run
(switching backend, toggling a breakpoint) between two slices, where the machine's state is
complete and consistent.
"""
from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass
from typing import Callable

from ..stops import StopKind, StopReason

MIN_SLICE, MAX_SLICE = 100, 5_000_000

# machine -> the Runner running it: two panels (or a re-run cell) must not run one machine at once
_ACTIVE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_ACTIVE_LOCK = threading.Lock()


def busy(machine) -> bool:
    """True while some Runner is running `machine` on its worker thread."""
    r = _ACTIVE.get(machine)
    return r is not None and r.running


def pause_machine(machine) -> None:
    """Pause whatever Runner is running `machine` (no-op when none is)."""
    r = _ACTIVE.get(machine)
    if r is not None:
        r.pause()


@dataclass
class RunResult:
    """What one run (a Run click, a Step N) did: the stop, instructions and host time."""
    stop: StopReason
    instructions: int
    seconds: float        # time spent inside machine.run (the machine's speed)
    wall: float           # including the pauses between slices

    @property
    def mips(self) -> float:
        return self.instructions / self.seconds / 1e6 if self.seconds > 0 else 0.0


def _source_text(machine, pc: int) -> str | None:
    ln = machine.source_line(pc)
    return str(ln) if ln else None


def run_sliced(machine, budget: int | None = None, *,
               should_stop: Callable[[], bool] = lambda: False,
               between: Callable[[], None] | None = None,
               slice_seconds: float = 0.05, first_slice: int = 2_000,
               yield_seconds: float = 0.001) -> RunResult:
    """Run `machine` until it stops, in slices of about `slice_seconds`.

    Args:
        budget: at most this many instructions (None: no limit), like ``run(max_steps=...)``.
        should_stop: checked between slices; when true the run ends with ``paused``.
        between: called between slices (refresh a display, run queued requests).
        slice_seconds: target host time of one slice.
        yield_seconds: sleep between slices, so other threads (the kernel) get the GIL
            even when a backend's compiled loop never releases it.
    Returns:
        A :class:`RunResult`. A slice that ends on a breakpoint's address is reported as
        that breakpoint (the next ``run()`` would otherwise step over it).
    """
    m = machine
    start_i, start_t = m.state.instret, time.perf_counter()
    inside = 0.0
    n = first_slice
    left = budget
    while True:
        if should_stop():
            stop = StopReason(StopKind.PAUSED, m.pc, source=_source_text(m, m.pc))
            break
        steps = n if left is None else min(n, left)
        t = time.perf_counter()
        stop = m.run(max_steps=steps)
        dt = time.perf_counter() - t
        inside += dt
        if stop.kind is not StopKind.STEP_LIMIT:
            break
        if left is not None:
            left -= steps
            if left <= 0:
                break
        if m.pc in m.breakpoints:
            name = m.program.symbol_at(m.pc) if m.program else None
            stop = StopReason(StopKind.BREAKPOINT, m.pc, addr=m.pc, message=name or "",
                              source=_source_text(m, m.pc))
            break
        # adapt the slice so that it lasts about slice_seconds on this backend
        if dt > 0:
            n = int(min(max(steps * slice_seconds / dt, n / 4, MIN_SLICE), n * 4, MAX_SLICE))
        else:
            n = min(n * 4, MAX_SLICE)
        if between is not None:
            between()
        if yield_seconds:
            time.sleep(yield_seconds)
    m.last_stop = stop
    return RunResult(stop, m.state.instret - start_i, inside, time.perf_counter() - start_t)


class Runner:
    """Runs one Machine on a worker thread, in slices; Pause answers within one slice.

    Args:
        machine: the Machine.
        on_progress: called (on the worker thread) at most every `refresh_interval` seconds
            during a run, to refresh displays.
        on_stop: called with the :class:`RunResult` when a run ends (worker thread).
        on_error: called with an exception raised by the machine or a queued request.
    """

    def __init__(self, machine, *, on_progress: Callable[[], None] | None = None,
                 on_stop: Callable[[RunResult], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 refresh_interval: float = 0.25, slice_seconds: float = 0.05):
        self.machine = machine
        self.on_progress = on_progress
        self.on_stop = on_stop
        self.on_error = on_error
        self.refresh_interval = refresh_interval
        self.slice_seconds = slice_seconds
        self.last: RunResult | None = None
        self._lock = threading.RLock()
        self._calls: list[Callable[[], None]] = []
        self._stop_requested = False
        self._thread: threading.Thread | None = None
        self._running = False
        self._done = threading.Event()
        self._done.set()

    @property
    def running(self) -> bool:
        return self._running

    def start(self, budget: int | None = None) -> bool:
        """Start running (at most `budget` instructions); False if a run is already going."""
        with self._lock, _ACTIVE_LOCK:
            if self._running:
                return False
            if self.machine.program is None:
                from ..errors import VmlabError
                raise VmlabError("no program loaded: call load() first")
            other = _ACTIVE.get(self.machine)
            if other is not None and other is not self and other.running:
                raise RuntimeError("this machine is already running (in another panel): pause it first")
            _ACTIVE[self.machine] = self
            self._running = True
            self._stop_requested = False
            self._done.clear()
            self._thread = threading.Thread(target=self._work, args=(budget,),
                                            name="vmlab-runner", daemon=True)
            self._thread.start()
            return True

    def pause(self) -> None:
        """Ask the current run to stop at the next slice boundary (no-op when idle)."""
        self._stop_requested = True
        if self._running:
            self.machine.pause()

    def call(self, fn: Callable[[], None]) -> None:
        """Run `fn` now when idle, or on the worker between two slices during a run."""
        with self._lock:
            if self._running:
                self._calls.append(fn)
                return
        fn()

    def wait(self, timeout: float | None = None) -> RunResult | None:
        """Block until the current run ends (for tests and scripts, not for callbacks)."""
        self._done.wait(timeout)
        return self.last

    # -- worker thread --------------------------------------------------------------------------
    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._calls:
                    return
                fn = self._calls.pop(0)
            try:
                fn()
            except Exception as e:  # noqa: BLE001
                self._report(e)

    def _report(self, e: BaseException) -> None:
        if self.on_error is not None:
            self.on_error(e)

    def _work(self, budget: int | None) -> None:
        last_refresh = time.perf_counter()

        def between():
            nonlocal last_refresh
            self._drain()
            now = time.perf_counter()
            if self.on_progress is not None and now - last_refresh >= self.refresh_interval:
                last_refresh = now
                try:
                    self.on_progress()
                except Exception as e:  # noqa: BLE001
                    self._report(e)

        result = None
        try:
            result = run_sliced(self.machine, budget, should_stop=lambda: self._stop_requested,
                                between=between, slice_seconds=self.slice_seconds)
            self.last = result
        except Exception as e:  # noqa: BLE001 - a bug in a backend must not kill the panel silently
            self._report(e)
        finally:
            with self._lock:
                self._running = False
            self._drain()
            try:
                if result is not None and self.on_stop is not None:
                    self.on_stop(result)
            except Exception as e:  # noqa: BLE001
                self._report(e)
            finally:
                self._done.set()
