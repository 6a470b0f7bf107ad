"""pytest on labs/: every lab notebook is run by nbval in strict mode (outputs compared).

``python -m pytest -q`` at the repository root collects ``labs/`` (pyproject's ``testpaths``)
and loads this file first, so the nbval options live here instead of in ``addopts``: the
command line stays valid with ``-p no:nbval`` (a unit-test-only run) and when only ``tests/``
is given. Explicit options win: ``--nbval-lax`` or another ``--nbval-sanitize-with`` given on
the command line are kept.

* strict ``--nbval``: every code cell's stored output is compared, except cells tagged
  ``nbval-ignore-output`` (timings, MIPS, widget displays) or ``nbval-skip``;
* ``--nbval-sanitize-with labs/sanitize.cfg`` (CPython object addresses);
* ``--nbval-current-env``: the kernel is this Python, whatever the notebook's kernelspec says;
* the repository root is put on the kernel's PYTHONPATH, so an uninstalled checkout tests its
  own ``vmlab``.
"""
from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

collect_ignore_glob = [".ipynb_checkpoints/*", "tools/*"]


def pytest_configure(config):
    if not config.pluginmanager.hasplugin("nbval"):
        return                                   # -p no:nbval: the notebooks are not collected
    opt = config.option
    if not (opt.nbval or opt.nbval_lax):
        opt.nbval = True
    if not opt.nbval_sanitize_with:
        opt.nbval_sanitize_with = str(HERE / "sanitize.cfg")
    if not opt.nbval_kernel_name:
        opt.nbval_current_env = True
    parts = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(parts))
