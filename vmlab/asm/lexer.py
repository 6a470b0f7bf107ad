"""Lexer: assembly source to tokens, each with its 1-based column for error messages.

The syntax is the GNU ``as`` subset that LLVM's RISC-V assembler accepts. Comments are ``#``
or ``//`` to the end of the line and ``/* ... */`` (which may span lines); ``;`` separates
statements on one line. Numbers are decimal, ``0x`` hex, ``0b`` binary, ``0`` octal (as in
``as``: ``010`` is 8) and, as an extension, ``0o`` octal. ``1f``/``1b`` refer to the next /
previous numeric label ``1:``. Character literals ('a', '\\n') are numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import AsmSyntaxError

IDENT, NUM, STR, LOCAL, OP = "ident", "number", "string", "local label", "op"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    col: int               # 1-based column of the first character
    value: object = None   # int (NUM), bytes (STR), (number, "f"|"b") (LOCAL)

    def is_op(self, op: str) -> bool:
        return self.kind == OP and self.text == op


_SIMPLE_ESCAPES = {"b": 8, "f": 12, "n": 10, "r": 13, "t": 9, '"': 34, "\\": 92, "'": 39}


def _escape(s: str, i: int, col0: int) -> tuple[int, int]:
    """Decode the escape sequence whose backslash is at s[i]; return (byte value, next index).

    As in LLVM and gas: \\b \\f \\n \\r \\t \\" \\\\ \\', up to three octal digits, and \\x
    followed by hex digits (all of them, keeping the low 8 bits).
    """
    if i + 1 >= len(s):
        raise AsmSyntaxError(col0 + i, "incomplete escape sequence")
    c = s[i + 1]
    if c in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[c], i + 2
    if c in "01234567":
        j = i + 1
        while j < len(s) and j < i + 4 and s[j] in "01234567":
            j += 1
        return int(s[i + 1:j], 8) & 0xFF, j
    if c in "xX":
        j = i + 2
        while j < len(s) and s[j] in "0123456789abcdefABCDEF":
            j += 1
        if j == i + 2:
            raise AsmSyntaxError(col0 + i, "\\x must be followed by hex digits")
        return int(s[i + 2:j], 16) & 0xFF, j
    raise AsmSyntaxError(col0 + i, f"unknown escape sequence '\\{c}'")


_NUMBER_FORMS = [(re.compile(p), base) for p, base in (
    (r"0x([0-9a-f]+)", 16), (r"0b([01]+)", 2), (r"0o([0-7]+)", 8),
    (r"([0-9]+)[fb]", None),                      # 1f / 1b: a numeric local label
    (r"(0[0-7]*)", 8), (r"([1-9][0-9]*)", 10))]


def _number(word: str, col: int) -> Token:
    low = word.lower()
    if len(low) > 70:               # longer than any 64-bit literal (and int() has a digit limit)
        raise AsmSyntaxError(col, f"number '{word[:20]}...' does not fit in 64 bits")
    for pattern, base in _NUMBER_FORMS:
        m = pattern.fullmatch(low)
        if m is None:
            continue
        if base is None:
            return Token(LOCAL, word, col, (int(m.group(1)), low[-1]))
        value = int(m.group(1), base)
        if value >= 1 << 64:
            raise AsmSyntaxError(col, f"number '{word}' does not fit in 64 bits")
        return Token(NUM, word, col, value)
    raise AsmSyntaxError(col, f"invalid number '{word}'")


NAME = r"[A-Za-z_.$][A-Za-z0-9_.$]*"          # a symbol, directive or mnemonic

_TOKEN = re.compile(rf"""
    (?P<space>[ \t\r\f\v]+)
  | (?P<comment>\#|//)
  | (?P<ident>{NAME})
  | (?P<number>[0-9][0-9A-Za-z_]*)
  | (?P<op><<|>>|<=|>=|<>|==|!=|&&|\|\||[,()+\-*/%&|^~:=;!@<>])
  | (?P<quote>["'])
""", re.VERBOSE)


def tokenize(line: str) -> list[Token]:
    """Tokens of one source line (comments removed). Raises AsmSyntaxError on a bad character."""
    toks: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        m = _TOKEN.match(line, i)
        col = i + 1
        if m is None:
            if line[i] == "\\":
                raise AsmSyntaxError(col, "unexpected '\\' (\\name stands for a parameter inside "
                                          "a .macro or .irp body only)")
            raise AsmSyntaxError(col, f"unexpected character {line[i]!r}")
        kind = m.lastgroup
        if kind == "space":
            i = m.end()
        elif kind == "comment":
            break
        elif kind == "ident":
            toks.append(Token(IDENT, m.group(), col))
            i = m.end()
        elif kind == "number":
            toks.append(_number(m.group(), col))
            i = m.end()
        elif kind == "op":
            toks.append(Token(OP, m.group(), col))
            i = m.end()
        elif line[i] == '"':
            tok, i = _string(line, i)
            toks.append(tok)
        else:
            tok, i = _char(line, i)
            toks.append(tok)
    return toks


def _string(line: str, i: int) -> tuple[Token, int]:
    data = bytearray()
    j, n = i + 1, len(line)
    while True:
        if j >= n:
            raise AsmSyntaxError(i + 1, "unterminated string")
        c = line[j]
        if c == '"':
            return Token(STR, line[i:j + 1], i + 1, bytes(data)), j + 1
        if c == "\\":
            b, j = _escape(line, j, 1)
            data.append(b)
        else:
            data += c.encode("utf-8", "surrogatepass")
            j += 1


def _char(line: str, i: int) -> tuple[Token, int]:
    """'c' or '\\n': a number. (gas also accepts a missing closing quote; we do not.)"""
    j, n = i + 1, len(line)
    if j < n and line[j] == "\\":
        value, j = _escape(line, j, 1)
    elif j < n and line[j] != "'":
        value, j = ord(line[j]), j + 1
    else:
        raise AsmSyntaxError(i + 1, "empty character literal")
    if j >= n or line[j] != "'":
        raise AsmSyntaxError(i + 1, "unterminated character literal (one character between quotes)")
    return Token(NUM, line[i:j + 1], i + 1, value), j + 1


def strip_block_comments(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank out ``/* ... */`` comments, keeping every newline and column in place.

    Returns the new text and the (line, col) of each unterminated comment. Strings, character
    literals and line comments are skipped so that a ``/*`` inside them does not count.
    """
    if "/*" not in text:
        return text, []
    out = list(text)
    errors: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] not in '"\n':
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif c == "'":
            i += 3 if text.startswith("\\", i + 1) else 2
            if i < n and text[i] == "'":
                i += 1
        elif c == "#" or text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                line = text.count("\n", 0, i) + 1
                col = i - (text.rfind("\n", 0, i) + 1) + 1
                errors.append((line, col))
                end = n
            else:
                end += 2
            for k in range(i, end):
                if out[k] != "\n":
                    out[k] = " "
            i = end
        else:
            i += 1
    return "".join(out), errors


class Cursor:
    """A read position in one statement's tokens."""

    def __init__(self, toks: list[Token], end_col: int):
        self.toks = toks
        self.i = 0
        self.end_col = end_col      # column reported for "expected ... at end of statement"
        self.depth = 0              # parentheses open in the expression being parsed

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> Token:
        t = self.peek()
        if t is None:
            raise AsmSyntaxError(self.end_col, "unexpected end of statement")
        self.i += 1
        return t

    def at_end(self) -> bool:
        return self.i >= len(self.toks)

    @property
    def col(self) -> int:
        """Column of the next token (or just after the statement)."""
        t = self.peek()
        return t.col if t is not None else self.end_col

    def accept(self, op: str) -> bool:
        t = self.peek()
        if t is not None and t.is_op(op):
            self.i += 1
            return True
        return False

    def expect(self, op: str) -> Token:
        t = self.peek()
        if t is None or not t.is_op(op):
            got = "end of statement" if t is None else f"'{t.text}'"
            raise AsmSyntaxError(self.col, f"expected '{op}', got {got}")
        self.i += 1
        return t

    def expect_end(self) -> None:
        t = self.peek()
        if t is not None:
            raise AsmSyntaxError(t.col, f"unexpected '{t.text}' after the operands")
