"""Build the lab notebooks from their cell lists, and execute them so that nbval has outputs.

    python labs/tools/build.py            # write and execute every lab
    python labs/tools/build.py 02 04      # only these labs
    python labs/tools/build.py --check    # exit 1 if a notebook differs from its lab module

The lab modules (``labs/tools/labNN_*.py``) are the source of the notebooks: edit those, then
rebuild. tests/test_labs.py fails when a notebook's cells no longer match its module, so an
edit made in Jupyter is not silently lost at the next rebuild.

Execution is what ``jupyter nbconvert --to notebook --execute --inplace
--ExecutePreprocessor.timeout=300`` does (nbclient; the kernel is the Python running this
script, as nbval's ``--nbval-current-env``; the working directory is ``labs/``), with the
repository root on PYTHONPATH so that an uninstalled checkout works too.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
LABS = TOOLS.parent
ROOT = LABS.parent
sys.path.insert(0, str(TOOLS))

from nbbuild import cell_key, notebook  # noqa: E402


def lab_modules() -> list:
    mods = []
    for path in sorted(TOOLS.glob("lab[0-9][0-9]_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods


def notebook_path(mod) -> Path:
    return LABS / f"{mod.NAME}.ipynb"


def differences(mod) -> list[str]:
    """Cells of the stored notebook that differ from the lab module (empty: up to date)."""
    path = notebook_path(mod)
    if not path.exists():
        return [f"{path.name}: missing"]
    stored = nbformat.read(str(path), as_version=4)
    want = [cell_key(c) for c in notebook(mod.CELLS).cells]
    have = [cell_key(c) for c in stored.cells]
    out = []
    if len(want) != len(have):
        out.append(f"{path.name}: {len(have)} cells, the lab module has {len(want)}")
    for i, (w, h) in enumerate(zip(want, have)):
        if w != h:
            out.append(f"{path.name}: cell {i} differs from the lab module")
    return out


def kernel_env() -> None:
    parts = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(parts))


def current_env_kernels():
    """A kernel spec manager whose kernel is this interpreter (nbval's --nbval-current-env)."""
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentEnv(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())
    return CurrentEnv()


def execute(nb, timeout: int = 300):
    """Run every cell (stopping at the first error), storing outputs in `nb`."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    kernel_env()
    km = KernelManager(kernel_name="python3", kernel_spec_manager=current_env_kernels())
    NotebookClient(nb, km=km, timeout=timeout, store_widget_state=False,
                   resources={"metadata": {"path": str(LABS)}}).execute()
    return nb


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("labs", nargs="*", help="lab numbers or names (default: all)")
    p.add_argument("--check", action="store_true", help="only compare notebooks with lab modules")
    p.add_argument("--no-execute", action="store_true", help="write the notebooks without outputs")
    a = p.parse_args(argv)
    mods = [m for m in lab_modules()
            if not a.labs or any(m.NAME.startswith(x) or m.NAME == x for x in a.labs)]
    if a.check:
        bad = [d for m in mods for d in differences(m)]
        print("\n".join(bad) if bad else f"{len(mods)} notebooks match their lab modules")
        return 1 if bad else 0
    for m in mods:
        nb = notebook(m.CELLS)
        t0 = time.perf_counter()
        if not a.no_execute:
            execute(nb)
        nbformat.write(nb, str(notebook_path(m)))
        print(f"wrote {notebook_path(m).relative_to(ROOT)}"
              + ("" if a.no_execute else f" (executed in {time.perf_counter() - t0:.1f} s)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
