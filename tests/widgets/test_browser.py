"""The Debugger in a real browser: JupyterLab on 127.0.0.1, headless Debian chromium, playwright.

Part of the CI contract (.ci/run installs chromium with apt-get and playwright with pip; no
browser download). Without chromium or playwright the test FAILS and says what to install,
unless VMLAB_SKIP_BROWSER=1. It starts its own JupyterLab on a free port (port_retries=0),
runs ``debugger_demo.ipynb``, clicks like a student, compares what the page shows with what a
Machine computes, saves screenshots under ``test-output/widgets/`` and stops the server and
the browser it started.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from vmlab import Machine, assemble

from .programs import COUNT, FOREVER

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "test-output" / "widgets"

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

# Wait until the notebook's kernel is connected and idle (see the jupyter-testing recipe: the
# DOM indicator alone is racy on a cold kernel).
WAIT_KERNEL = """async () => {
  const app = window.jupyterapp; let nb = null;
  for (let i = 0; i < 600 && !(nb && nb.sessionContext); i++) {
    nb = app.shell.currentWidget; await new Promise(r => setTimeout(r, 100)); }
  await nb.context.ready; await nb.sessionContext.ready;
  for (let i = 0; i < 600; i++) {
    const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
    if (k && k.connectionStatus === 'connected' && k.status === 'idle') return k.status;
    await new Promise(r => setTimeout(r, 100)); }
  throw new Error('kernel never became idle'); }"""


def _requirements():
    """The chromium executable and playwright's sync API; fail (or skip) with what to install."""
    if os.environ.get("VMLAB_SKIP_BROWSER") == "1":
        pytest.skip("VMLAB_SKIP_BROWSER=1")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser test needs Debian's chromium: apt-get update && apt-get install -y chromium "
                    "(or set VMLAB_SKIP_BROWSER=1 to skip it)", pytrace=False)
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("the browser test needs playwright: pip install playwright (never `playwright install`: "
                    "it uses Debian's chromium) or set VMLAB_SKIP_BROWSER=1", pytrace=False)
    return chromium, sync_playwright, expect


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 40) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.25)
    raise AssertionError(f"jupyter lab did not answer at {url} in {timeout} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def jupyter_lab(tmp_path: Path):
    """A JupyterLab serving a copy of debugger_demo.ipynb; its base URL. Stopped by PID afterwards."""
    port = _free_port()
    work = tmp_path / "nb"
    work.mkdir()
    shutil.copy(HERE / "debugger_demo.ipynb", work / "debugger_demo.ipynb")
    cfg = tmp_path / "jcfg"
    (cfg / "labconfig").mkdir(parents=True)
    (cfg / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(LAB_SETTINGS))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(cfg), JUPYTER_RUNTIME_DIR=str(tmp_path / "jrt"),
               IPYTHONDIR=str(tmp_path / "ipy"),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)] + ([os.environ["PYTHONPATH"]]
                                                                    if os.environ.get("PYTHONPATH") else [])))
    log = tmp_path / "lab.log"
    with open(log, "wb") as logf:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser",
             "--IdentityProvider.token=", "--ServerApp.password=", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.port_retries=0", f"--ServerApp.root_dir={work}",
             "--LabApp.expose_app_in_browser=True"],
            stdout=logf, stderr=subprocess.STDOUT, env=env, cwd=work)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{base}/api/status", proc, log)
        yield base
    except BaseException:
        print(f"--- end of {log} ---\n{log.read_text(errors='replace')[-4000:]}")   # shown by pytest on failure
        raise
    finally:
        proc.send_signal(signal.SIGTERM)      # the server shuts its kernels down
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def _ref_pcs(n: int) -> list[tuple[int, int, int]]:
    m = Machine(ram_size=1 << 20)
    m.load(assemble(COUNT, name="count.s"))
    out = []
    for _ in range(n):
        m.step()
        out.append((m.pc, m.regs.a0, m.regs.t0))
    return out


def test_debugger_in_jupyterlab(tmp_path):
    chromium, sync_playwright, expect = _requirements()    # before any server starts
    t0 = time.monotonic()
    with jupyter_lab(tmp_path) as lab:
        _drive(lab, tmp_path, chromium, sync_playwright, expect)
    assert time.monotonic() - t0 < 120, "the browser test should take well under a minute (about 30 s)"


def _drive(lab: str, tmp_path: Path, chromium: str, sync_playwright, expect) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ref = _ref_pcs(3)
    prog = assemble(COUNT, name="count.s")
    done = prog.symbols["done"]
    spin = assemble(FOREVER).symbols["spin"]

    with sync_playwright() as p:
        profile = tmp_path / "chromium-profile"
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=chromium, headless=True,
                                                   args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 1400})
        try:
            page = ctx.new_page()
            page.goto(f"{lab}/lab/tree/debugger_demo.ipynb", wait_until="domcontentloaded")
            page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
            page.evaluate(WAIT_KERNEL)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")

            dbg = page.locator(".test-count")
            pc_value = dbg.locator(".vmlab-pc-value")
            expect(pc_value).to_have_text(f"0x{prog.entry:08x}", timeout=60_000)
            expect(dbg.locator("tr.vmlab-line.vmlab-pc")).to_have_attribute("data-addr", f"0x{prog.entry:08x}")

            # Step three times: pc and registers in the page equal the Machine's
            for pc, a0, t0_ in ref:
                dbg.locator("button.vmlab-step").click()
                expect(pc_value).to_have_text(f"0x{pc:08x}", timeout=10_000)
            pc, a0, t0_ = ref[-1]
            expect(dbg.locator("tr[data-reg='a0'] .vmlab-value")).to_have_text(f"0x{a0:08x}")
            expect(dbg.locator("tr[data-reg='t0'] .vmlab-value")).to_have_text(f"0x{t0_:08x}")
            expect(dbg.locator("tr[data-reg='a0']")).to_have_class("vmlab-reg vmlab-changed")
            expect(dbg.locator("tr.vmlab-line.vmlab-pc")).to_have_attribute("data-addr", f"0x{pc:08x}")
            expect(dbg.locator(".vmlab-stop")).to_have_attribute("data-kind", "step limit")

            # Run an infinite loop, see it running, Pause it
            loop = page.locator(".test-forever")
            loop.locator("button.vmlab-run").click()
            expect(loop.locator(".vmlab-stop")).to_have_attribute("data-kind", "running", timeout=10_000)
            first = loop.locator(".vmlab-status").inner_text()
            page.wait_for_timeout(1000)
            assert loop.locator(".vmlab-status").inner_text() != first, "the status must refresh during a run"
            loop.locator("button.vmlab-pause").click()
            expect(loop.locator(".vmlab-stop")).to_have_attribute("data-kind", "paused", timeout=10_000)
            shown = int(loop.locator(".vmlab-pc-value").inner_text(), 16)
            assert spin <= shown <= spin + 8
            expect(loop.locator("button.vmlab-run")).to_be_enabled()

            # Click a listing line for a breakpoint, then Run to it
            line = dbg.locator(f"tr.vmlab-line[data-addr='0x{done:08x}']")
            line.click()
            expect(line).to_have_class("vmlab-line vmlab-bp", timeout=10_000)
            dbg.locator("button.vmlab-run").click()
            expect(dbg.locator(".vmlab-stop")).to_have_attribute("data-kind", "breakpoint", timeout=10_000)
            expect(pc_value).to_have_text(f"0x{done:08x}")
            expect(line).to_have_class("vmlab-line vmlab-bp vmlab-pc")
            expect(dbg.locator("tr[data-reg='a0'] .vmlab-value")).to_have_text("0x0000000a")

            # A program that reads input: Run, it waits; type a line and press Enter; it finishes
            echo = page.locator(".test-echo")
            echo.locator("button.vmlab-run").click()
            expect(echo.locator(".vmlab-stop")).to_have_attribute("data-kind", "waiting for input", timeout=10_000)
            expect(echo.locator(".vmlab-console-out")).to_have_text("name? ")
            box = echo.locator(".vmlab-console-input input")
            box.fill("bob")
            box.press("Enter")
            expect(echo.locator(".vmlab-stop")).to_have_attribute("data-kind", "exited", timeout=10_000)
            expect(echo.locator(".vmlab-console-out")).to_have_text("name? bob\nhello, bob\n")

            # Compare the backends available here
            cmp_ = page.locator(".test-compare")
            cmp_.locator("button.vmlab-compare-start").click()
            expect(cmp_.locator(".vmlab-verdict-ok")).to_contain_text("backends agree", timeout=40_000)
            chart = cmp_.locator("img.vmlab-compare-chart")
            expect(chart).to_be_visible(timeout=10_000)
            assert chart.evaluate("img => img.decode().then(() => img.naturalWidth)") > 100
            expect(cmp_.locator("button.vmlab-compare-stop")).to_be_disabled()

            # Screenshots: as seen beside the file browser (narrow), then with the side bar closed
            page.screenshot(path=str(OUT / "jupyterlab-narrow.png"))
            page.evaluate("window.jupyterapp.commands.execute('application:toggle-left-area')")
            page.wait_for_timeout(300)
            for name, loc in (("debugger", dbg), ("debugger-paused", loop), ("debugger-console", echo),
                              ("compare", cmp_)):
                loc.scroll_into_view_if_needed()
                loc.screenshot(path=str(OUT / f"{name}.png"))
            page.evaluate("window.jupyterapp.commands.execute('notebook:shutdown-kernel')")
        finally:
            ctx.close()
