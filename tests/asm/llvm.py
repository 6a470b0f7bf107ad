"""LLVM as the oracle for vmlab's assembler: assemble and link with clang/lld from the ziglang package.

Each source is assembled by clang (``-mno-relax``, RV32IM, no compressed instructions) and linked
by ld.lld with a linker script that places ``.text``, ``.rodata``, ``.data`` and ``.bss`` at the
addresses vmlab chose, collecting input sections by name the way vmlab maps them. The ELF's
section bytes and symbols are then directly comparable with the vmlab Program.
"""
from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

MCPU = "generic_rv32+m+zihintpause"     # pause is a fence hint; LLVM wants the extension named
CC_FLAGS = ["-c", "-target", "riscv32-freestanding-none", f"-mcpu={MCPU}", "-mno-relax"]

# Output section -> input section patterns, mirroring vmlab.asm's mapping by name prefix.
INPUTS = {
    ".text": ".text .text.*",
    ".rodata": ".rodata .rodata.* .srodata .srodata.*",
    ".data": ".data .data.* .sdata .sdata.*",
    ".bss": ".bss .bss.* .sbss .sbss.*",
}


def zig() -> str:
    """Path of the zig executable of the ziglang package (a test dependency: fail, don't skip)."""
    try:
        import ziglang
    except ImportError:
        pytest.fail("the LLVM oracle needs the 'ziglang' package (pip install ziglang): "
                    "it is a declared test dependency of vmlab")
    base = Path(ziglang.__file__).parent
    exe = base / ("zig.exe" if os.name == "nt" else "zig")
    if not exe.exists():
        pytest.fail(f"ziglang is installed but {exe} is missing")
    return str(exe)


def linker_script(program) -> str:
    """Place each output section where vmlab placed it (empty ones just follow)."""
    addrs = {s.name: s.addr for s in program.segments}
    lines = ["SECTIONS {"]
    for out, patterns in INPUTS.items():
        at = f"{addrs[out]:#x} " if out in addrs else ""
        lines.append(f"  {out} {at}: {{ *({patterns}) }}")
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass
class LinkResult:
    elf: Path | None
    log: str


def build(zig_exe: str, src: Path, script: str, workdir: Path) -> LinkResult:
    """Assemble `src` with clang and link it with `script`; returns the ELF (None on failure)."""
    obj, ld, elf = workdir / (src.stem + ".o"), workdir / (src.stem + ".ld"), workdir / (src.stem + ".elf")
    ld.write_text(script)
    cc = subprocess.run([zig_exe, "cc", *CC_FLAGS, str(src), "-o", str(obj)],
                        capture_output=True, text=True, cwd=workdir)
    if cc.returncode:
        return LinkResult(None, "clang: " + cc.stderr)
    lk = subprocess.run([zig_exe, "ld.lld", "-T", str(ld), "--entry=0", str(obj), "-o", str(elf)],
                        capture_output=True, text=True, cwd=workdir)
    if lk.returncode:
        return LinkResult(None, "ld.lld: " + lk.stderr)
    return LinkResult(elf, cc.stderr + lk.stderr)


def build_all(jobs: list[tuple[Path, str]], workdir: Path, workers: int = 2) -> list[LinkResult]:
    """build() for many (source, linker script) pairs, a couple at a time."""
    zig_exe = zig()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: build(zig_exe, job[0], job[1], workdir), jobs))


def elf_sections(elf: Path) -> dict[str, tuple[int, bytes]]:
    """Allocated output sections: name -> (address, bytes; zeros for .bss)."""
    from elftools.elf.elffile import ELFFile
    out = {}
    with open(elf, "rb") as f:
        e = ELFFile(f)
        for s in e.iter_sections():
            if s.name in INPUTS and s["sh_size"]:
                data = bytes(s["sh_size"]) if s["sh_type"] == "SHT_NOBITS" else s.data()
                out[s.name] = (s["sh_addr"], data)
    return out


def elf_symbols(elf: Path) -> tuple[dict[str, int], set[str]]:
    """Labels (defined, non-temporary, not mapping symbols) and the names bound GLOBAL."""
    from elftools.elf.elffile import ELFFile
    labels, globs = {}, set()
    with open(elf, "rb") as f:
        symtab = ELFFile(f).get_section_by_name(".symtab")
        for sym in symtab.iter_symbols():
            name, shndx = sym.name, sym["st_shndx"]
            if not name or name.startswith((".L", "$")) or shndx in ("SHN_UNDEF", "SHN_ABS"):
                continue
            if sym["st_info"]["type"] in ("STT_NOTYPE", "STT_FUNC", "STT_OBJECT"):
                labels[name] = sym["st_value"]
                if sym["st_info"]["bind"] == "STB_GLOBAL":
                    globs.add(name)
    return labels, globs
