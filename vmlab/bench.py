"""Benchmarks: fixed workloads on every available backend, medians and ratios from one run.

Backends take turns, round by round (see ROUND_SECONDS). Each workload checks its own result
(exit code 0). A backend that gets a wrong result or a different instruction count than the
reference is reported, not timed as if it were right.
"""
from __future__ import annotations

import gc
import math
import platform
import statistics
import time
from dataclasses import dataclass, field

from .backends import available, unavailable
from .machine import Machine
from .workloads import WORKLOADS


@dataclass
class BenchResult:
    workload: str
    backend: str
    instructions: int
    seconds: list[float] = field(default_factory=list)
    error: str | None = None
    stats: dict = field(default_factory=dict)      # what the last run added to the backend's stats (translate: cache, overhead)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def mips(self) -> float:
        return self.instructions / self.median / 1e6 if self.seconds and self.median > 0 else float("nan")


# Each round runs every backend in turn, so a slow spell of the (shared, noisy) host falls on
# all of them alike and the ratios between backends stay comparable. A backend whose runs are
# short (the compiled core: a few milliseconds) runs several times per round, until ROUND_SECONDS
# of runs, at most ROUND_RUNS: a median of five 2 ms runs moves by 10-20% from one bench to the
# next, as timeit and pyperf know (they repeat short statements for the same reason).
ROUND_SECONDS = 0.02
ROUND_RUNS = 50


class _Runner:
    """One backend's Machine for one workload: timed runs, each from a fresh load."""

    def __init__(self, program, backend: str):
        self.program = program
        self.result = BenchResult(getattr(program, "name", "?"), backend, 0)
        self.m = Machine(backend)

    def run(self) -> float:
        """One timed run (load and collect garbage first, untimed); its time, or inf on a
        wrong result (then recorded in result.error)."""
        m, res = self.m, self.result
        m.load(self.program)
        gc.collect()
        before = dict(getattr(m.backend, "stats", None) or {})
        t0 = time.perf_counter()
        stop = m.run(max_steps=2_000_000_000)
        dt = time.perf_counter() - t0
        if not stop.exited or stop.code != 0:
            res.error = f"wrong result: {stop}"
            return math.inf
        res.instructions = m.state.instret
        res.seconds.append(dt)
        # what this run added (a backend's counters may run on across loads)
        res.stats = {k: v - before.get(k, 0) if isinstance(v, (int, float)) and k in before else v
                     for k, v in (getattr(m.backend, "stats", None) or {}).items()}
        return dt

    def round(self, first: bool) -> None:
        """One round: one run in the first (it pays for first use: imports, generated code),
        then runs until ROUND_SECONDS have passed in them, at least one, at most ROUND_RUNS;
        none after a wrong result."""
        spent, k = 0.0, 0
        while not self.result.error:
            spent += self.run()
            k += 1
            if first or spent >= ROUND_SECONDS or k >= ROUND_RUNS:
                break


def run_one(program, backend: str, repeat: int) -> BenchResult:
    """`repeat` rounds of one backend on its own (run_bench interleaves backends)."""
    r = _Runner(program, backend)
    for i in range(repeat):
        r.round(first=i == 0)                  # (nothing once a run went wrong)
    return r.result


def run_bench(backends: list[str] | None = None, workloads: list[str] | None = None,
              repeat: int = 3, progress=None, extra=None) -> list[BenchResult]:
    """Every (workload, backend) pair: `repeat` rounds per workload, each round running every
    backend in turn (see ROUND_SECONDS); `extra` adds (name, Program) workloads."""
    names = backends or available()
    items = [(w.name, w.program()) for w in WORKLOADS if not workloads or w.name in workloads]
    items += list(extra or [])
    results = []
    for wname, prog in items:
        runners = [_Runner(prog, b) for b in names]
        for i in range(repeat):
            for r in runners:
                if i == 0 and progress:
                    progress(wname, r.result.backend)
                r.round(first=i == 0)
        for r in runners:
            r.result.workload = wname
        results += [r.result for r in runners]
    return results


def geomean(xs: list[float]) -> float:
    xs = [x for x in xs if x > 0 and not math.isnan(x)]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def format_results(results: list[BenchResult], repeat: int) -> str:
    backends = list(dict.fromkeys(r.backend for r in results))
    workloads = list(dict.fromkeys(r.workload for r in results))
    by = {(r.workload, r.backend): r for r in results}
    lines = [f"vmlab bench: {repeat} rounds, each running every backend in turn (runs shorter than "
             f"{ROUND_SECONDS * 1000:g} ms several times); medians of the runs; "
             f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}",
             f"{'workload':<10} {'backend':<10} {'instructions':>13} {'median s':>10} {'MIPS':>9} {'x interp':>9} {'runs':>5}"]
    for w in workloads:
        ref = by.get((w, "interp"))
        for b in backends:
            r = by.get((w, b))
            if r is None:
                continue
            if r.error:
                lines.append(f"{w:<10} {b:<10} {r.error}")
                continue
            note = ""
            if ref and not ref.error and ref.instructions != r.instructions:
                note = f"  (instruction count differs from interp: {ref.instructions})"
            ratio = ref.median / r.median if ref and not ref.error and r.median else float("nan")
            lines.append(f"{w:<10} {b:<10} {r.instructions:>13,} {r.median:>10.4f} {r.mips:>9.2f} {ratio:>9.2f} "
                         f"{len(r.seconds):>5}{note}")
    lines.append("")
    lines.append(f"{'geomean':<10} {'backend':<10} {'':>13} {'':>10} {'MIPS':>9} {'x interp':>9}")
    for b in backends:
        ms = [by[(w, b)].mips for w in workloads if (w, b) in by and not by[(w, b)].error]
        rs = [by[(w, "interp")].median / by[(w, b)].median for w in workloads
              if (w, b) in by and (w, "interp") in by and not by[(w, b)].error and not by[(w, "interp")].error]
        lines.append(f"{'':<10} {b:<10} {'':>13} {'':>10} {geomean(ms):>9.2f} {geomean(rs):>9.2f}")
    details = [r for r in results if not r.error and "seconds translating" in r.stats]
    if details:
        lines.append("")
        lines.append("translation (last run of each): share of the run spent translating, cache hit rate "
                     "(lookups that found code), share of instructions interpreted, and MIPS with the "
                     "time spent translating left out (what the run would reach if translating were free)")
        lines.append(f"{'workload':<10} {'backend':<10} {'translating':>11} {'hit rate':>9} {'interpreted':>11} "
                     f"{'translations':>12} {'guest insns':>11} {'MIPS w/o':>9}")
        free: dict[str, list[float]] = {}
        for r in details:
            st = r.stats
            last = r.seconds[-1] if r.seconds else float("nan")
            look = st.get("cache hits", 0) + st.get("cache misses", 0)
            hit = st.get("cache hits", 0) / look if look else float("nan")
            interp = st.get("instructions interpreted", 0) / r.instructions if r.instructions else float("nan")
            rest = last - st["seconds translating"]
            mips = r.instructions / rest / 1e6 if rest > 0 else float("nan")
            free.setdefault(r.backend, []).append(mips)
            lines.append(f"{r.workload:<10} {r.backend:<10} {st['seconds translating'] / last:>11.1%} {hit:>9.1%} "
                         f"{interp:>11.1%} {st.get('translations', 0):>12,} {st.get('guest instructions translated', 0):>11,} "
                         f"{mips:>9.2f}")
        for b, ms in free.items():
            lines.append(f"{'geomean':<10} {b:<10} {'':>11} {'':>9} {'':>11} {'':>12} {'':>11} {geomean(ms):>9.2f}")
    for name, why in unavailable().items():
        lines.append(f"unavailable: {name}: {why}")
    return "\n".join(lines)


def bytecodes_per_instruction(backend: str, program, warmup: int = 1000, steps: int | None = None) -> float:
    """Python bytecodes executed per guest instruction on `backend`: the program runs `warmup`
    instructions first (to fill caches and translate what is hot), then up to `steps` more
    (to the end if None) under a tracer that counts every bytecode. Load-independent, unlike
    a timing, but the tracer makes the run about 50 times slower: keep `steps` modest."""
    import sys

    m = Machine(backend)
    m.load(program)
    m.run(max_steps=warmup)
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return tracer

    start = m.state.instret
    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        m.run(max_steps=steps if steps is not None else 2_000_000_000)
    finally:
        sys.settrace(old)
    done = m.state.instret - start
    if not done:
        raise ValueError(f"{getattr(program, 'name', 'the program')} ended within the {warmup} warm-up instructions")
    return count / done
