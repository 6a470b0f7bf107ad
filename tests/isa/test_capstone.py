"""vmlab's decoder and disassembler against Capstone, an independent RISC-V disassembler.

Capstone 5's RISC-V decoder comes from LLVM (about LLVM 7). In ``CS_MODE_RISCV32`` without
``CS_MODE_RISCVC`` it decodes only 32-bit words; it always decodes M, and also A, F and D,
which cannot be switched off, so the words of those extensions are listed below as words
vmlab must reject. On random words (half of them built from table entries so that most are
valid) the two must agree on which words are instructions and, for those, on the text, after
normalising formatting only: numbers in one base, CSR operands as numbers. Every remaining
spelling difference is in the DIFFERENCES table with the reason, and a test checks that each
row is still needed. CSR names are compared separately over all 4096 numbers.
"""
from __future__ import annotations

import random
import re
import struct
from dataclasses import dataclass
from typing import Callable

import capstone  # a declared test dependency (pyproject [test]); missing it is an error, not a skip
import pytest

from vmlab.isa import ISA, CSR_NAMES, CSR_NUMBERS, decode
from vmlab.isa.disasm import disassemble

N_WORDS = 100_000
SEED = 20240501

_CS = capstone.Cs(capstone.CS_ARCH_RISCV, capstone.CS_MODE_RISCV32)   # no CS_MODE_RISCVC: no C


def cs_text(word: int) -> str | None:
    """Capstone's text for one little-endian word, or None when it does not decode it."""
    for ins in _CS.disasm(struct.pack("<I", word), 0, 1):
        assert ins.size == 4
        return f"{ins.mnemonic} {ins.op_str}".strip()
    return None


# --------------------------------------------------------------------------------------------
# Words on which the two legitimately disagree about validity


def _opcode(w: int) -> int:
    return w & 0x7F


def _funct3(w: int) -> int:
    return (w >> 12) & 7


@dataclass(frozen=True)
class Category:
    name: str
    matches: Callable[[int], bool]
    mnemonic: str          # regex for capstone's mnemonic on these words (capstone-only rows)
    why: str


# Capstone decodes these; vmlab (RV32IM + Zicsr + Zifencei + privileged) must not.
CAPSTONE_ONLY = [
    Category("A: LR/SC/AMO (opcode AMO 0101111)", lambda w: _opcode(w) == 0x2F,
             r"(lr|sc|amo\w+)\.w(\.aq|\.rl|\.aqrl)?",
             "vmlab implements no A extension"),
    Category("F/D: loads and stores (LOAD-FP, STORE-FP)", lambda w: _opcode(w) in (0x07, 0x27),
             r"f(lw|ld|sw|sd)", "vmlab implements no F or D extension"),
    Category("F/D: fused multiply-add (MADD, MSUB, NMSUB, NMADD)",
             lambda w: _opcode(w) in (0x43, 0x47, 0x4B, 0x4F),
             r"fn?m(add|sub)\.[sd]", "vmlab implements no F or D extension"),
    Category("F/D: OP-FP", lambda w: _opcode(w) == 0x53, r"f[a-z.]+",
             "vmlab implements no F or D extension"),
    Category("N: uret", lambda w: w == 0x00200073, r"uret",
             "user-level interrupts (N) were never ratified and are not in the privileged spec"),
    Category("RV32 shift-immediate with shamt[5] = 1",
             lambda w: _opcode(w) == 0x13 and _funct3(w) in (1, 5) and (w >> 25) & 1,
             r"sll?i|srli|srai",
             "reserved in RV32 (shamt is 5 bits); capstone decodes the RV64 form in RV32 mode"),
]


def _fence_canonical(w: int) -> bool:
    rd, rs1, fm, pred, succ = (w >> 7) & 31, (w >> 15) & 31, w >> 28, (w >> 24) & 15, (w >> 20) & 15
    return rd == 0 and rs1 == 0 and (fm == 0 or (fm == 8 and pred == 3 and succ == 3))


# vmlab decodes these; capstone (and objdump) refuse them.
VMLAB_ONLY = [
    Category("FENCE with nonzero rs1/rd or a reserved fm",
             lambda w: _opcode(w) == 0x0F and _funct3(w) == 0 and not _fence_canonical(w), "",
             'spec (FENCE): "base implementations shall ignore these fields" and shall treat '
             'reserved fm/pred/succ "as normal fences with fm=0000"'),
    Category("FENCE.I with nonzero imm/rs1/rd",
             lambda w: _opcode(w) == 0x0F and _funct3(w) == 1 and w & 0xFFFF8F80, "",
             'spec (Zifencei): the unused fields are reserved, "base implementations shall '
             'ignore these fields"'),
]


# --------------------------------------------------------------------------------------------
# Spelling differences: capstone's text -> the spelling vmlab prints (objdump's)

_F_CSR = {"frflags": "fflags", "fsflags": "fflags", "fsflagsi": "fflags",
          "frrm": "frm", "fsrm": "frm", "fsrmi": "frm", "frcsr": "fcsr", "fscsr": "fcsr"}


def _f_csr_alias(m: re.Match) -> str:
    name, ops = m[1], m[2].split(", ") if m[2] else []
    csr = _F_CSR[name]
    if name.startswith("fr"):                                   # frflags rd = csrrs rd, csr, x0
        return f"csrr {ops[0]}, {csr}"
    imm = name.endswith("i")
    if len(ops) == 1:                                          # fsflags rs = csrrw x0, csr, rs
        return f"csrw{'i' if imm else ''} {csr}, {ops[0]}"
    return f"csrrw{'i' if imm else ''} {ops[0]}, {csr}, {ops[1]}"


@dataclass(frozen=True)
class Difference:
    capstone: str                      # regex over capstone's normalised text
    vmlab: str | Callable              # re.sub replacement giving vmlab's text
    why: str


DIFFERENCES = [
    Difference(r"addi (\w+), zero, (-?\d+)", r"li \1, \2",
               "capstone has no li alias for addi rd, x0, imm; objdump (GNU and LLVM) prints li"),
    Difference(r"mv (\w+), zero", r"li \1, 0",
               "for addi rd, x0, 0 objdump prints li (li precedes mv in binutils' table)"),
    Difference(r"jalr zero, (\w+), (-?\d+)", r"jr \2(\1)",
               "capstone predates the jr off(rs1) alias that GNU and llvm-objdump print"),
    Difference(r"jalr ra, (\w+), (-?\d+)", r"jalr \2(\1)",
               "likewise the jalr off(rs1) alias for rd = ra"),
    Difference(r"jalr (\w+), (\w+), 0", r"jalr \1, \2",
               "objdump drops a zero offset: jalr rd, rs1"),
    Difference(r"jalr (\w+), (\w+), (-?\d+)", r"jalr \1, \3(\2)",
               "objdump writes jalr like a load, rd, off(rs1); capstone writes rd, rs1, off"),
    Difference(r"fence w, unknown", "pause",
               "capstone predates Zihintpause; vmlab names the hint (GNU objdump with Zihintpause)"),
    Difference(r"fence (\w+), unknown|fence unknown, (\w+)|fence unknown, unknown",
               lambda m: m[0].replace("unknown", "0"),
               "an empty predecessor/successor set: capstone prints unknown, GNU objdump 0"),
    Difference(r"(frflags|fsflags|fsflagsi|frrm|fsrm|fsrmi|frcsr|fscsr)(?: (.*))?", _f_csr_alias,
               "F-extension CSR aliases; without F objdump (and vmlab) print the Zicsr form"),
]

# Not a spelling difference but a convention: with the instruction's address known, vmlab
# prints branch and jump *targets* (objdump); capstone prints the *offset*. The comparison
# disassembles with pc=None, where vmlab prints offsets too; test_branch_targets checks the
# target form against capstone's offsets.


# --------------------------------------------------------------------------------------------
# Normalisation: formatting only

_NUM = re.compile(r"(?<![\w.])-?(0x[0-9a-f]+|\d+)\b")
_CSR_MNEMONICS = {"csrrw": 1, "csrrs": 1, "csrrc": 1, "csrrwi": 1, "csrrsi": 1, "csrrci": 1,
                  "csrr": 1, "csrw": 0, "csrs": 0, "csrc": 0, "csrwi": 0, "csrsi": 0, "csrci": 0}


def _capstone_csr_names() -> dict[str, int]:
    names = {}
    for csr in range(4096):
        text = cs_text(csr << 20 | 11 << 15 | 2 << 12 | 10 << 7 | 0x73)    # csrrs a0, csr, a1
        name = text.split(", ")[1]
        if not name.isdigit():
            names[name] = csr
    return names


CAPSTONE_CSR_NUMBERS = _capstone_csr_names()


def normalise(text: str, csr_numbers: dict[str, int]) -> str:
    """Numbers in decimal, the CSR operand as its number; nothing else changes."""
    text = _NUM.sub(lambda m: str(int(m[0], 0)), text)
    mnemonic, _, rest = text.partition(" ")
    if mnemonic in _CSR_MNEMONICS:
        ops = rest.split(", ")
        i = _CSR_MNEMONICS[mnemonic]
        ops[i] = str(csr_numbers.get(ops[i], ops[i]))
        rest = ", ".join(ops)
    return f"{mnemonic} {rest}".strip()


def capstone_as_vmlab(text: str, used: set[int] | None = None) -> str:
    text = normalise(text, CAPSTONE_CSR_NUMBERS)
    for n, d in enumerate(DIFFERENCES):
        m = re.fullmatch(d.capstone, text)
        if m:
            if used is not None:
                used.add(n)
            text = normalise(m.expand(d.vmlab) if isinstance(d.vmlab, str) else d.vmlab(m),
                             CAPSTONE_CSR_NUMBERS)
            break
    return text


def vmlab_text(word: int) -> str:
    return normalise(disassemble(word), CSR_NUMBERS)


# --------------------------------------------------------------------------------------------
# The words

INTERESTING_CSRS = [0x001, 0x002, 0x003, 0xC00, 0xC01, 0xC02, 0xC80, 0xC81, 0xC82, 0x300,
                    0x341, 0x7B2, 0x3BD, 0x3BE, 0x000, 0x040]

# Encodings that exercise every DIFFERENCES row and both sides of every category.
DIRECTED = [
    0x0100000F, 0x0000000F, 0x0800000F, 0x0010000F, 0x0FF0000F, 0x8330000F, 0x8330008F,
    0x0000100F, 0x0010100F, 0x00200073, 0x02001013, 0x42505013, 0x12000073, 0x12050073,
    0xC0001073, 0xC0002573, 0x00000513, 0x00100513, 0x00050593, 0x00850067, 0x008500E7,
    0x00058567, 0x00858567, 0x00102573, 0x00101073, 0x001012F3, 0x00105073, 0x001352F3,
    0x00202573, 0x00231073, 0x00302573, 0x003312F3, 0x00235073, 0x0005202F, 0x00012507,
]


def random_words(n: int, seed: int = SEED):
    rng = random.Random(seed)
    insns = ISA.insns
    yield from DIRECTED
    for k in range(n):
        kind = k % 4
        if kind < 2:                      # a table entry with random operand bits
            ins = rng.choice(insns)
            free = ~ins.mask & 0xFFFFFFFF
            w = ins.match | (rng.getrandbits(32) & free)
            for lsb in (7, 15, 20):       # often x0 in rd/rs1/rs2: that is where aliases live
                if rng.random() < 0.25:
                    w &= ~(31 << lsb & free)
            if rng.random() < 0.15:
                w &= ~(0xFFF << 20 & free)                                  # imm = 0
            elif rng.random() < 0.15:
                w = (w & ~(0xFFF << 20 & free)) | (rng.choice(INTERESTING_CSRS) << 20 & free)
        elif kind == 2:                   # anything at all
            w = rng.getrandbits(32)
        else:                             # any 32-bit major opcode (low bits 11), random rest
            w = (rng.getrandbits(32) & ~0x7F) | rng.getrandbits(5) << 2 | 3
        yield w


# --------------------------------------------------------------------------------------------
# Tests


def test_capstone_mode_decodes_m_and_not_c():
    assert cs_text(0x02B50533) == "mul a0, a0, a1"
    assert cs_text(0x00004501) is None                  # c.li a0, 0 (would be valid with RVC)
    assert cs_text(0x45010513) is not None              # ... and a 32-bit word still decodes
    assert decode(0x00004501) is None


def test_agreement_on_random_words():
    failures = []
    used: set[int] = set()
    seen = {c.name: 0 for c in CAPSTONE_ONLY + VMLAB_ONLY}
    agreed = 0
    for w in random_words(N_WORDS):
        c = cs_text(w)
        v = decode(w)
        cat = next((cat for cat in CAPSTONE_ONLY if cat.matches(w)), None)
        if cat is not None:
            seen[cat.name] += c is not None
            if v is not None or (c is not None and not re.fullmatch(cat.mnemonic, c.split()[0])):
                failures.append(f"{w:#010x} [{cat.name}] capstone {c!r} vmlab {v and disassemble(w)!r}")
            continue
        cat = next((cat for cat in VMLAB_ONLY if cat.matches(w)), None)
        if cat is not None:
            seen[cat.name] += 1
            if v is None or c is not None:
                failures.append(f"{w:#010x} [{cat.name}] capstone {c!r} vmlab {v and disassemble(w)!r}")
            continue
        if (c is None) != (v is None):
            failures.append(f"{w:#010x} decode: capstone {c!r}, vmlab {v and disassemble(w)!r}")
        elif v is not None:
            expected = capstone_as_vmlab(c, used)
            if vmlab_text(w) != expected:
                failures.append(f"{w:#010x} text: capstone {c!r} (as vmlab: {expected!r}), "
                                f"vmlab {disassemble(w)!r}")
            else:
                agreed += 1
    assert not failures, f"{len(failures)} disagreements:\n" + "\n".join(failures[:30])
    assert agreed > N_WORDS // 3
    # Every listed difference and category must still be needed (keeps the tables honest).
    unused = [DIFFERENCES[i].capstone for i in range(len(DIFFERENCES)) if i not in used]
    assert not unused, f"DIFFERENCES rows never used: {unused}"
    assert all(seen.values()), f"categories never seen: {[k for k, v in seen.items() if not v]}"


def test_normalisation_is_formatting_only():
    # Guard against a normaliser that hides real disagreements.
    assert normalise("addi a0, a1, -0x10", {}) == "addi a0, a1, -16"
    assert normalise("lui a0, 0x12345", {}) == "lui a0, 74565"
    assert normalise("csrr a0, mepc", CSR_NUMBERS) == "csrr a0, 833"
    assert normalise("fence.tso", {}) == "fence.tso"
    assert capstone_as_vmlab("addi a0, a1, 5") == "addi a0, a1, 5"
    assert capstone_as_vmlab("jalr a0, a1, -0x10") == "jalr a0, -16(a1)"
    assert capstone_as_vmlab("fsflags t0, t1") == "csrrw t0, 1, t1"
    assert capstone_as_vmlab("beq a0, a1, 8") != capstone_as_vmlab("bne a0, a1, 8")


@pytest.mark.parametrize("word", [0x00B51463, 0xFE000EE3, 0xFFDFF06F, 0x000000EF, 0x7FFFF06F, 0x80000063])
def test_branch_targets(word):
    pc = 0x80000000
    offset = int(cs_text(word).split(", ")[-1].split()[-1], 0)
    assert disassemble(word, pc=pc).split(" ")[-1] == f"{(pc + offset) & 0xFFFFFFFF:#x}"


# CSR names: capstone's table (LLVM ~7, privileged spec 1.10) against vmlab's (privileged
# spec 1.12, H extension, debug spec 1.0). number: (capstone's name, vmlab's name, why)
_N_EXT = "N extension (user-level interrupts): never ratified, not in the privileged spec"
CSR_NAME_DIFFERENCES = {
    0x000: ("ustatus", None, _N_EXT), 0x004: ("uie", None, _N_EXT), 0x005: ("utvec", None, _N_EXT),
    0x040: ("uscratch", None, _N_EXT), 0x041: ("uepc", None, _N_EXT),
    0x042: ("ucause", None, _N_EXT), 0x043: ("utval", None, _N_EXT), 0x044: ("uip", None, _N_EXT),
    0x102: ("sedeleg", None, _N_EXT), 0x103: ("sideleg", None, _N_EXT),
    0x7B2: ("dscratch", "dscratch0", "debug spec 0.13 renamed dscratch to dscratch0 (and added dscratch1)"),
    0x3BD: ("pmpaddr14", "pmpaddr13", "capstone bug: pmpaddr13 and pmpaddr14 swapped (pmpaddrN is 0x3B0+N)"),
    0x3BE: ("pmpaddr13", "pmpaddr14", "capstone bug: pmpaddr13 and pmpaddr14 swapped (pmpaddrN is 0x3B0+N)"),
}
# Names vmlab knows and capstone's older table does not (capstone prints the number).
CSR_NAMES_NEWER_THAN_CAPSTONE = {
    "H extension": "hstatus hedeleg hideleg hie hcounteren hgeie htval hip hvip htinst hgeip "
                   "henvcfg henvcfgh hgatp htimedelta htimedeltah hcontext vsstatus vsie vstvec "
                   "vsscratch vsepc vscause vstval vsip vsatp",
    "privileged spec 1.11/1.12": "senvcfg menvcfg menvcfgh mstatush mtinst mtval2 mcountinhibit "
                                 "mconfigptr mseccfg mseccfgh "
                                 + " ".join(f"pmpcfg{i}" for i in range(4, 16)) + " "
                                 + " ".join(f"pmpaddr{i}" for i in range(16, 64)),
    "debug/trace spec 1.0": "mcontext scontext dscratch1",
}


def test_csr_names():
    newer = {n for group in CSR_NAMES_NEWER_THAN_CAPSTONE.values() for n in group.split()}
    by_number = {v: k for k, v in CAPSTONE_CSR_NUMBERS.items()}
    unexpected = []
    for csr in range(4096):
        theirs, ours = by_number.get(csr), CSR_NAMES.get(csr)
        if csr in CSR_NAME_DIFFERENCES:
            expected = CSR_NAME_DIFFERENCES[csr][:2]
            if (theirs, ours) != expected:
                unexpected.append(f"{csr:#05x}: capstone {theirs}, vmlab {ours}, table says {expected}")
        elif theirs is None and ours in newer:
            newer.discard(ours)
        elif theirs != ours:
            unexpected.append(f"{csr:#05x}: capstone {theirs}, vmlab {ours}")
    assert not unexpected, "\n".join(unexpected)
    assert not newer, f"listed as newer than capstone but not found: {sorted(newer)}"
