"""Shared pieces of the panels: the stylesheet, the error box and the callback guard.

Every panel puts a hidden ``<style>`` element (:func:`style_widget`) among its children, so
the panels look right alone or together, in JupyterLab, Notebook 7 and Voila. The CSS uses
JupyterLab's theme variables (with fallbacks), so light and dark themes both work.
"""
from __future__ import annotations

import functools
import html
import threading
import traceback
import weakref

import ipywidgets as W

from ..errors import VmlabError

MONO = "var(--jp-code-font-family, 'DejaVu Sans Mono', Menlo, Consolas, monospace)"

CSS = """
.vmlab-panel { font-size: 12px; }
.vmlab-mono, .vmlab-regs, .vmlab-mem, .vmlab-status, .vmlab-console-out, .vmlab-blocks-code,
.vmlab-compare-table { font-family: %(mono)s; font-size: 12px; }
.vmlab-title { font-weight: bold; margin: 2px 0 2px 2px; font-family: sans-serif; font-size: 12px;
  color: var(--jp-ui-font-color1, #333); }
.vmlab-status { padding: 3px 6px; border-radius: 3px; background: var(--jp-layout-color2, #eee);
  white-space: pre-wrap; line-height: 1.35; }
.vmlab-status .vmlab-running { color: #1565c0; font-weight: bold; }
.vmlab-status .vmlab-stop-exited { color: #2e7d32; font-weight: bold; }
.vmlab-status .vmlab-stop-trap, .vmlab-status .vmlab-stop-error { color: #c62828; font-weight: bold; }
.vmlab-status .vmlab-stop-other { color: #e65100; font-weight: bold; }
.vmlab-status .vmlab-dim, .vmlab-dim { color: var(--jp-ui-font-color2, #777); }
.vmlab-error-box .vmlab-error { color: #b71c1c; background: rgba(244, 67, 54, 0.12);
  border-left: 4px solid #e53935; padding: 4px 8px; font-family: %(mono)s; font-size: 12px;
  white-space: pre-wrap; }
.vmlab-error-box .vmlab-error pre { font-size: 11px; margin: 4px 0 0 0; max-height: 14em; overflow: auto; }
.vmlab-regs table, .vmlab-mem table, .vmlab-compare-table table, .vmlab-blocks-code table {
  border-collapse: collapse; }
.vmlab-regs td, .vmlab-mem td { padding: 0 5px; line-height: 1.35; white-space: pre; }
.vmlab-regs .vmlab-xname, .vmlab-regs .vmlab-csrnote { color: var(--jp-ui-font-color2, #888); }
.vmlab-regs .vmlab-abi { font-weight: bold; color: var(--jp-ui-font-color1, #333); }
.vmlab-regs .vmlab-value { text-align: right; min-width: 7.5em; }
.vmlab-regs tr.vmlab-changed td { background: rgba(255, 99, 71, 0.22); }
.vmlab-regs tr.vmlab-changed .vmlab-value, .vmlab-regs .vmlab-changed.vmlab-pc-value { color: #c62828; font-weight: bold; }
.vmlab-regs .vmlab-regcols { display: flex; column-gap: 12px; flex-wrap: wrap; }
.vmlab-regs .vmlab-pcline { margin: 2px 5px 4px 5px; }
.vmlab-regs .vmlab-pcline b { color: #1565c0; }
.vmlab-mem td.vmlab-addr { color: var(--jp-ui-font-color2, #888); padding-right: 8px; }
.vmlab-mem td.vmlab-b { padding: 0 2px; }
.vmlab-mem td.vmlab-w { padding: 0 4px; }
.vmlab-mem td.vmlab-ascii { padding-left: 10px; color: var(--jp-ui-font-color1, #555); }
.vmlab-mem .vmlab-changed { background: rgba(255, 99, 71, 0.30); color: #b71c1c; font-weight: bold; }
.vmlab-mem .vmlab-sp { outline: 1px solid #1565c0; }
.vmlab-mem .vmlab-zero { color: var(--jp-ui-font-color3, #aaa); }
.vmlab-console-out { display: flex; flex-direction: column-reverse; overflow: auto; height: 11em;
  border: 1px solid var(--jp-border-color1, #ccc); background: var(--jp-layout-color0, #fff); }
.vmlab-console-out pre { margin: 0; padding: 3px 6px; white-space: pre-wrap; word-break: break-all; }
.vmlab-console-out .vmlab-echo { color: #1565c0; font-weight: bold; }
.vmlab-console-waiting input { outline: 2px solid #ff9800; }
.vmlab-console-note { color: #e65100; font-size: 12px; }
.vmlab-compare-table td, .vmlab-compare-table th { padding: 1px 8px; text-align: right; }
.vmlab-compare-table td:first-child, .vmlab-compare-table th:first-child,
.vmlab-compare-table td:nth-child(2), .vmlab-compare-table th:nth-child(2) { text-align: left; }
.vmlab-compare-table th { border-bottom: 1px solid var(--jp-border-color1, #999); }
.vmlab-compare-table .vmlab-ok { color: #2e7d32; font-weight: bold; }
.vmlab-compare-table .vmlab-bad { color: #c62828; font-weight: bold; }
.vmlab-verdict-ok { color: #2e7d32; font-weight: bold; font-family: sans-serif; }
.vmlab-verdict-bad { color: #c62828; font-weight: bold; font-family: sans-serif; white-space: pre-wrap; }
.vmlab-blocks-code td { vertical-align: top; padding: 0 10px 0 0; }
.vmlab-blocks-code pre { margin: 0; font-size: 12px; line-height: 1.35; }
.vmlab-blocks-code .vmlab-guest { color: var(--jp-ui-font-color1, #333); }
.vmlab-toolbar .widget-button, .vmlab-toolbar button { min-width: 0; }
""" % {"mono": MONO}


def style_widget() -> W.HTML:
    """A hidden widget holding the stylesheet (``<style>`` applies even when hidden)."""
    w = W.HTML(f"<style>{CSS}</style>", layout=W.Layout(display="none"))
    w.add_class("vmlab-style")
    return w


def esc(text) -> str:
    return html.escape(str(text), quote=True)


_EXPECTED = (VmlabError, ValueError, KeyError, IndexError, LookupError, OSError, TypeError)


def expected_error(exc: BaseException) -> bool:
    """True for errors that explain themselves (bad input, vmlab's own errors): no traceback."""
    return isinstance(exc, _EXPECTED) or type(exc).__module__.startswith("vmlab.")


def error_text(exc: BaseException) -> str:
    """A one-line, student-readable description of an exception."""
    if isinstance(exc, KeyError) and exc.args:
        msg = str(exc.args[0])          # str(KeyError) adds quotes
    else:
        msg = str(exc)
    name = type(exc).__name__
    return f"{name}: {msg}" if msg else name


class ErrorBox(W.HTML):
    """Shows the last error of a panel's callback; empty (and invisible) otherwise."""

    def __init__(self, **kw):
        super().__init__(value="", **kw)
        self.add_class("vmlab-error-box")
        self.message = ""

    def show(self, exc: BaseException | str, context: str = "") -> None:
        text = exc if isinstance(exc, str) else error_text(exc)
        if context:
            text = f"{context}: {text}"
        self.message = text
        body = esc(text)
        if isinstance(exc, BaseException) and not expected_error(exc):
            tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            body += f"<details><summary>traceback</summary><pre>{esc(tb)}</pre></details>"
        self.value = f"<div class='vmlab-error'>&#9888; {body}</div>"

    def clear(self) -> None:
        if self.message:
            self.message = ""
            self.value = ""


def guarded(method):
    """Decorate a panel method used as a callback: an exception shows in ``self.error``.

    Widget callbacks run inside the kernel's comm handler, where an exception would only
    reach the log; here it becomes a readable message in the panel instead.
    """
    @functools.wraps(method)
    def wrapper(self, *args, **kw):
        try:
            return method(self, *args, **kw)
        except Exception as e:  # noqa: BLE001 - shown to the user, never lost
            self.error.show(e)
            return None
    return wrapper


class UiLock:
    """Serialises widget updates made from the runner's thread and from the kernel's thread."""

    def __init__(self):
        self._lock = threading.RLock()

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False


def panel_repr(panel, machine=None, extra: str = "") -> str:
    """A short repr without live values or ids: the text/plain that Jupyter stores next to the
    widget (and nbval compares) stays the same from run to run."""
    parts = []
    if machine is not None:
        prog = machine.program.name if machine.program is not None else None
        parts.append(f"program={prog!r}")
    if extra:
        parts.append(extra)
    return f"{type(panel).__name__}({', '.join(parts)})"


def follow_machine(panel, machine, on_stop=None):
    """Call ``on_stop(panel, stop)`` (default: ``panel.refresh()``) whenever `machine` stops
    after a run made elsewhere (``m.run()`` or ``m.step()`` in a cell, another panel's Run).
    Uses ``machine.stop_listeners``; the hook holds the panel weakly and removes itself once
    the panel is gone or closed. Returns the hook (None if the machine has no listeners)."""
    listeners = getattr(machine, "stop_listeners", None)
    if not isinstance(listeners, list):
        return None
    ref = weakref.ref(panel)

    def hook(m, stop=None):
        p = ref()
        if p is None or getattr(p, "comm", True) is None:      # collected, or closed
            if hook in listeners:
                listeners.remove(hook)
            return
        if on_stop is None:
            p.refresh()
        else:
            on_stop(p, stop)
    listeners.append(hook)
    return hook


def titled(title: str, widget: W.Widget, cls: str | None = None) -> W.VBox:
    label = W.HTML(f"<div class='vmlab-title'>{esc(title)}</div>")
    box = W.VBox([label, widget])
    if cls:
        box.add_class(cls)
    return box
