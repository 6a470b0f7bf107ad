"""Assembler diagnostics: one record per error, and the exception that carries them all.

The assembler never stops at the first problem: it records a :class:`Diagnostic` for every bad
statement and keeps going, then raises one :class:`AssemblerError` listing them all, rendered
the way compilers do (``file:line:col: error: message``, the line, a caret under the column).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import VmlabError


@dataclass(frozen=True)


class Diagnostic:
    """One error: where it is (1-based line and column) and what is wrong."""
    file: str
    line: int
    col: int
    message: str
    text: str = ""          # the source line, for the caret display

    def __str__(self) -> str:
        # Keep tabs in the caret line so the caret stays under the column in any tab width.
        pad = "".join(c if c == "\t" else " " for c in self.text[:self.col - 1])
        return f"{self.file}:{self.line}:{self.col}: error: {self.message}\n{self.text}\n{pad}^"


class AssemblerError(VmlabError):
    """The source has errors; ``errors`` lists every one of them in source order."""

    def __init__(self, errors: list[Diagnostic]):
        files: dict[str, int] = {}          # included files: grouped, in the order they come up
        for d in errors:
            files.setdefault(d.file, len(files))
        self.errors = sorted(errors, key=lambda d: (files[d.file], d.line, d.col))
        super().__init__(self.errors)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.errors)


class AsmSyntaxError(Exception):
    """Internal: aborts the statement being assembled; the driver turns it into a Diagnostic."""

    def __init__(self, col: int, message: str):
        super().__init__(message)
        self.col = col
        self.message = message


class UndefinedSymbol(AsmSyntaxError):
    """A symbol that is defined nowhere in the file (raised only once every label is known)."""

    def __init__(self, col: int, name: str, message: str):
        super().__init__(col, message)
        self.name = name


class NotYet(Exception):
    """Internal: a value depends on something not known during the first pass (a forward label)."""


def suggest(word: str, choices) -> str:
    """" (did you mean 'x'?)" naming the closest of `choices`, or an empty string."""
    choices = list(choices)
    if len(choices) > 5000:         # keep error reporting fast on huge inputs
        return ""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""
