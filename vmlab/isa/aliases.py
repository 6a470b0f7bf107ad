"""Pseudo-instructions that are one base instruction with operands fixed (riscv-opcodes' pseudo ops).

The disassembler prints the first matching alias with ``disasm=True`` (objdump's choices);
the assembler accepts every alias. Multi-instruction pseudo-instructions (li of a large
constant, la, call, tail, lw/sw with a symbol) expand in the assembler.
"""
from .spec import alias

# (name, base, fixed operands, syntax of the remaining operands[, disasm])
_ALIASES = [
    ("nop",   "addi",  {"rd": 0, "rs1": 0, "imm": 0}, ""),
    ("li",    "addi",  {"rs1": 0}, "{rd}, {imm}"),
    ("mv",    "addi",  {"imm": 0}, "{rd}, {rs1}"),
    ("not",   "xori",  {"imm": -1}, "{rd}, {rs1}"),
    ("neg",   "sub",   {"rs1": 0}, "{rd}, {rs2}"),
    ("seqz",  "sltiu", {"imm": 1}, "{rd}, {rs1}"),
    ("snez",  "sltu",  {"rs1": 0}, "{rd}, {rs2}"),
    ("sltz",  "slt",   {"rs2": 0}, "{rd}, {rs1}"),
    ("sgtz",  "slt",   {"rs1": 0}, "{rd}, {rs2}"),
    ("beqz",  "beq",   {"rs2": 0}, "{rs1}, {imm}"),
    ("bnez",  "bne",   {"rs2": 0}, "{rs1}, {imm}"),
    ("blez",  "bge",   {"rs1": 0}, "{rs2}, {imm}"),
    ("bgez",  "bge",   {"rs2": 0}, "{rs1}, {imm}"),
    ("bltz",  "blt",   {"rs2": 0}, "{rs1}, {imm}"),
    ("bgtz",  "blt",   {"rs1": 0}, "{rs2}, {imm}"),
    ("bgt",   "blt",   {}, "{rs2}, {rs1}, {imm}", False),
    ("ble",   "bge",   {}, "{rs2}, {rs1}, {imm}", False),
    ("bgtu",  "bltu",  {}, "{rs2}, {rs1}, {imm}", False),
    ("bleu",  "bgeu",  {}, "{rs2}, {rs1}, {imm}", False),
    ("j",     "jal",   {"rd": 0}, "{imm}"),
    ("jal",   "jal",   {"rd": 1}, "{imm}"),
    # jalr spellings in objdump's order (binutils riscv-opc.c; llvm-objdump agrees)
    ("ret",   "jalr",  {"rd": 0, "rs1": 1, "imm": 0}, ""),
    ("jr",    "jalr",  {"rd": 0, "imm": 0}, "{rs1}"),
    ("jr",    "jalr",  {"rd": 0}, "{imm}({rs1})"),
    ("jalr",  "jalr",  {"rd": 1, "imm": 0}, "{rs1}"),
    ("jalr",  "jalr",  {"rd": 1}, "{imm}({rs1})"),
    ("jalr",  "jalr",  {"imm": 0}, "{rd}, {rs1}"),
    ("fence.tso", "fence", {"fm": 8, "pred": 3, "succ": 3}, ""),
    ("pause", "fence", {"fm": 0, "pred": 1, "succ": 0}, ""),
    ("fence", "fence", {"fm": 0, "pred": 15, "succ": 15}, ""),
    # sfence.vma with x0 operands omitted, as objdump prints it
    ("sfence.vma", "sfence.vma", {"rs1": 0, "rs2": 0}, ""),
    ("sfence.vma", "sfence.vma", {"rs2": 0}, "{rs1}"),
    # The canonical 32-bit "unimp" (csrw cycle, x0: a write to a read-only CSR, so it traps);
    # compilers emit it for __builtin_trap(). Before csrw so the disassembler prefers it.
    ("unimp", "csrrw", {"rd": 0, "csr": 0xC00, "rs1": 0}, ""),
    # Counter reads: objdump prints these rather than csrr, so they come before csrr.
    ("rdcycle",    "csrrs", {"rs1": 0, "csr": 0xC00}, "{rd}"),
    ("rdtime",     "csrrs", {"rs1": 0, "csr": 0xC01}, "{rd}"),
    ("rdinstret",  "csrrs", {"rs1": 0, "csr": 0xC02}, "{rd}"),
    ("rdcycleh",   "csrrs", {"rs1": 0, "csr": 0xC80}, "{rd}"),
    ("rdtimeh",    "csrrs", {"rs1": 0, "csr": 0xC81}, "{rd}"),
    ("rdinstreth", "csrrs", {"rs1": 0, "csr": 0xC82}, "{rd}"),
    ("csrr",  "csrrs", {"rs1": 0}, "{rd}, {csr}"),
    ("csrw",  "csrrw", {"rd": 0}, "{csr}, {rs1}"),
    ("csrs",  "csrrs", {"rd": 0}, "{csr}, {rs1}"),
    ("csrc",  "csrrc", {"rd": 0}, "{csr}, {rs1}"),
    ("csrwi", "csrrwi", {"rd": 0}, "{csr}, {zimm}"),
    ("csrsi", "csrrsi", {"rd": 0}, "{csr}, {zimm}"),
    ("csrci", "csrrci", {"rd": 0}, "{csr}, {zimm}"),
    # Assembler-only spellings (the disassembler prints the csrr/csrw forms above)
    ("csrw",  "csrrwi", {"rd": 0}, "{csr}, {zimm}", False),
    ("csrs",  "csrrsi", {"rd": 0}, "{csr}, {zimm}", False),
    ("csrc",  "csrrci", {"rd": 0}, "{csr}, {zimm}", False),
    # More assembler-only spellings that GNU as and LLVM accept
    ("jalr",   "jalr",   {}, "{rd}, {rs1}, {imm}", False),
    ("zext.b", "andi",   {"imm": 255}, "{rd}, {rs1}", False),
    ("sgt",    "slt",    {}, "{rd}, {rs2}, {rs1}", False),
    ("sgtu",   "sltu",   {}, "{rd}, {rs2}, {rs1}", False),
    ("csrrw",  "csrrwi", {}, "{rd}, {csr}, {zimm}", False),
    ("csrrs",  "csrrsi", {}, "{rd}, {csr}, {zimm}", False),
    ("csrrc",  "csrrci", {}, "{rd}, {csr}, {zimm}", False),
]

for _a in _ALIASES:
    alias(*_a)
