"""Shared fixtures: every semantics test runs on every backend available here."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from vmlab.backends import available  # noqa: E402

BACKENDS = available()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(params=[b for b in BACKENDS if b != "interp"] or ["interp"])
def other_backend(request) -> str:
    """Every backend that is checked against the reference interpreter."""
    return request.param
