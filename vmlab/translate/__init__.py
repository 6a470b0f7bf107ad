"""The dynamic binary translator: guest code becomes Python functions, cached and chained.

:mod:`.backend` is the backend (profile, translate, cache, chain, invalidate, run);
:mod:`.generate` builds a translated function's source around the instructions' code, which
:mod:`vmlab.isa.codegen_block` generates from the instruction table; :mod:`.records` holds
what the translator keeps and shows (blocks, translations, links).
"""
from .backend import DEFAULT_THRESHOLD, TranslateBackend  # noqa: F401
from .records import BlockRecord, Translation  # noqa: F401
