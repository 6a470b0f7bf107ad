"""Number encodings of the data directives: IEEE-754 ``.float``/``.double`` and LEB128.

The lexer reads ``1.5`` as 1 and .5 and rejects ``1e5``, so :func:`tokenize_line` cuts the
operands of ``.float`` and ``.double`` out of a line before the lexer sees them, one REAL
token per operand, and :func:`real_bytes` encodes each as LLVM's APFloat does (rounded once,
to nearest even; too large is infinity, too small zero).
"""
from __future__ import annotations

import math
import re
import struct
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from .errors import AsmSyntaxError
from .lexer import IDENT, OP, Token, tokenize


def uleb128(n: int) -> bytes:
    """Unsigned LEB128 of n as a 64-bit value (-1 is ten bytes, as in LLVM)."""
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def sleb128(n: int) -> bytes:
    """Signed LEB128: 7 bits a byte until the rest is the sign extension of bit 6."""
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7         # >> on a Python int is arithmetic
        done = n == (-1 if byte & 0x40 else 0)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


REAL = "real number"
_REAL_DIRECTIVE = re.compile(r"(?<![\w.$])\.(?:float|double)(?![\w.$]|\s*:)", re.I)
# What LLVM's parseRealValue takes: a sign, then a decimal, a hex float with its binary
# exponent, or inf / infinity / nan. 010 is ten, as in LLVM: these are not integer literals.
REAL_LITERAL = re.compile(r"""(?P<sign>[-+]?)[ \t]*(?:
      (?P<hex>0x(?P<digits>[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)p(?P<exp>[-+]?[0-9]+))
    | (?P<dec>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?)
    | (?P<name>inf|infinity|nan))""", re.I | re.X)
_IEEE = {4: (8, 23), 8: (11, 52)}          # width in bytes -> exponent bits, fraction bits


def tokenize_line(line: str) -> list[Token]:
    """Tokens of a line, as :func:`~vmlab.asm.lexer.tokenize`, except the operands of a
    ``.float`` or ``.double`` statement: each is one REAL token (its text, sign included)."""
    for m in _REAL_DIRECTIVE.finditer(line):
        start, end = m.span()
        try:    # a name in its place is a token: the directive is code, not comment or string
            before = tokenize(line[:start] + "x")
        except AsmSyntaxError:
            continue
        if not before or before[-1].col != start + 1:
            continue
        before.pop()
        if before and not (before[-1].is_op(";") or before[-1].is_op(":")):
            continue                # not where a statement starts
        stop = min([k for k in (line.find(c, end) for c in (";", "#", "//")) if k >= 0] + [len(line)])
        toks = before + [Token(IDENT, m.group(), start + 1)] + _real_operands(line, end, stop)
        try:
            rest = tokenize_line(line[stop:])
        except AsmSyntaxError as e:
            e.col += stop
            raise
        return toks + [replace(t, col=t.col + stop) for t in rest]
    return tokenize(line)


def _real_operands(line: str, start: int, stop: int) -> list[Token]:
    if not line[start:stop].strip():
        return []
    toks, i = [], start
    for k, piece in enumerate(line[start:stop].split(",")):
        if k:
            toks.append(Token(OP, ",", i + 1))
            i += 1
        text = piece.strip()
        col = i + len(piece) - len(piece.lstrip()) + 1 if text else i + len(piece) + 1
        toks.append(Token(REAL, text, col))
        i += len(piece)
    return toks


def real_bytes(text: str, width: int) -> bytes | None:
    """IEEE-754 binary32 (width 4) or binary64 (8) of a literal, little-endian, rounded once to
    nearest-even as LLVM's APFloat does; None if `text` is not a floating-point literal.
    Too large gives infinity, too small zero; nan is LLVM's (all fraction bits set)."""
    m = REAL_LITERAL.fullmatch(text)
    if m is None:
        return None
    exp_bits, frac_bits = _IEEE[width]
    sign = (m["sign"] == "-") << (8 * width - 1)
    inf = ((1 << exp_bits) - 1) << frac_bits
    if m["name"]:
        nan = m["name"].lower() == "nan"
        return (sign | inf | ((1 << frac_bits) - 1) * nan).to_bytes(width, "little")
    try:    # Python's float() and float.fromhex() round correctly to binary64
        x = float.fromhex(m["hex"]) if m["hex"] else float(m["dec"])
    except OverflowError:
        x = math.inf
    if width == 8:
        return struct.pack("<d", -x if sign else x)
    if x == 0 or x == math.inf:         # beyond binary64: the same extreme in binary32
        bits = inf if x else 0
    else:                               # rounding via binary64 could round twice: be exact
        bits = _round_float32(_exact(m))
    return (sign | bits).to_bytes(4, "little")


def real_hint(text: str) -> str:
    low = text.lstrip("+- \t").lower()
    if low.startswith("0x") and "p" not in low:
        return " (a hexadecimal one needs a binary exponent: 0x1.8p3 is 1.5 * 2**3)"
    if low[:1].isalpha() or low[:1] in "_.$":
        return " (.float and .double take literal numbers, inf or nan; not symbols)"
    return ""


def _exact(m: re.Match) -> Fraction:
    if m["dec"]:
        return Fraction(Decimal(m["dec"]))
    whole, _, frac = m["digits"].partition(".")
    return Fraction(int(whole + frac or "0", 16), 16 ** len(frac)) * Fraction(2) ** int(m["exp"])


def _round_float32(q: Fraction) -> int:
    """Bits of the binary32 nearest to q > 0 (ties to even), without the sign."""
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if q < Fraction(2) ** e:            # now 2**e <= q < 2**(e+1)
        e -= 1
    e = max(e, -126)                    # subnormals: the exponent of the smallest normal
    frac = round(q * Fraction(2) ** (23 - e))                       # round() ties to even
    if frac == 1 << 24:
        frac, e = frac >> 1, e + 1
    if e > 127:
        return 0xFF << 23
    if frac < 1 << 23:
        return frac                     # subnormal
    return (e + 127) << 23 | (frac - (1 << 23))
