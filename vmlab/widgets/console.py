"""The console panel: what the program wrote, and an input box that feeds its read system calls.

A run that stopped because a read found no input (``StopKind.INPUT``) resumes when input is
given. The text typed is shown in the output where the program read it, as a terminal echoes.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as W

from ..stops import StopKind
from .common import ErrorBox, esc, guarded, panel_repr, style_widget

MAX_SHOWN = 20_000          # characters of output kept in the view (the machine keeps all)


def console_html(output: str, echoes: list[tuple[int, str]] = (), limit: int = MAX_SHOWN) -> str:
    """The last `limit` characters of the output, with the typed input (`echoes`: (position in
    the output, text)) interleaved where the program read it."""
    start = max(0, len(output) - limit)
    parts = ["&#8230;"] if start else []
    pos = start
    for at, text in echoes:
        if at < start:
            continue
        at = min(at, len(output))
        parts.append(esc(output[pos:at]))
        parts.append(f"<span class='vmlab-echo'>{esc(text)}</span>")
        pos = at
    parts.append(esc(output[pos:]))
    return f"<div class='vmlab-console-out'><pre>{''.join(parts)}</pre></div>"


class ConsolePanel(W.VBox):
    """The guest's console.

    Args:
        machine: the Machine.
        resume: called after input is given when the last run stopped waiting for input
            (the Debugger passes its Run). By default the panel resumes the run itself, in
            slices on a worker thread.
    """

    def __repr__(self) -> str:
        return panel_repr(self, self.machine)

    def __init__(self, machine, *, resume: Callable[[], None] | None = None, **kw):
        super().__init__(**kw)
        self.machine = machine
        self.error = ErrorBox()
        self._resume = resume
        self._runner = None
        self.echoes: list[tuple[int, str]] = []
        self.out = W.HTML()
        self.out.add_class("vmlab-console")
        self.input = W.Text(placeholder="input for the program (Enter sends)", continuous_update=False,
                            layout=W.Layout(flex="1 1 120px", width="auto", min_width="100px"))
        self.input.add_class("vmlab-console-input")
        self.newline = W.Checkbox(value=True, description="newline", indent=False,
                                  layout=W.Layout(width="76px"), tooltip="end the input with a newline")
        self.send_button = W.Button(description="Send", layout=W.Layout(width="56px"))
        self.send_button.add_class("vmlab-console-send")
        self.note = W.HTML()
        self.note.add_class("vmlab-console-note")
        self.send_button.on_click(lambda _b: self.send())
        self.input.observe(lambda c: self.send() if c["new"] else None, names="value")
        row = W.HBox([self.input, self.send_button, self.newline], layout=W.Layout(flex_flow="row wrap"))
        row.add_class("vmlab-console-row")
        self.add_class("vmlab-console-panel")
        self.add_class("vmlab-panel")
        self.children = [style_widget(), self.error, self.out, self.note, row]
        self.refresh()

    @guarded
    def send(self, text: str | None = None) -> None:
        """Feed `text` (default: the input box) to the guest; resume a run waiting for input."""
        if text is None:
            text = self.input.value
        if self.newline.value and not text.endswith("\n"):
            text += "\n"
        m = self.machine
        m.console.feed(text)
        self.echoes.append((len(m.console.output), text))
        if self.input.value:
            self.input.value = ""
        self.error.clear()
        stop = m.last_stop
        if stop is not None and stop.kind is StopKind.INPUT:
            self._do_resume()
        else:
            self.refresh()

    def _do_resume(self) -> None:
        if self._resume is not None:
            self._resume()
            return
        from .runner import Runner
        if self._runner is None:
            self._runner = Runner(self.machine, on_progress=lambda: self.refresh(),
                                  on_stop=lambda _r: self.refresh(),
                                  on_error=self.error.show)
        self._runner.start()

    def clear(self) -> None:
        """Forget the echoed input (after a reset)."""
        self.echoes = []
        self.refresh()

    @guarded
    def refresh(self, live: bool = False) -> None:
        m = self.machine
        out = m.console.output
        if self.echoes and self.echoes[-1][0] > len(out):     # the machine was reset or restored
            self.echoes = [e for e in self.echoes if e[0] <= len(out)]
        self.out.value = console_html(out, self.echoes)
        stop = m.last_stop
        waiting = stop is not None and stop.kind is StopKind.INPUT
        if waiting:
            self.input.add_class("vmlab-console-waiting")
            self.note.value = "&#9998; the program is waiting for input: type it below and press Enter"
        else:
            self.input.remove_class("vmlab-console-waiting")
            pending = m.console.pending_input
            self.note.value = (f"<span class='vmlab-dim'>{len(pending)} bytes of input queued</span>"
                               if pending else "")
