"""Widget tests: the browser test's notebook is driven by test_browser.py, not collected by nbval."""

collect_ignore_glob = ["*.ipynb"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives a real JupyterLab in headless Debian chromium through playwright "
                   "(needs `apt-get install chromium` and `pip install playwright`; "
                   "VMLAB_SKIP_BROWSER=1 skips it)")
