"""Random RISC-V programs generated from the instruction table, for differential testing.

A program is a prologue that installs a trap handler (which skips the trapping instruction)
and points s0 at a data area and s1 at the random code itself, a body of random instructions
drawn from the table (loads and stores mostly s0-relative, sometimes s1-relative so that the
program rewrites its own code, sometimes wild), forward branches and jumps inside the body,
CSR accesses to a safe set of CSRs, and an epilogue that reports through HTIF ``tohost``.
Raw random words appear too (mostly illegal instructions). Runs in system mode, so every trap
is taken by the guest handler and the stream keeps going.
"""
from __future__ import annotations

import random

from hypothesis import strategies as st

from vmlab.isa import ISA
from vmlab.program import Program, Segment

BASE = 0x8000_0000
DATA = BASE + 0x4000
TOHOST = BASE + 0x6000
RESERVED = {8, 9, 31}                 # s0 (data pointer), s1 (code pointer), t6 (trap handler)
SAFE_CSRS = [0x340, 0x341, 0x342, 0x343, 0x300, 0x304, 0x344, 0x301, 0xF14, 0xF11,
             0xB00, 0xB02, 0xB80, 0xB82, 0xC00, 0xC01, 0xC02, 0xC80, 0xC82, 0x320, 0x306, 0x310,
             0x7A0, 0x3A0, 0x3A1, 0x3B0, 0x3BF, 0x3C0, 0x180, 0x303, 0x302]   # the last three are unimplemented here: illegal
E = lambda name, **ops: ISA.by_name[name].encode(**ops)  # noqa: E731


def _reg(r: random.Random, dest: bool = False) -> int:
    while True:
        v = r.choice([0, 1, 2, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30] + list(range(32)))
        if not dest or v not in RESERVED:
            return v


def _imm(r: random.Random, field) -> int:
    lo, hi = field.lo, field.hi
    choice = r.random()
    if choice < 0.3:
        v = r.choice([lo, hi, 0, 1, -1 if field.signed else 2, lo + 1, hi - 1])
    elif choice < 0.6:
        v = r.randint(-16, 16) if field.signed else r.randint(0, 16)
    else:
        v = r.randint(lo, hi)
    v = max(lo, min(hi, v))
    return v - (v % (1 << field.shift))


def random_body(r: random.Random, n: int) -> list[int]:
    insns = [i for i in ISA.insns]
    words: list[int] = []
    for k in range(n):
        if r.random() < 0.03:
            words.append(r.getrandbits(32))
            continue
        ins = r.choice(insns)
        ops = {}
        for f in ins.fields:
            if f.kind == "reg":
                ops[f.name] = _reg(r, dest=(f.name == "rd"))
            elif f.kind == "csr":
                ops[f.name] = r.choice(SAFE_CSRS)
            elif f.kind == "pcrel":
                # forward, inside the body or onto the epilogue; sometimes misaligned by 2
                steps = r.randint(1, max(1, n - k))
                ops[f.name] = 4 * steps + (2 if r.random() < 0.03 else 0)
            else:
                ops[f.name] = _imm(r, f)
        if ins.name in ("lb", "lh", "lw", "lbu", "lhu", "sb", "sh", "sw"):
            p = r.random()
            if p < 0.7:
                ops["rs1"], ops["imm"] = 8, r.randint(-64, 1024)
            elif p < 0.8:
                ops["rs1"], ops["imm"] = 9, 4 * r.randint(0, n) + r.choice([0, 0, 0, 1, 2])
        if ins.name == "jalr" and r.random() < 0.7:
            ops["rs1"], ops["imm"] = 9, 4 * r.randint(k + 1, n)    # forward, via the code pointer
        if ins.name == "wfi" and r.random() < 0.8:
            ins, ops = ISA.by_name["addi"], {"rd": 5, "rs1": 5, "imm": 1}
        words.append(ins.encode(**ops))
    return words


def random_program(seed: int, n: int = 40) -> Program:
    r = random.Random(seed)
    body_addr = BASE + 0x100
    handler = BASE + 0x40
    pro = [
        E("auipc", rd=31, imm=0), E("addi", rd=31, rs1=31, imm=handler - BASE),
        E("csrrw", rd=0, rs1=31, csr=0x305),                       # mtvec = handler
        E("lui", rd=8, imm=DATA >> 12),                             # s0 = data
        E("auipc", rd=9, imm=0), E("addi", rd=9, rs1=9, imm=body_addr - (BASE + 16)),  # s1 = body
    ]
    for reg in (5, 6, 7, 10, 11, 12, 13, 14, 15, 28, 29, 30):      # random register values
        v = r.getrandbits(32)
        hi, lo = (v + 0x800) >> 12 & 0xFFFFF, ((v & 0xFFF) ^ 0x800) - 0x800
        pro += [E("lui", rd=reg, imm=hi), E("addi", rd=reg, rs1=reg, imm=lo)]
    pro.append(E("jal", rd=0, imm=0))                               # patched: jump to body
    # handler: skip the trapping instruction: mepc += 4; mret
    hnd = [E("csrrs", rd=31, rs1=0, csr=0x341), E("addi", rd=31, rs1=31, imm=4),
           E("csrrw", rd=0, rs1=31, csr=0x341), E("mret")]
    body = random_body(r, n)
    # epilogue: tohost = 1 (pass)
    tail = [E("addi", rd=31, rs1=0, imm=1), E("lui", rd=30, imm=TOHOST >> 12),
            E("sw", rs1=30, rs2=31, imm=0), E("jal", rd=0, imm=0)]
    code = bytearray(0x100 + 4 * (len(body) + len(tail)))
    # the prologue is longer than 0x40 bytes: place it, then the handler after it
    pro_bytes = b"".join(w.to_bytes(4, "little") for w in pro)
    handler_off = (len(pro_bytes) + 15) & ~15
    assert handler_off + 16 <= 0x100
    # re-point mtvec at the real handler offset
    pro[1] = E("addi", rd=31, rs1=31, imm=handler_off)
    pro[-1] = E("jal", rd=0, imm=body_addr - (BASE + 4 * (len(pro) - 1)))
    pro_bytes = b"".join(w.to_bytes(4, "little") for w in pro)
    code[0:len(pro_bytes)] = pro_bytes
    code[handler_off:handler_off + 16] = b"".join(w.to_bytes(4, "little") for w in hnd)
    code[0x100:] = b"".join(w.to_bytes(4, "little") for w in body + tail)
    data = bytes(r.getrandbits(8) for _ in range(2048))
    return Program([Segment(".text", BASE, bytes(code)), Segment(".data", DATA - 64, data),
                    Segment(".tohost", TOHOST, bytes(8))],
                   symbols={"_start": BASE, "tohost": TOHOST, "body": body_addr},
                   entry=BASE, name=f"random-{seed}")


def programs(n: int = 40):
    """Hypothesis strategy: random programs (by seed, so failures print a reproducible seed)."""
    return st.integers(min_value=0, max_value=2**32 - 1).map(lambda seed: random_program(seed, n))
