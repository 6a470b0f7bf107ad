"""Robustness: no input makes the assembler fail with anything but AssemblerError.

Random text, and near misses of real assembly (one token replaced, a line cut short, a wrong
register, a huge number): each run either assembles or raises AssemblerError whose errors
all point inside the input.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vmlab.asm import AssemblerError, assemble

CORPUS_LINES = sorted({
    line for path in (Path(__file__).parent / "corpus").glob("*.s")
    for line in path.read_text().splitlines() if line.strip()
})

TOKENS = ["a0", "x31", "x32", "a8", "t7", "zero", "fp", "mstatus", "mstatu", "0", "-1", "2047",
          "-2049", "0x7fffffff", "0x100000000", "99999999999999999999", "1 << 63", "1f", "1b",
          "(", ")", ",", ";", ":", "%hi(", "%lo(x)", "%pcrel_lo(1b)", "%pcrel_hi(", "'", "'\\",
          '"', "\\", "/*", "*/", "#", ".", "=", "@", "~", "<<", ">>", "/ 0", ".word", ".align 30",
          ".space 1 << 40", ".section", ".bss", "li", "la", "call", "lw", "sw", "addi", "label:",
          "1:", ".equ x, x", "\t", "\x00", "\u00e9", "\ud800", "(((((((((", "- - - - -"]

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    try:
        assemble(text, "fuzz.s")
    except AssemblerError as e:
        lines = text.split("\n")
        assert e.errors
        for d in e.errors:
            assert d.file == "fuzz.s"
            assert 1 <= d.line <= len(lines), d
            assert 1 <= d.col <= len(lines[d.line - 1].rstrip("\r")) + 1, d
            assert "internal" not in d.message, d
            assert str(d).startswith(f"fuzz.s:{d.line}:{d.col}: error: ")


@SETTINGS
@given(st.text(alphabet=st.characters(), max_size=200) |
       st.text(alphabet=" \t\n,()+-*/%<>&|^~:;=#'\"\\.0123456789abfhilorstwxz", max_size=200))
def test_random_text(text):
    check(text)


@st.composite
def near_misses(draw):
    lines = draw(st.lists(st.sampled_from(CORPUS_LINES), min_size=1, max_size=8))
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.integers(0, len(lines) - 1))
        line = lines[k]
        pos = draw(st.integers(0, len(line)))
        how = draw(st.sampled_from(["insert", "truncate", "delete", "replace"]))
        token = draw(st.sampled_from(TOKENS))
        if how == "insert":
            line = line[:pos] + token + line[pos:]
        elif how == "truncate":
            line = line[:pos]
        elif how == "delete":
            line = line[:pos] + line[pos + draw(st.integers(1, 4)):]
        else:
            words = line.replace(",", " ").split()
            if words:
                line = line.replace(draw(st.sampled_from(words)), token, 1)
        lines[k] = line
    return "\n".join(lines)


@SETTINGS
@given(near_misses())
def test_near_miss_assembly(text):
    check(text)
