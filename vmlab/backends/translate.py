"""The ``translate`` backend: a dynamic binary translator to Python (see :mod:`vmlab.translate`)."""
from ..translate.backend import DEFAULT_THRESHOLD, TranslateBackend  # noqa: F401
