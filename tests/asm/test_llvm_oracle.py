"""vmlab's assembler against LLVM: the same bytes in every section, the same label addresses.

Every ``corpus/*.s`` file is assembled by vmlab and by clang + ld.lld (see ``llvm.py``); the
ELF is linked with vmlab's layout, so the section images must be identical byte for byte.
The LLVM runs happen once per module, two at a time, in a temporary directory.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from vmlab.asm import AssemblerError, assemble
from vmlab.asm.forms import FORMS
from vmlab.isa import ISA

from .llvm import INPUTS, build_all, elf_sections, elf_symbols, linker_script, zig

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.s"))


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    """name -> (vmlab Program or AssemblerError, LLVM LinkResult), for every corpus file."""
    work = tmp_path_factory.mktemp("llvm")
    programs, jobs = {}, []
    for path in CORPUS:
        try:
            prog = assemble(path.read_text(), path.name)
            script = linker_script(prog)
        except AssemblerError as e:
            prog, script = e, "SECTIONS { }\n"
        programs[path.name] = prog
        jobs.append((path, script))
    results = build_all(jobs, work)
    return {path.name: (programs[path.name], r) for path, r in zip(CORPUS, results)}


def test_missing_ziglang_is_a_failure_not_a_skip(monkeypatch):
    monkeypatch.setitem(sys.modules, "ziglang", None)      # makes "import ziglang" fail
    with pytest.raises(pytest.fail.Exception, match="ziglang"):
        zig()


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 50


def test_corpus_covers_every_mnemonic():
    """Each instruction, alias and pseudo-instruction the assembler knows is in the corpus."""
    used = set()
    for path in CORPUS:
        for line in path.read_text().splitlines():
            line = re.sub(r"#.*|//.*", "", line)
            for stmt in line.split(";"):
                m = re.match(r"\s*(?:[\w.]+:\s*)*([a-zA-Z][\w.]*)", stmt)
                if m:
                    used.add(m.group(1).lower())
    missing = sorted(set(FORMS) - used)
    assert not missing, f"mnemonics never used in tests/asm/corpus: {missing}"
    assert {i.name for i in ISA.insns} <= used


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_same_bytes_as_llvm(path, oracle):
    prog, result = oracle[path.name]
    assert not isinstance(prog, AssemblerError), f"vmlab rejected {path.name}:\n{prog}"
    assert result.elf is not None, f"LLVM rejected {path.name}:\n{result.log}"
    theirs = elf_sections(result.elf)
    ours = {s.name: (s.addr, s.data) for s in prog.segments}
    assert set(ours) == set(theirs)
    for name in INPUTS:
        if name not in ours:
            continue
        (addr, data), (llvm_addr, llvm_data) = ours[name], theirs[name]
        assert addr == llvm_addr, name
        if data != llvm_data:
            diff = next(i for i in range(min(len(data), len(llvm_data)) + 1)
                        if i >= min(len(data), len(llvm_data)) or data[i] != llvm_data[i])
            at = diff & ~3
            src = prog.lines.get(addr + at)
            pytest.fail(f"{name} differs at {addr + diff:#x} ({src}): "
                        f"vmlab {data[at:at + 8].hex()} llvm {llvm_data[at:at + 8].hex()} "
                        f"(sizes {len(data)} / {len(llvm_data)})")
    labels, globs = elf_symbols(result.elf)
    # LLVM also lists symbols assigned an address (".set here, ."); vmlab keeps only labels.
    assigned = set(re.findall(r"^\s*(?:\.set|\.equ|\.equiv)\s+([\w.$]+)|^\s*([\w.$]+)\s*=",
                              path.read_text(), re.M))
    for names in assigned:
        for n in names:
            labels.pop(n, None)
    assert {n: a for n, a in prog.symbols.items() if n in labels} == labels
    assert {n for n in prog.symbols if not n.startswith(".L")} == set(labels)
    assert globs <= prog.global_symbols
