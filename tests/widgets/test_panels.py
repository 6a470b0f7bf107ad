"""Widget panels without a browser: plain data functions, and panels driven by Button.click()."""
from __future__ import annotations

import html
import re
import time

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")

from vmlab import Machine, StopKind, StopReason, assemble, backends  # noqa: E402
from vmlab.backends.interp import InterpBackend  # noqa: E402
from vmlab.widgets import (Compare, ConsolePanel, Debugger, MemoryPanel, RegistersPanel,  # noqa: E402
                           TranslationCache, block_rows, csr_rows, disagreements, listing_range,
                           listing_rows, memory_rows, parse_address, register_rows, run_sliced,
                           speed_rows, status_text)
from vmlab.widgets.blocks import block_source  # noqa: E402
from vmlab.widgets.console import console_html  # noqa: E402
from vmlab.widgets.compare import CompareResult, describe_disagreements  # noqa: E402
from vmlab.widgets.registers import RegSnapshot  # noqa: E402
from vmlab.widgets.runner import Runner  # noqa: E402

from .programs import COUNT, ECHO, FOREVER, STORES, TRAP  # noqa: E402

BACKENDS = backends.available()


def machine(text: str, backend: str = "interp", **kw) -> Machine:
    m = Machine(backend, ram_size=kw.pop("ram_size", 1 << 20), **kw)
    m.load(assemble(text, name="prog.s"))
    return m


# ---------------------------------------------------------------- test backends
class CopyBackend(InterpBackend):
    """A second backend (the interpreter under another name) for switching and Compare."""
    name = "interp-copy"


class WrongBackend(InterpBackend):
    """A buggy backend: corrupts t6 whenever it returns; Compare must notice."""
    name = "wrong"

    def run(self, budget):
        stop = super().run(budget)
        self.m.state.x[31] ^= 0x10
        return stop


class FakeTranslate(InterpBackend):
    """Stands in for the translate backend: a code cache with the assumed interface."""
    name = "fake-translate"

    @property
    def blocks(self):
        base = self.m.program.entry
        return {
            base: {"start": base, "end": base + 8, "count": 2, "executions": 1, "successors": [base + 8]},
            (base + 8, 0): type("Rec", (), {"pc": base + 8, "n": 3, "hits": 10,
                                            "chained": [{"start": base + 8}, {"start": base + 20}]})(),
        }

    @property
    def stats(self):
        return {"blocks translated": 2, "invalidations": 0}

    def source(self, pc):
        if pc == self.m.program.entry:
            return f"def block_{pc:08x}(s):\n    x = s.x  # generated\n    return {pc + 8:#x}\n"
        raise KeyError(pc)


@pytest.fixture
def extra_backends(monkeypatch):
    for cls in (CopyBackend, WrongBackend, FakeTranslate):
        monkeypatch.setitem(backends.REGISTRY, cls.name, (cls.__module__, cls.__name__, "test"))
    return [CopyBackend.name, WrongBackend.name, FakeTranslate.name]


# ---------------------------------------------------------------- plain data functions
def test_register_rows_values_and_changes():
    m = machine(COUNT)
    before = RegSnapshot.of(m)
    m.step(3)
    rows = register_rows(m.state, before)
    assert [r.name for r in rows[:3]] == ["zero", "ra", "sp"]
    a0 = rows[10]
    assert (a0.xname, a0.name, a0.value, a0.changed) == ("x10", "a0", 1, True)
    assert rows[5].name == "t0" and rows[5].value == 10 and rows[5].changed
    assert not rows[2].changed                       # sp untouched
    m.regs.a1 = -5
    r = register_rows(m.state)[11]
    assert (r.hex, r.signed, r.unsigned, r.changed) == ("0xfffffffb", -5, 0xFFFFFFFB, False)


def test_csr_rows_notes_and_changes():
    rows = csr_rows({"mstatus": 0x1888, "mcause": 5, "mtvec": 0x80000101}, {"mstatus": 0, "mcause": 5})
    by = {r.name: r for r in rows}
    assert by["mstatus"].changed and "MIE=1" in by["mstatus"].note and "MPP=M" in by["mstatus"].note
    assert not by["mcause"].changed and by["mcause"].note == "load access fault"
    assert by["mtvec"].note == "vectored" and not by["mtvec"].changed


def test_memory_rows_bytes_words_changes_ascii_sp():
    data = bytes(range(0x41, 0x41 + 32))
    prev = bytearray(data)
    prev[5] = 0
    rows = memory_rows(data, 0x1000, previous=bytes(prev), sp=0x1004)
    assert len(rows) == 2 and rows[0].addr == 0x1000 and rows[1].addr == 0x1010
    assert rows[0].ascii == "ABCDEFGHIJKLMNOP"
    assert [c.text for c in rows[0].cells[:3]] == ["41", "42", "43"]
    assert [c.changed for c in rows[0].cells[:7]] == [False] * 5 + [True, False]
    assert rows[0].cells[4].at_sp and not rows[0].cells[5].at_sp
    words = memory_rows(data, 0x1000, unit=4, previous=bytes(prev), sp=0x1004)
    assert words[0].cells[0].text == "0x44434241" and len(words[0].cells) == 4
    assert words[0].cells[1].changed and words[0].cells[1].at_sp and not words[0].cells[0].changed
    assert memory_rows(b"\x00\x7f\x80", 0)[0].ascii == "..."


def test_parse_address():
    m = machine(STORES)
    buf = m.symbol("buf")
    assert parse_address("0x80000010", m) == 0x80000010
    assert parse_address("4096", m) == 4096
    assert parse_address("buf", m) == buf
    assert parse_address(" buf + 0x10 ", m) == buf + 16
    assert parse_address("sp-16", m) == m.regs.sp - 16
    assert parse_address("pc", m) == m.pc
    assert parse_address("a0+4", m) == 4
    with pytest.raises(KeyError, match="did you mean 'buf'"):
        parse_address("bfu", m)
    with pytest.raises(ValueError, match="cannot read"):
        parse_address("buf ** 2", m)
    with pytest.raises(ValueError):
        parse_address("  ", m)


def test_listing_rows_have_disassembly_source_and_labels():
    m = machine(COUNT)
    lo, hi = listing_range(m)
    assert (lo, hi) == m.program.text_range
    rows = listing_rows(m, lo, hi)
    assert len(rows) == 7
    loop = m.symbol("loop")
    r = next(r for r in rows if r.addr == loop)
    assert r.text == "addi a0, a0, 1" and r.label == "loop"
    assert r.source == "addi a0, a0, 1" and r.where == "prog.s:5"     # label shown on its own row
    assert rows[4].text.startswith("bnez t0, 0x")
    la = listing_rows(machine(ECHO), *listing_range(machine(ECHO)))
    assert [(r.text.split()[0], r.source, r.where) for r in la[:2]] == [
        ("auipc", "la   a0, prompt", "prog.s:2"), ("addi", "", "prog.s:2")]    # objdump -S style
    m.pc = m.bus.base + 0x8000                       # outside the text: a window around pc
    lo, hi = listing_range(m)
    assert lo < m.pc < hi and hi - lo == 4 * 64


def test_status_text():
    m = machine(COUNT)
    assert status_text(m, None) == ("ready", "ready · 0 instructions retired · interp")
    stop = m.run()
    kind, text = status_text(m, stop)
    assert kind == "exited" and text.startswith("exited with code 10 · 33 instructions retired")
    kind, text = status_text(m, None, running=True, live=(1_000_000, 0.5))
    assert kind == "running" and "2.00 MIPS" in text


def test_run_sliced_reports_a_breakpoint_at_a_slice_boundary():
    m = machine(COUNT)
    loop = m.symbol("loop")
    m.add_breakpoint(loop)
    seen = []
    for _ in range(4):                               # 1-instruction slices: every boundary is tested
        r = run_sliced(m, first_slice=1, slice_seconds=1e-9, yield_seconds=0)
        seen.append((r.stop.kind, m.pc, m.regs.a0))
    assert seen == [(StopKind.BREAKPOINT, loop, i) for i in range(4)]


def test_runner_calls_between_slices_and_reports_their_errors():
    m = machine(FOREVER)
    errors, progress, stops = [], [], []
    r = Runner(m, on_progress=lambda: progress.append(m.instret), on_stop=stops.append,
               on_error=errors.append, refresh_interval=0.02)
    seen = []
    r.call(lambda: seen.append("idle"))              # idle: runs at once
    assert seen == ["idle"]
    assert r.start() and not r.start()               # a second start while running is refused
    r.call(lambda: seen.append(r.running))           # running: between two slices, on the worker
    r.call(lambda: 1 / 0)
    time.sleep(0.3)
    r.pause()
    result = r.wait(5)
    assert seen == ["idle", True] and isinstance(errors[0], ZeroDivisionError)
    assert len(progress) >= 2 and progress == sorted(progress)     # refreshed during the run
    assert stops == [result] and result.stop.kind is StopKind.PAUSED and result.mips > 0
    assert result.instructions == m.instret and result.seconds <= result.wall


# ---------------------------------------------------------------- the Debugger
def test_debugger_step_three_times_matches_machine():
    m = machine(COUNT)
    ref = machine(COUNT)
    ref.step(3)
    d = Debugger(m)
    for _ in range(3):
        d.buttons["step"].click()
    assert m.pc == ref.pc and d.listing.pc == ref.pc
    assert f"0x{ref.pc:08x}" in d.registers.pc_line.value
    assert ("<td class='vmlab-xname'>x10</td><td class='vmlab-abi'>a0</td>"
            "<td class='vmlab-value'>0x00000001</td>") in d.registers.table.value
    changed = [r.name for r in d.registers.rows if r.changed]
    assert changed == ["a0"]                         # the third step changed only a0
    assert "step limit" in d.status.value and "3 instructions retired" in d.status.value
    assert not d.error.message


def test_debugger_listing_shows_program_with_source():
    m = machine(COUNT)
    d = Debugger(m)
    texts = [r["text"] for r in d.listing.rows]
    assert texts[:3] == ["li a0, 0", "li t0, 10", "addi a0, a0, 1"]
    assert d.listing.rows[2]["label"] == "loop" and "prog.s:5" == d.listing.rows[2]["where"]
    assert d.listing.pc == m.program.entry


def test_clicking_a_listing_line_toggles_a_breakpoint_and_run_stops_there():
    m = machine(COUNT)
    d = Debugger(m)
    done = m.symbol("done")
    d.listing.click(done)
    assert m.breakpoints == {done} and d.listing.breakpoints == [done]
    d.listing._handle_custom_msg({"event": "toggle", "addr": done}, [])   # what the browser sends
    assert m.breakpoints == set() and d.listing.breakpoints == []
    d.listing._handle_custom_msg({"event": "toggle", "addr": done}, [])
    d.buttons["run"].click()
    stop = d.wait(10)
    assert stop.kind is StopKind.BREAKPOINT and m.pc == done and m.regs.a0 == 10
    assert d.listing.pc == done
    assert "breakpoint at" in d.status.value
    d.buttons["run"].click()                         # continue past it to the exit
    assert d.wait(10).kind is StopKind.EXITED


@pytest.mark.parametrize("backend", BACKENDS)
def test_pause_stops_an_infinite_loop(backend):
    m = machine(FOREVER, backend)
    d = Debugger(m, refresh_interval=0.05)
    d.buttons["run"].click()
    assert d.running and d.buttons["pause"].disabled is False and d.buttons["step"].disabled
    time.sleep(0.4)
    assert d.running, "an infinite loop must still be running"
    assert "running on" in d.status.value            # refreshed during the run
    t = time.perf_counter()
    d.buttons["pause"].click()
    stop = d.wait(5)
    assert time.perf_counter() - t < 2
    assert stop is not None and stop.kind is StopKind.PAUSED
    assert m.pc in (m.symbol("spin"), m.symbol("spin") + 4, m.symbol("spin") + 8)
    assert m.instret > 1000
    assert d.buttons["pause"].disabled and not d.buttons["run"].disabled
    assert "paused" in d.status.value and "MIPS" in d.status.value
    a0 = m.regs.a0
    d.buttons["step"].click()                        # the machine still works after a pause
    assert m.instret > 1000 and (m.regs.a0 != a0 or m.regs.a1 or m.pc)


def test_kernel_thread_stays_free_during_a_run():
    m = machine(FOREVER)
    d = Debugger(m)
    d.run()
    try:
        t = time.perf_counter()
        n = 0
        while time.perf_counter() - t < 0.3:         # the "kernel" keeps doing work meanwhile
            n += 1
            time.sleep(0.001)
        assert n > 20                               # the GIL is handed over every few ms
        d.toggle_breakpoint(m.symbol("spin"))        # queued, done between two slices
        stop = d.wait(5)
        assert stop.kind is StopKind.BREAKPOINT and m.pc == m.symbol("spin")
    finally:
        d.pause()
        d.wait(5)


def test_two_panels_never_run_one_machine_at_once():
    m = machine(FOREVER)
    a, b = Debugger(m), Debugger(m)
    a.run()
    try:
        b.run()
        assert "already running" in b.error.message
        b.step()
        assert "press Pause first" in b.error.message
        assert b.running
        b.pause()                                    # pauses the run started by the other panel
        assert a.wait(5).kind is StopKind.PAUSED
    finally:
        a.pause()
        a.wait(5)
    assert not b.running
    b.step()
    assert m.instret > 1


def test_debugger_follows_runs_made_from_code_when_the_machine_has_stop_listeners():
    m = machine(COUNT)
    if not hasattr(m, "stop_listeners"):
        m.stop_listeners = []                        # the proposed Machine hook, simulated

        def notify(stop):
            for fn in list(m.stop_listeners):
                fn(m, stop)
    else:
        def notify(stop):
            pass                                     # the Machine calls the listeners itself
    d = Debugger(m)
    assert len(m.stop_listeners) == 1
    stop = m.run(max_steps=3)                        # a run from a notebook cell, not from the panel
    notify(stop)
    assert d.listing.pc == m.pc and "step limit" in d.status.value
    d.buttons["step"].click()                        # the panel's own step does not refresh twice
    assert d.listing.pc == m.pc
    d.close()                                        # a closed panel unsubscribes
    assert m.stop_listeners == []


def test_step_n_small_and_large():
    m = machine(FOREVER)
    d = Debugger(m)
    d.steps.value = 5
    d.buttons["step_n"].click()
    assert m.instret == 5 and not d.running
    d.steps.value = 100_000                          # large: sliced on the worker
    d.buttons["step_n"].click()
    stop = d.wait(30)
    assert stop.kind is StopKind.STEP_LIMIT and m.instret == 100_005


def test_step_back_and_reset():
    m = machine(COUNT, history=100)
    d = Debugger(m)
    assert not d.buttons["step_back"].disabled
    for _ in range(3):
        d.buttons["step"].click()
    pc3 = m.pc
    d.buttons["step_back"].click()
    assert m.instret == 2 and m.pc == m.symbol("loop") and m.regs.a0 == 0
    assert f"stepped back 1 instruction to pc 0x{m.pc:08x}" in d.status.value
    d.buttons["step"].click()
    assert m.pc == pc3
    d.buttons["reset"].click()
    assert m.instret == 0 and m.pc == m.program.entry and d.listing.pc == m.pc
    assert not any(r.changed for r in d.registers.rows)


def test_step_back_without_history_is_disabled_and_explains():
    m = machine(COUNT)
    d = Debugger(m)
    assert d.buttons["step_back"].disabled
    d.step_back()
    assert "history" in d.error.message


def test_backend_selector_switches_backend(extra_backends):
    m = machine(COUNT)
    d = Debugger(m)
    assert "interp-copy" in d.backend_select.options
    d.backend_select.value = "interp-copy"
    assert m.backend_name == "interp-copy"
    d.buttons["run"].click()
    assert d.wait(10).kind is StopKind.EXITED and m.regs.a0 == 10
    assert "interp-copy" in d.status.value


def test_backend_switch_during_a_run(extra_backends):
    m = machine(FOREVER)
    d = Debugger(m)
    d.run()
    try:
        time.sleep(0.1)
        d.backend_select.value = "interp-copy"       # applied between two slices
        for _ in range(100):
            if m.backend_name == "interp-copy":
                break
            time.sleep(0.02)
        assert m.backend_name == "interp-copy" and d.running
    finally:
        d.pause()
        assert d.wait(5).kind is StopKind.PAUSED


def test_trap_shows_in_status():
    m = machine(TRAP)
    d = Debugger(m)
    d.buttons["run"].click()
    stop = d.wait(10)
    assert stop.kind is StopKind.TRAP
    assert "vmlab-stop-trap" in d.status.value and "load access fault" in d.status.value
    assert not d.error.message                       # a guest fault is a stop, not an error


def test_assembler_error_in_editor_is_shown_readably():
    m = machine(COUNT)
    d = Debugger(m)
    assert "bnez t0, loop" in d.source.value        # the editor holds the program's source
    d.source.value = COUNT.replace("addi t0, t0, -1", "addx t0, t0, -1")
    d.buttons["load"].click()
    assert "AssemblerError" in d.error.message and "addx" in d.error.message
    assert "traceback" not in d.error.value          # expected errors: no traceback
    d.source.value = FOREVER
    d.buttons["load"].click()
    assert not d.error.message and d.listing.rows[1]["label"] == "spin"


def test_unexpected_error_in_a_callback_shows_message_and_traceback(monkeypatch):
    m = machine(COUNT)
    d = Debugger(m)

    def broken(n=1):
        raise ZeroDivisionError("backend bug")
    monkeypatch.setattr(m, "step", broken)
    d.buttons["step"].click()                        # must not raise out of the callback
    assert d.error.message == "ZeroDivisionError: backend bug"
    assert "<details><summary>traceback</summary>" in d.error.value


def test_runner_reports_errors_of_the_machine():
    m = machine(FOREVER)
    d = Debugger(m)

    def broken(**kw):
        raise RuntimeError("crash inside run")
    m.run = broken
    d.buttons["run"].click()
    d.wait(5)
    assert "crash inside run" in d.error.message and not d.running


def test_debugger_without_a_program():
    d = Debugger(Machine(ram_size=1 << 20))
    assert "no program loaded" in d.status.value and d.buttons["run"].disabled
    d.run()
    assert "no program loaded" in d.error.message
    d.load(COUNT)
    assert d.listing.rows and not d.buttons["run"].disabled


def test_console_input_resumes_a_run_waiting_for_input():
    m = machine(ECHO)
    d = Debugger(m)
    d.buttons["run"].click()
    stop = d.wait(10)
    assert stop.kind is StopKind.INPUT
    assert "name? " in d.console.out.value and "waiting for input" in d.console.note.value
    assert "vmlab-console-waiting" in d.console.input._dom_classes
    d.console.input.value = "bob"                    # what pressing Enter in the box does
    stop = d.wait(10)
    assert stop.kind is StopKind.EXITED and stop.code == 0
    assert m.console.output == "name? hello, bob\n"
    assert "<span class='vmlab-echo'>bob\n</span>" in d.console.out.value
    assert "vmlab-console-waiting" not in d.console.input._dom_classes


def test_console_html_interleaves_input_and_keeps_the_tail():
    assert console_html("name? hi\n", [(6, "bo<b>\n")]) == (
        "<div class='vmlab-console-out'><pre>name? <span class='vmlab-echo'>bo&lt;b&gt;\n</span>hi\n</pre></div>")
    html = console_html("x" * 50 + "END", [(2, "early"), (52, "late")], limit=10)
    assert html == ("<div class='vmlab-console-out'><pre>&#8230;xxxxxxxEN"
                    "<span class='vmlab-echo'>late</span>D</pre></div>")      # the last 10 characters


def test_console_panel_alone_resumes_itself():
    m = machine(ECHO)
    c = ConsolePanel(m)
    assert m.run().kind is StopKind.INPUT
    c.refresh()
    c.send("ann")
    c._runner.wait(10)
    assert m.last_stop.kind is StopKind.EXITED and "hello, ann" in c.out.value


def test_memory_panel_goto_views_changes_and_errors():
    m = machine(STORES)
    p = MemoryPanel(m)
    buf = m.symbol("buf")
    assert p.shown_start == buf & ~15
    m.run()                                          # the panel refreshes when the machine stops
    changed = [c.addr for row in p.rows for c in row.cells if c.changed]
    assert changed == [buf + 3]                      # the sb into buf
    assert "0x%08x" % (buf + 3) in p.table.value
    p.follow_sp.value = True                         # the stack frame, with both stores
    assert p.shown_start <= m.regs.sp < p.shown_start + 256     # (clamped to the end of RAM)
    p.view.value = 4
    cells = {c.addr: c for row in p.rows for c in row.cells}
    assert cells[m.regs.sp].text == "0x41424344" and cells[m.regs.sp + 4].text == "0xffffffff"
    assert p.address.value == ""
    p.address.value = "nosuch"                       # typed + Enter
    assert "no symbol 'nosuch'" in p.error.message
    p.goto("0x10")
    assert "outside RAM" in p.error.message
    p.goto("buf+4")
    assert not p.error.message and p.shown_start == (buf + 4) & ~15 and not p.follow_sp.value


def test_memory_panel_at_the_initial_sp_and_highlights_from_the_start():
    m = machine(STORES)
    p = MemoryPanel(m, "sp")                         # sp = end of RAM before the first push
    assert not p.error.message and p.shown_start + 256 == m.bus.base + m.bus.size
    m.run()
    changed = sorted(c.addr for row in p.rows for c in row.cells if c.changed)
    assert changed == list(range(m.regs.sp, m.regs.sp + 8))


def test_debugger_memory_highlights_writes_since_last_stop():
    m = machine(STORES)
    d = Debugger(m)
    d.memory.follow_sp.value = True
    d.step(3)                                        # addi sp; li t0 (lui+addi); ...
    d.step(2)
    changed = {c.addr for row in d.memory.rows for c in row.cells if c.changed}
    assert changed and all(m.regs.sp <= a < m.regs.sp + 4 for a in changed)
    d.step(1)
    assert not {c.addr for row in d.memory.rows for c in row.cells if c.changed} & changed


def test_registers_panel_alone_and_unsigned_toggle():
    m = machine(COUNT)
    p = RegistersPanel(m)
    m.regs.a1 = -2
    p.refresh()
    assert "<td class='vmlab-value'>0xfffffffe</td>" in p.table.value
    assert "title='a1 = x11 = 0xfffffffe = -2 = 4294967294'" in p.table.value
    p.format.value = "signed"
    assert "<td class='vmlab-value'>-2</td>" in p.table.value
    p.format.value = "unsigned"
    assert "<td class='vmlab-value'>4294967294</td>" in p.table.value
    assert "data-csr='mstatus'" in p.csr_table.value


# ---------------------------------------------------------------- Compare
def test_compare_plain_functions():
    ok = CompareResult("interp", StopReason(StopKind.EXITED, 0, code=0), 1000, 0.5, (0,) * 32, 4, "hi")
    fast = CompareResult("cython", StopReason(StopKind.EXITED, 0, code=0), 1000, 0.05, (0,) * 32, 4, "hi")
    bad = CompareResult("translate", StopReason(StopKind.EXITED, 0, code=1), 1000, 0.1,
                        (0,) * 10 + (7,) + (0,) * 21, 4, "ho")
    assert disagreements([ok, fast]) == {}
    d = disagreements([ok, fast, bad])
    assert list(d) == ["translate"]
    assert any("a0 0x7 vs 0x0" in x for x in d["translate"]) and any("output" in x for x in d["translate"])
    assert "translate differs from interp" in describe_disagreements([ok, bad])[0]
    rows = speed_rows([ok, fast, bad])
    assert [round(r["speedup"], 2) for r in rows] == [1.0, 10.0, 5.0]
    assert rows[1]["mips"] == pytest.approx(0.02)


def test_compare_panel_agrees_and_charts(extra_backends):
    c = Compare(COUNT, backends=["interp", "interp-copy"], autostart=False)
    c.start_button.click()
    results = c.wait(30)
    assert [r.backend for r in results] == ["interp", "interp-copy"]
    assert all(r.exit_code == 10 and r.instructions == 33 for r in results)
    assert "all 2 backends agree" in c.verdict.value and "exited with code 10" in c.verdict.value
    assert c.rows[0]["speedup"] == 1.0 and c.rows[1]["speedup"] > 0
    assert "speed-up vs interp" in c.table.value and c.table.value.count("vmlab-ok") == 2
    assert c.chart.value[:4] == b"\x89PNG"
    assert c.progress.value == 1.0 and not c.running


def test_compare_panel_finds_a_wrong_backend(extra_backends):
    c = Compare(assemble(COUNT), backends=["interp", "wrong"])       # autostart
    c.wait(30)
    assert c.problems and c.problems[0].startswith("wrong differs from interp: registers t6")
    assert "the backends disagree" in c.verdict.value and "vmlab-bad" in c.table.value


def test_compare_stop_on_an_infinite_loop():
    c = Compare(FOREVER, backends=["interp", "interp"])
    time.sleep(0.3)
    assert c.running
    c.stop_button.click()
    results = c.wait(10)
    assert not c.running and len(results) == 1 and results[0].stop.kind is StopKind.PAUSED


def test_compare_shows_load_errors():
    c = Compare("li a0, 1\nfrobnicate a0\n", autostart=False)
    assert "AssemblerError" in c.error.message and c.start_button.disabled


def test_compare_unknown_backend_is_reported():
    c = Compare(COUNT, backends=["interp", "nonesuch"])
    c.wait(30)
    assert any("nonesuch" in p for p in c.problems)
    assert c.rows[1]["outcome"].startswith("error: unknown backend")


# ---------------------------------------------------------------- TranslationCache
def test_block_rows_from_the_assumed_interface(extra_backends):
    m = machine(COUNT, "fake-translate")
    rows = block_rows(m.backend)
    e = m.program.entry
    assert [(r.start, r.end, r.count, r.executions) for r in rows] == [(e + 8, e + 20, 3, 10), (e, e + 8, 2, 1)]
    assert rows[0].successors == (e + 8, e + 20) and rows[1].successors == (e + 8,)
    assert "def block_" in block_source(m.backend, rows[1])
    assert block_source(m.backend, rows[0]).startswith("# no generated source")
    assert block_rows(object()) == []


def test_translation_cache_panel(extra_backends):
    m = machine(COUNT)
    p = TranslationCache(m)
    assert "has no translation cache" in p.summary.value and p.use_translate.layout.display == ""
    m.backend = "fake-translate"
    p.refresh_button.click()
    assert "2 blocks" in p.summary.value and "blocks translated 2" in p.summary.value
    assert len(p.select.options) == 2
    p.select.value = 1                               # the entry block: source available
    assert "li a0, 0" in p.code.value and "block_" in p.code.value and "generated Python" in p.code.value


@pytest.mark.skipif("translate" not in BACKENDS, reason="the translate backend is not available yet")
def test_translation_cache_on_the_real_translator():
    m = machine(COUNT, "translate")
    assert m.run().code == 10
    p = TranslationCache(m)
    assert p.rows and not p.error.message
    loop = next(r for r in p.rows if r.start == m.symbol("loop"))
    assert loop.count == 3 and loop.executions == 9     # the 1st iteration is in _start's block
    p.select.value = p.rows.index(loop)
    text = html.unescape(re.sub(r"<[^>]+>", "", p.code.value))      # without pygments' spans
    assert "addi a0, a0, 1" in text and "def tb_" in text and not p.error.message


SWITCH = """
        .globl main
main:   li   s1, 64
        la   s2, table
loop:   andi t0, s1, 1
        slli t0, t0, 2
        add  t0, t0, s2
        lw   t0, 0(t0)
        jr   t0
odd:    addi a0, a0, 1
        j    next
even:   addi a0, a0, 2
next:   addi s1, s1, -1
        bnez s1, loop
        ret
        .data
table:  .word even, odd
"""


@pytest.mark.skipif("translate" not in BACKENDS, reason="the translate backend is not available yet")
def test_translation_cache_shows_where_a_computed_jump_went():
    m = machine(SWITCH, "translate")
    assert m.run().code == 96
    p = TranslationCache(m)
    row = next(r for r in p.rows if r.start == m.symbol("loop"))
    assert set(row.jumps) == {m.symbol("odd"), m.symbol("even")}
    p.select.value = p.rows.index(row)
    text = html.unescape(re.sub(r"<[^>]+>", "", p.code.value))
    assert f"computed jump seen going to: {row.jumps[0]:#x}, {row.jumps[1]:#x}" in text


def test_standalone_panels_follow_the_machine_and_the_debugger_refreshes_its_own():
    m = machine(COUNT)
    regs, mem = RegistersPanel(m), MemoryPanel(m, "sp", rows=2)
    pc_before = regs.rows and regs.pc_line.value
    assert len(m.stop_listeners) == 2
    d = Debugger(m)
    assert len(m.stop_listeners) == 3              # one for the debugger, none for its sub-panels
    m.step(3)                                      # a run made in a cell, not by a panel
    assert regs.pc_line.value != pc_before and f"{m.pc:08x}" in regs.pc_line.value
    assert f"{m.pc:08x}" in d.registers.pc_line.value
    regs.close()
    m.step(1)                                      # a closed panel's hook goes away
    assert len(m.stop_listeners) == 2
    mem.close(), d.close()


def test_debugger_after_exit_and_after_step_back_says_where_it_is():
    m = Machine("interp", history=10)
    m.load(assemble(".globl _start\n_start:\n li a0, 5\n li t0, 7\n li a7, 93\n ecall\n"))
    d = Debugger(m)
    m.step(3)
    m.step_back(2)                       # in a cell: the step-limit stop no longer applies
    assert m.last_stop is None and "stepped back to pc 0x80000004" in d.status.value
    d.run()
    d.wait()
    assert m.last_stop.kind is StopKind.EXITED
    d.step()                             # nothing left to run: said, not silently ignored
    assert "exited" in d.error.message and "Reset" in d.error.message
    d.reset()
    d.step()
    assert not d.error.message and m.pc == 0x80000004
