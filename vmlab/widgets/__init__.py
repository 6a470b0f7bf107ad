"""Jupyter panels over a Machine: a debugger, register/memory/console views, backend comparison
and the translation cache.

    >>> from vmlab import Machine
    >>> from vmlab.widgets import Debugger
    >>> m = Machine(); m.load("li a0, 42\\nret")
    >>> Debugger(m)                         # the last expression of a cell displays it

Panels are views: the data each shows comes from a plain function tested without Jupyter
(``register_rows``, ``memory_rows``, ``listing_rows``, ``speed_rows``, ``block_rows`` ...),
and execution is always the Machine's own ``run()``, called in slices on a worker thread so
that Pause works and the kernel stays responsive. Every element a test needs has a stable
CSS class (``vmlab-step``, ``vmlab-run``, ``vmlab-pause``, ``vmlab-status``, ``vmlab-line`` ...).

Needs ipywidgets, anywidget (the clickable listing) and matplotlib (Compare's chart): the
``lab`` extra.
"""
from .blocks import TranslationCache, block_rows  # noqa: F401
from .compare import Compare, CompareResult, disagreements, run_one, speed_rows  # noqa: F401
from .console import ConsolePanel  # noqa: F401
from .debugger import Debugger, status_text  # noqa: F401
from .listing import Listing, listing_range, listing_rows  # noqa: F401
from .memory import MemoryPanel, memory_rows, parse_address  # noqa: F401
from .registers import RegistersPanel, csr_rows, register_rows  # noqa: F401
from .runner import Runner, RunResult, run_sliced  # noqa: F401

__all__ = ["Debugger", "RegistersPanel", "MemoryPanel", "ConsolePanel", "Listing", "Compare",
           "TranslationCache", "Runner", "RunResult", "run_sliced", "register_rows", "csr_rows",
           "memory_rows", "parse_address", "listing_rows", "listing_range", "speed_rows",
           "disagreements", "run_one", "block_rows", "status_text", "CompareResult"]
