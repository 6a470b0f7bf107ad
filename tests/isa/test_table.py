"""The instruction table checked against itself and against the RISC-V specification.

Structure (every pattern covers 32 bits, no two patterns overlap, fields round-trip), then
facts: a table of encodings and opcode/funct values written out from the specification's
opcode map (Unprivileged ISA, "RV32/64G Instruction Set Listings"; Privileged ISA,
"Instruction listing"), independently of vmlab/isa, then every instruction encoded with
random operands, decoded and disassembled back.
"""
from __future__ import annotations

import functools
import random
import re

import pytest
from hypothesis import given, settings, strategies as st

from vmlab.isa import ISA, CSR_NUMBERS, TableError, decode, reg_number
from vmlab.isa import fields as F
from vmlab.isa.disasm import disassemble, fence_set
from vmlab.isa.spec import Insn, Registry

INSNS = {i.name: i for i in ISA.insns}
ALL_FIELDS = sorted({f for f in vars(F).values() if isinstance(f, F.Field)},
                    key=lambda f: (f.name, f.pieces))


def field_id(f: F.Field) -> str:
    return f"{f.name}{list(f.pieces)}"


def ignored_bits(ins: Insn) -> int:
    """Bits marked '-' in the pattern (reserved, ignored by the decoder)."""
    bits = ins.pattern.replace(" ", "")
    return sum(1 << (31 - n) for n, ch in enumerate(bits) if ch == "-")


# --------------------------------------------------------------------------------------------
# Structure of the table


@pytest.mark.parametrize("ins", ISA.insns, ids=lambda i: i.name)
def test_pattern_covers_32_bits(ins):
    fields = 0
    for f in ins.fields:
        assert fields & f.mask == 0, f"{ins.name}: field {f.name} overlaps another field"
        fields |= f.mask
    parts = (ins.mask, fields, ignored_bits(ins))
    assert parts[0] & parts[1] == 0 and parts[0] & parts[2] == 0 and parts[1] & parts[2] == 0
    assert parts[0] | parts[1] | parts[2] == 0xFFFFFFFF
    assert ins.match & ~ins.mask == 0
    # Every 32-bit instruction has 11 in its two lowest bits (16-bit ones do not; no C here).
    assert ins.match & 3 == 3 and ins.mask & 3 == 3


def test_no_two_entries_overlap():
    # Independent of Registry.add: two patterns overlap iff they agree on their common fixed bits.
    insns = ISA.insns
    for n, a in enumerate(insns):
        for b in insns[n + 1:]:
            common = a.mask & b.mask
            assert a.match & common != b.match & common, f"{a.name} and {b.name} overlap"


@pytest.mark.parametrize("ins", ISA.insns, ids=lambda i: i.name)
def test_syntax_names_the_operands(ins):
    shown = re.findall(r"\{(\w+)\}", ins.syntax)
    assert len(shown) == len(set(shown)) and set(shown) <= set(ins.operand_names)
    # FENCE's fm has no assembly syntax: fence.tso is an alias, other fm values are reserved.
    assert set(ins.operand_names) - set(shown) == ({"fm"} if ins.name == "fence" else set())


def test_table_holds_exactly_rv32im_zicsr_zifencei_priv():
    rv32i = """lui auipc jal jalr beq bne blt bge bltu bgeu lb lh lw lbu lhu sb sh sw addi slti
               sltiu xori ori andi slli srli srai add sub sll slt sltu xor srl sra or and fence
               ecall ebreak""".split()
    rv32m = "mul mulh mulhsu mulhu div divu rem remu".split()
    zicsr = "csrrw csrrs csrrc csrrwi csrrsi csrrci".split()
    priv = "mret sret wfi sfence.vma".split()
    assert len(rv32i) == 40
    assert sorted(INSNS) == sorted(rv32i + rv32m + zicsr + ["fence.i"] + priv)
    assert len(ISA.insns) == len(INSNS)


def _insn(name, pattern, fmt="R"):
    return Insn(name, pattern, fmt, "{rd}, {rs1}, {rs2}", "pass", "test")


def test_registry_rejects_overlapping_entry():
    r = Registry()
    r.add(_insn("a", "0000000 ..... ..... 000 ..... 0110011"))
    r.add(_insn("b", "0000001 ..... ..... 000 ..... 0110011"))      # differs in bit 25: fine
    with pytest.raises(TableError, match="c overlaps a"):
        r.add(_insn("c", "0000000 ..... ..... 000 ..... 0110011"))  # the same pattern again
    # Partial overlap: "d" fixes fewer bits, so every word of "a" also matches "d".
    with pytest.raises(TableError, match="d overlaps a"):
        r.add(Insn("d", "............ ..... 000 ..... 0110011", "I", "", "pass", "test"))
    # "-" bits match anything, so they overlap too.
    with pytest.raises(TableError, match="e overlaps"):
        r.add(Insn("e", "------------ ----- 000 ----- 0110011", "SYS", "", "pass", "test"))
    assert [i.name for i in r.insns] == ["a", "b"]
    assert r.decode(0x00B50533).name == "a" and r.decode(0x02B50533).name == "b"


@pytest.mark.parametrize("pattern, fmt, message", [
    ("0000000 ..... ..... 000 ..... 011001", "R", "pattern must be 32"),       # 31 bits
    ("0000000 ..... ..... 000 ..... 0110011 0", "R", "pattern must be 32"),   # 33 bits
    ("0000000 ..... ..... 0x0 ..... 0110011", "R", "pattern must be 32"),     # bad character
    ("0000000 ..... ..... 000 ..... 0110011", "Q", "unknown format"),
    ("0000000 ..... 00000 000 ..... 0110011", "R", "'.' bits"),               # rs1 field fixed
    ("0000000 ..... ..... ... ..... 0110011", "R", "'.' bits"),               # stray '.' bits
])
def test_registry_rejects_malformed_patterns(pattern, fmt, message):
    with pytest.raises(TableError, match=message):
        Registry().add(_insn("x", pattern, fmt))


def test_registry_rejects_duplicate_name():
    r = Registry()
    r.add(_insn("x", "0000000 ..... ..... 000 ..... 0110011"))
    with pytest.raises(TableError, match="defined twice"):
        r.add(_insn("x", "0000001 ..... ..... 000 ..... 0110011"))


# --------------------------------------------------------------------------------------------
# Fields: insert and extract are inverse over the whole range, and insert rejects bad values


def _values(f: F.Field):
    return st.integers(f.lo >> f.shift, f.hi >> f.shift).map(lambda v: v << f.shift)


@pytest.mark.parametrize("f", ALL_FIELDS, ids=field_id)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_field_round_trip(f, data):
    v = data.draw(_values(f))
    word = f.insert(v)
    assert word & ~f.mask == 0
    assert f.extract(word) == v
    assert f.extract(word | ~f.mask & 0xFFFFFFFF) == v      # other bits do not leak in


@pytest.mark.parametrize("f", ALL_FIELDS, ids=field_id)
@settings(max_examples=150, deadline=None)
@given(word=st.integers(0, 0xFFFFFFFF))
def test_field_extract_then_insert(f, word):
    assert f.insert(f.extract(word)) == word & f.mask


@pytest.mark.parametrize("f", [f for f in ALL_FIELDS if f.bits <= 13], ids=field_id)
def test_small_fields_exhaustively(f):
    seen = set()
    for v in range(f.lo, f.hi + 1, 1 << f.shift):
        w = f.insert(v)
        assert f.extract(w) == v
        seen.add(w)
    assert len(seen) == 1 << (f.bits - f.shift)          # a bijection onto the field's bits


@pytest.mark.parametrize("f", ALL_FIELDS, ids=field_id)
@settings(max_examples=100, deadline=None)
@given(excess=st.integers(1, 2**40))
def test_field_rejects_out_of_range(f, excess):
    step = 1 << f.shift
    for bad in (f.hi + excess * step, f.lo - excess * step):
        with pytest.raises(F.FieldRangeError, match="out of range"):
            f.insert(bad)


@pytest.mark.parametrize("f", [f for f in ALL_FIELDS if f.shift], ids=field_id)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_field_rejects_misaligned(f, data):
    v = data.draw(st.integers(f.lo, f.hi).filter(lambda v: v % (1 << f.shift)))
    with pytest.raises(F.FieldRangeError, match="multiple of"):
        f.insert(v)


@pytest.mark.parametrize("f, lo, hi", [
    (F.IMM_I, -2048, 2047), (F.IMM_S, -2048, 2047), (F.IMM_B, -4096, 4094),
    (F.IMM_J, -(1 << 20), (1 << 20) - 2), (F.IMM_U, 0, 0xFFFFF), (F.SHAMT, 0, 31),
    (F.CSR, 0, 4095), (F.ZIMM, 0, 31), (F.RD, 0, 31), (F.FM, 0, 15), (F.PRED, 0, 15),
])
def test_field_ranges_from_spec(f, lo, hi):
    assert (f.lo, f.hi & ~((1 << f.shift) - 1)) == (lo, hi)


# --------------------------------------------------------------------------------------------
# Facts from the specification's opcode map

OPCODES = {  # major opcodes (inst[6:0]) from the base opcode map
    "LOAD": 0b0000011, "MISC-MEM": 0b0001111, "OP-IMM": 0b0010011, "AUIPC": 0b0010111,
    "STORE": 0b0100011, "OP": 0b0110011, "LUI": 0b0110111, "BRANCH": 0b1100011,
    "JALR": 0b1100111, "JAL": 0b1101111, "SYSTEM": 0b1110011,
}

# name: (major opcode, funct3 or None, funct7 or None)
SPEC_FUNCT = {
    "lui": ("LUI", None, None), "auipc": ("AUIPC", None, None), "jal": ("JAL", None, None),
    "jalr": ("JALR", 0b000, None),
    "beq": ("BRANCH", 0b000, None), "bne": ("BRANCH", 0b001, None), "blt": ("BRANCH", 0b100, None),
    "bge": ("BRANCH", 0b101, None), "bltu": ("BRANCH", 0b110, None), "bgeu": ("BRANCH", 0b111, None),
    "lb": ("LOAD", 0b000, None), "lh": ("LOAD", 0b001, None), "lw": ("LOAD", 0b010, None),
    "lbu": ("LOAD", 0b100, None), "lhu": ("LOAD", 0b101, None),
    "sb": ("STORE", 0b000, None), "sh": ("STORE", 0b001, None), "sw": ("STORE", 0b010, None),
    "addi": ("OP-IMM", 0b000, None), "slti": ("OP-IMM", 0b010, None), "sltiu": ("OP-IMM", 0b011, None),
    "xori": ("OP-IMM", 0b100, None), "ori": ("OP-IMM", 0b110, None), "andi": ("OP-IMM", 0b111, None),
    "slli": ("OP-IMM", 0b001, 0b0000000), "srli": ("OP-IMM", 0b101, 0b0000000),
    "srai": ("OP-IMM", 0b101, 0b0100000),
    "add": ("OP", 0b000, 0b0000000), "sub": ("OP", 0b000, 0b0100000), "sll": ("OP", 0b001, 0b0000000),
    "slt": ("OP", 0b010, 0b0000000), "sltu": ("OP", 0b011, 0b0000000), "xor": ("OP", 0b100, 0b0000000),
    "srl": ("OP", 0b101, 0b0000000), "sra": ("OP", 0b101, 0b0100000), "or": ("OP", 0b110, 0b0000000),
    "and": ("OP", 0b111, 0b0000000),
    "mul": ("OP", 0b000, 0b0000001), "mulh": ("OP", 0b001, 0b0000001), "mulhsu": ("OP", 0b010, 0b0000001),
    "mulhu": ("OP", 0b011, 0b0000001), "div": ("OP", 0b100, 0b0000001), "divu": ("OP", 0b101, 0b0000001),
    "rem": ("OP", 0b110, 0b0000001), "remu": ("OP", 0b111, 0b0000001),
    "fence": ("MISC-MEM", 0b000, None), "fence.i": ("MISC-MEM", 0b001, None),
    "ecall": ("SYSTEM", 0b000, None), "ebreak": ("SYSTEM", 0b000, None),
    "csrrw": ("SYSTEM", 0b001, None), "csrrs": ("SYSTEM", 0b010, None), "csrrc": ("SYSTEM", 0b011, None),
    "csrrwi": ("SYSTEM", 0b101, None), "csrrsi": ("SYSTEM", 0b110, None), "csrrci": ("SYSTEM", 0b111, None),
    "mret": ("SYSTEM", 0b000, 0b0011000), "sret": ("SYSTEM", 0b000, 0b0001000),
    "wfi": ("SYSTEM", 0b000, 0b0001000), "sfence.vma": ("SYSTEM", 0b000, 0b0001001),
}


def test_every_entry_has_spec_opcode_and_funct():
    assert set(SPEC_FUNCT) == set(INSNS)
    for name, (major, funct3, funct7) in SPEC_FUNCT.items():
        ins = INSNS[name]
        assert ins.mask & 0x7F == 0x7F and ins.match & 0x7F == OPCODES[major], name
        if funct3 is not None:
            assert (ins.mask >> 12) & 7 == 7 and (ins.match >> 12) & 7 == funct3, name
        else:
            assert (ins.mask >> 12) & 7 == 0, f"{name}: funct3 bits are operand bits"
        if funct7 is not None:
            assert ins.mask >> 25 == 0x7F and ins.match >> 25 == funct7, name


# (instruction, operands, word): worked out by hand from the specification's format diagrams.
KNOWN_ENCODINGS = [
    ("addi", dict(rd=0, rs1=0, imm=0), 0x00000013),            # nop
    ("addi", dict(rd=10, rs1=0, imm=1), 0x00100513),           # li a0, 1
    ("addi", dict(rd=2, rs1=2, imm=-16), 0xFF010113),          # addi sp, sp, -16
    ("ecall", {}, 0x00000073),
    ("ebreak", {}, 0x00100073),
    ("mret", {}, 0x30200073),
    ("sret", {}, 0x10200073),
    ("wfi", {}, 0x10500073),
    ("sfence.vma", dict(rs1=0, rs2=0), 0x12000073),
    ("sfence.vma", dict(rs1=10, rs2=11), 0x12B50073),
    ("fence.i", {}, 0x0000100F),
    ("fence", dict(fm=0, pred=0b1111, succ=0b1111), 0x0FF0000F),  # fence iorw, iorw
    ("fence", dict(fm=0b1000, pred=0b0011, succ=0b0011), 0x8330000F),  # fence.tso
    ("fence", dict(fm=0, pred=0b0001, succ=0), 0x0100000F),   # pause (Zihintpause)
    ("lui", dict(rd=10, imm=0x12345), 0x12345537),
    ("auipc", dict(rd=10, imm=0x12345), 0x12345517),
    ("jal", dict(rd=1, imm=0), 0x000000EF),
    ("jal", dict(rd=0, imm=-4), 0xFFDFF06F),                   # j .-4
    ("jal", dict(rd=0, imm=2), 0x0020006F),                    # imm[1] is inst[21]
    ("jal", dict(rd=0, imm=2048), 0x0010006F),                 # imm[11] is inst[20]
    ("jal", dict(rd=0, imm=4096), 0x0000106F),                 # imm[12] is inst[12]
    ("jalr", dict(rd=0, rs1=1, imm=0), 0x00008067),            # ret
    ("beq", dict(rs1=0, rs2=0, imm=-4), 0xFE000EE3),
    ("bne", dict(rs1=10, rs2=11, imm=8), 0x00B51463),
    ("blt", dict(rs1=0, rs2=0, imm=2048), 0x00004063 | 1 << 7),  # imm[11] is inst[7]
    ("bge", dict(rs1=0, rs2=0, imm=-4096), 0x80005063),        # imm[12] is inst[31]
    ("lw", dict(rd=10, rs1=11, imm=0), 0x0005A503),
    ("lbu", dict(rd=10, rs1=2, imm=-1), 0xFFF14503),
    ("sw", dict(rs1=11, rs2=10, imm=0), 0x00A5A023),
    ("sb", dict(rs1=2, rs2=10, imm=-1), 0xFEA10FA3),
    ("add", dict(rd=10, rs1=10, rs2=11), 0x00B50533),
    ("sub", dict(rd=10, rs1=10, rs2=11), 0x40B50533),
    ("mul", dict(rd=10, rs1=10, rs2=11), 0x02B50533),
    ("remu", dict(rd=10, rs1=10, rs2=11), 0x02B57533),
    ("slli", dict(rd=10, rs1=10, shamt=3), 0x00351513),
    ("srai", dict(rd=10, rs1=10, shamt=31), 0x41F55513),
    ("csrrs", dict(rd=10, rs1=0, csr=0x341), 0x34102573),      # csrr a0, mepc
    ("csrrw", dict(rd=0, rs1=10, csr=0x341), 0x34151073),      # csrw mepc, a0
    ("csrrw", dict(rd=0, rs1=0, csr=0xC00), 0xC0001073),       # unimp
    ("csrrwi", dict(rd=0, zimm=1, csr=0x340), 0x3400D073),     # csrwi mscratch, 1
]


@pytest.mark.parametrize("name, ops, word", KNOWN_ENCODINGS,
                         ids=[f"{n}-{w:08x}" for n, _, w in KNOWN_ENCODINGS])
def test_known_encodings(name, ops, word):
    ins = INSNS[name]
    full = {f.name: 0 for f in ins.fields} | ops
    assert ins.encode(**ops) == word
    assert decode(word) is ins
    assert ins.decode_operands(word) == full


@pytest.mark.parametrize("word", [
    0x00000000,            # all zeros: defined to be illegal
    0xFFFFFFFF,            # all ones: likewise
    0x00000001, 0x00004501,  # 16-bit (compressed) encodings: low bits are not 11
    0x0000000B,            # custom-0
    0x0000001B, 0x0000003B,  # OP-IMM-32 / OP-32 are RV64 only
    0x00003003,            # LOAD funct3 011 (ld) is RV64
    0x00003023,            # STORE funct3 011 (sd) is RV64
    0x02001013,            # slli with shamt[5] = 1: reserved in RV32
    0x00200073,            # uret (N extension, not in the ratified spec)
    0x00000873,            # ecall with rd != 0
    0x7B200073,            # dret (debug mode only)
    0x0000200F,            # MISC-MEM funct3 010
    0x00002067,            # jalr funct3 010
    0x00000053,            # OP-FP (no F)
    0x0000202F,            # AMO (no A)
])
def test_known_illegal_words(word):
    assert decode(word) is None
    assert disassemble(word) == f".word {word:#010x}"


# --------------------------------------------------------------------------------------------
# Every instruction: encode random operands, decode them back, disassemble them


@functools.cache
def _ops_strategy(ins: Insn):
    return st.fixed_dictionaries({f.name: _values(f) for f in ins.fields})


def _parse_operand(kind: str, text: str) -> int:
    if kind == "reg":
        return reg_number(text)
    if kind == "csr":
        return CSR_NUMBERS[text] if text in CSR_NUMBERS else int(text, 0)
    if kind == "fence":
        return 0 if text == "0" else sum(b for ch, b in zip("iorw", (8, 4, 2, 1)) if ch in text)
    return int(text, 0)


def parse_disassembly(ins: Insn, text: str) -> dict[str, int]:
    """Operands read back from `text` with the syntax of the alias or instruction it names.

    The inverse of the disassembler's formatting, written separately here so that a
    formatting slip (a wrong name, sign or base) shows up as a round-trip failure.
    """
    mnemonic, _, rest = text.partition(" ")
    kinds = {f.name: f.kind for f in ins.fields}
    candidates = [(a.syntax, a.fixed) for a in ISA.aliases if a.base is ins and a.name == mnemonic]
    if mnemonic == ins.name:
        candidates.append((ins.syntax, {}))
    for syntax, fixed in candidates:
        pattern = re.sub(r"\\\{(\w+)\\\}", lambda m: rf"(?P<{m[1]}>[^,()\s]+)", re.escape(syntax))
        m = re.fullmatch(pattern, rest)
        if m:
            return dict(fixed) | {k: _parse_operand(kinds[k], v) for k, v in m.groupdict().items()}
    raise AssertionError(f"{text!r} matches no syntax of {ins.name}")


def expected_mnemonic(ins: Insn, ops: dict[str, int]) -> str:
    """objdump's rule: the first alias (in table order) whose fixed operands all match."""
    for a in ISA.aliases:
        if a.base is ins and a.disasm and all(ops[k] == v for k, v in a.fixed.items()):
            return a.name
    return ins.name


def check_round_trip(ins: Insn, ops: dict[str, int], noise: int) -> None:
    """encode -> decode gives `ins` and `ops` back, ignored bits change nothing, and the
    disassembly names the right mnemonic and reads back as the same operands."""
    word = ins.encode(**ops)
    assert decode(word) is ins
    assert ins.decode_operands(word) == ops
    noisy = word | noise & ignored_bits(ins)
    assert decode(noisy) is ins and ins.decode_operands(noisy) == ops

    text = disassemble(word)
    # FENCE's fm has no assembly syntax (only the fence.tso alias names a value); a reserved
    # fm executes as fm=0000 and is printed like it, so the base form gives back pred and succ.
    base_ops = {k: v for k, v in ops.items() if not (ins.name == "fence" and k == "fm")}
    assert text.split(" ")[0] == expected_mnemonic(ins, ops)
    assert parse_disassembly(ins, text) == (base_ops if text.startswith(ins.name + " ") else ops)
    raw = disassemble(word, aliases=False)
    assert raw.split(" ")[0] == ins.name
    assert parse_disassembly(ins, raw) == base_ops


@pytest.mark.parametrize("ins", ISA.insns, ids=lambda i: i.name)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_encode_decode_disassemble(ins, data):
    # Hypothesis tries the edges of every field (0, -1, extremes) and shrinks failures.
    ops = data.draw(_ops_strategy(ins))
    check_round_trip(ins, ops, data.draw(st.integers(0, 0xFFFFFFFF)))


@pytest.mark.parametrize("ins", ISA.insns, ids=lambda i: i.name)
def test_encode_decode_disassemble_bulk(ins):
    rng = random.Random(ins.name)
    for _ in range(500):
        ops = {f.name: rng.randrange(f.lo >> f.shift, (f.hi >> f.shift) + 1) << f.shift
               for f in ins.fields}
        for name in ("rd", "rs1", "rs2", "imm"):     # x0 and zero offsets are where aliases live
            if name in ops and rng.random() < 0.3:
                ops[name] = 0
        check_round_trip(ins, ops, rng.getrandbits(32))


@pytest.mark.parametrize("ins", ISA.insns, ids=lambda i: i.name)
def test_random_words_with_fixed_bits_decode(ins):
    rng = random.Random(ins.name)
    for _ in range(200):
        word = ins.match | (rng.getrandbits(32) & ~ins.mask)
        assert decode(word) is ins


def test_every_alias_is_complete_and_reachable():
    rng = random.Random(7)
    for a in ISA.aliases:
        names = {f.name: f for f in a.base.fields}
        assert set(a.fixed) <= set(names), a.name
        for k, v in a.fixed.items():
            names[k].check(v)
        shown = set(re.findall(r"\{(\w+)\}", a.syntax))
        # Every operand is either fixed by the alias or written in its syntax, never both.
        assert shown | set(a.fixed) == set(names) and not shown & set(a.fixed), a.name
        if not a.disasm:
            continue
        # Some operand values make the disassembler choose this alias (no earlier alias hides it).
        for _ in range(50):
            ops = {n: rng.randrange(f.lo >> f.shift, (f.hi >> f.shift) + 1) << f.shift
                   for n, f in names.items()} | a.fixed
            text = disassemble(a.base.encode(**ops))
            if text.split(" ")[0] == a.name and parse_disassembly(a.base, text) == ops:
                break
        else:
            raise AssertionError(f"alias {a.name} {a.syntax!r} of {a.base.name} is never printed")


@pytest.mark.parametrize("word, text", [
    (0x00000013, "nop"),
    (0x00100513, "li a0, 1"),
    (0x00050593, "mv a1, a0"),
    (0x00000513, "li a0, 0"),
    (0xFFF54513, "not a0, a0"),
    (0x40B00533, "neg a0, a1"),
    (0x00008067, "ret"),
    (0x00050067, "jr a0"),
    (0x00850067, "jr 8(a0)"),
    (0x000500E7, "jalr a0"),
    (0x008500E7, "jalr 8(a0)"),
    (0x00058567, "jalr a0, a1"),
    (0x00858567, "jalr a0, 8(a1)"),
    (0x000000EF, "jal 0"),
    (0x0000006F, "j 0"),
    (0x0000056F, "jal a0, 0"),
    (0xFE000EE3, "beqz zero, -4"),
    (0x00B51463, "bne a0, a1, 8"),
    (0x0FF0000F, "fence"),
    (0x8330000F, "fence.tso"),
    (0x0100000F, "pause"),
    (0x0230000F, "fence r, rw"),
    (0x0000000F, "fence 0, 0"),
    (0x0000100F, "fence.i"),
    (0x12000073, "sfence.vma"),
    (0x12050073, "sfence.vma a0"),
    (0x12B50073, "sfence.vma a0, a1"),
    (0xC0001073, "unimp"),
    (0xC0002573, "rdcycle a0"),
    (0xC8202573, "rdinstreth a0"),
    (0x34102573, "csrr a0, mepc"),
    (0x34151073, "csrw mepc, a0"),
    (0x3400D073, "csrwi mscratch, 1"),
    (0x7FF02573, "csrr a0, 0x7ff"),
    (0x12345537, "lui a0, 0x12345"),
    (0xFEA10FA3, "sb a0, -1(sp)"),
    (0x41F55513, "srai a0, a0, 31"),
    (0x00B50533, "add a0, a0, a1"),
])
def test_disassembly_text(word, text):
    assert disassemble(word) == text


def test_pc_relative_targets_and_symbols():
    assert disassemble(0x00B51463, pc=0x80000000) == "bne a0, a1, 0x80000008"
    assert disassemble(0xFFDFF06F, pc=0x80000010, symbols={"loop": 0x80000008}) == "j 0x8000000c <loop+0x4>"
    assert disassemble(0x000000EF, pc=0x80000000, symbols={"main": 0x80000000}) == "jal 0x80000000 <main>"


def test_fence_set_letters():
    assert [fence_set(b) for b in (0, 1, 2, 3, 8, 15)] == ["0", "w", "r", "rw", "i", "iorw"]
