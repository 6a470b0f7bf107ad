"""The course notebooks (a package only so that labs/conftest.py is imported as labs.conftest,
not as a second top-level `conftest` module that would shadow tests/conftest.py)."""
