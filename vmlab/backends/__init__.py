"""Execution backends, registered by name. ``available()`` lists those importable here."""
from __future__ import annotations

import importlib

from ..errors import BackendUnavailable

# name -> (module, class, one-line description)
REGISTRY: dict[str, tuple[str, str, str]] = {
    "interp": ("vmlab.backends.interp", "InterpBackend",
               "pure-Python predecoding interpreter (the reference)"),
    "cython": ("vmlab.backends.cython", "CythonBackend", "compiled Cython core"),
    "translate": ("vmlab.backends.translate", "TranslateBackend",
                  "dynamic binary translator to Python with a code cache"),
}


_CLASSES: dict[str, type] = {}


def register(name: str, module: str, cls: str, doc: str = "") -> None:
    """Register a backend by module and class name (imported when first used)."""
    REGISTRY[name] = (module, cls, doc)


def register_class(name: str, cls: type, doc: str = "") -> None:
    """Register a backend class directly (e.g. one written in a notebook)."""
    _CLASSES[name] = cls
    REGISTRY[name] = ("", cls.__name__, doc or (cls.__doc__ or "").strip().split("\n")[0])


def backend_class(name: str):
    if name not in REGISTRY:
        raise BackendUnavailable(f"unknown backend {name!r}; known backends: {', '.join(REGISTRY)}")
    if name in _CLASSES:
        return _CLASSES[name]
    module, cls, _ = REGISTRY[name]
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise BackendUnavailable(f"backend {name!r} is not available: {e}") from None
    klass = getattr(mod, cls)
    reason = getattr(klass, "unavailable_reason", lambda: None)()
    if reason:
        raise BackendUnavailable(f"backend {name!r} is not available: {reason}")
    return klass


def available() -> list[str]:
    """Names of the backends that can run on this installation."""
    names = []
    for name in REGISTRY:
        try:
            backend_class(name)
        except BackendUnavailable:
            continue
        names.append(name)
    return names


def unavailable() -> dict[str, str]:
    """Backend name -> why it cannot run here."""
    out = {}
    for name in REGISTRY:
        try:
            backend_class(name)
        except BackendUnavailable as e:
            out[name] = str(e)
    return out
