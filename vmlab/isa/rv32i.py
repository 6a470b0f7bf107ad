"""RV32I base integer instructions (Unprivileged ISA, chapter "RV32I Base Integer Instruction Set").

Each line: name, encoding pattern, format, assembly syntax, semantics. The semantics use the
snippet vocabulary described in :mod:`vmlab.isa.codegen`: X[n] reads a register as an
unsigned 32-bit value, ``X[rd] = e`` writes ``e`` modulo 2**32 (writes to x0 vanish), PC is
this instruction's address, jump(t) sets the next pc, s32() reads a value as signed.
"""
from .spec import insn

E = "I"
# -- Integer computational instructions: register-immediate
insn("lui",   ".................... ..... 0110111", "U", "{rd}, {imm}", "X[rd] = imm << 12", ext=E)
insn("auipc", "....................  ..... 0010111", "U", "{rd}, {imm}", "X[rd] = PC + (imm << 12)", ext=E)
insn("addi",  "............ ..... 000 ..... 0010011", "I", "{rd}, {rs1}, {imm}", "X[rd] = X[rs1] + imm", ext=E)
insn("slti",  "............ ..... 010 ..... 0010011", "I", "{rd}, {rs1}, {imm}", "X[rd] = 1 if s32(X[rs1]) < imm else 0", ext=E)
insn("sltiu", "............ ..... 011 ..... 0010011", "I", "{rd}, {rs1}, {imm}",
     # "the immediate is first sign-extended to XLEN bits then treated as an unsigned number"
     "X[rd] = 1 if X[rs1] < (imm & 0xFFFFFFFF) else 0", ext=E)
insn("xori",  "............ ..... 100 ..... 0010011", "I", "{rd}, {rs1}, {imm}", "X[rd] = X[rs1] ^ imm", ext=E)
insn("ori",   "............ ..... 110 ..... 0010011", "I", "{rd}, {rs1}, {imm}", "X[rd] = X[rs1] | imm", ext=E)
insn("andi",  "............ ..... 111 ..... 0010011", "I", "{rd}, {rs1}, {imm}", "X[rd] = X[rs1] & imm", ext=E)
# RV32: shamt[5] (bit 25) must be 0, otherwise the word is reserved (illegal).
insn("slli",  "0000000 ..... ..... 001 ..... 0010011", "SH", "{rd}, {rs1}, {shamt}", "X[rd] = X[rs1] << shamt", ext=E)
insn("srli",  "0000000 ..... ..... 101 ..... 0010011", "SH", "{rd}, {rs1}, {shamt}", "X[rd] = X[rs1] >> shamt", ext=E)
insn("srai",  "0100000 ..... ..... 101 ..... 0010011", "SH", "{rd}, {rs1}, {shamt}", "X[rd] = s32(X[rs1]) >> shamt", ext=E)
# -- Integer computational instructions: register-register (shift amounts are rs2[4:0])
insn("add",   "0000000 ..... ..... 000 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] + X[rs2]", ext=E)
insn("sub",   "0100000 ..... ..... 000 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] - X[rs2]", ext=E)
insn("sll",   "0000000 ..... ..... 001 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] << (X[rs2] & 31)", ext=E)
insn("slt",   "0000000 ..... ..... 010 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = 1 if s32(X[rs1]) < s32(X[rs2]) else 0", ext=E)
insn("sltu",  "0000000 ..... ..... 011 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = 1 if X[rs1] < X[rs2] else 0", ext=E)
insn("xor",   "0000000 ..... ..... 100 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] ^ X[rs2]", ext=E)
insn("srl",   "0000000 ..... ..... 101 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] >> (X[rs2] & 31)", ext=E)
insn("sra",   "0100000 ..... ..... 101 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = s32(X[rs1]) >> (X[rs2] & 31)", ext=E)
insn("or",    "0000000 ..... ..... 110 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] | X[rs2]", ext=E)
insn("and",   "0000000 ..... ..... 111 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] & X[rs2]", ext=E)
# -- Control transfer. A target that is not 4-byte aligned raises instruction-address-misaligned
#    on the jump itself, and then rd is not written (jump() raises before the write).
insn("jal",   ".................... ..... 1101111", "J", "{rd}, {imm}", "jump(PC + imm)\nX[rd] = PC + 4", ext=E, ends_block=True)
insn("jalr",  "............ ..... 000 ..... 1100111", "I", "{rd}, {imm}({rs1})",
     # "The target address is obtained by adding the sign-extended 12-bit I-immediate to the
     #  register rs1, then setting the least-significant bit of the result to zero."
     "jump((X[rs1] + imm) & ~1)\nX[rd] = PC + 4", ext=E, ends_block=True)
insn("beq",   "....... ..... ..... 000 ..... 1100011", "B", "{rs1}, {rs2}, {imm}", "if X[rs1] == X[rs2]: jump(PC + imm)", ext=E, ends_block=True)
insn("bne",   "....... ..... ..... 001 ..... 1100011", "B", "{rs1}, {rs2}, {imm}", "if X[rs1] != X[rs2]: jump(PC + imm)", ext=E, ends_block=True)
insn("blt",   "....... ..... ..... 100 ..... 1100011", "B", "{rs1}, {rs2}, {imm}", "if s32(X[rs1]) < s32(X[rs2]): jump(PC + imm)", ext=E, ends_block=True)
insn("bge",   "....... ..... ..... 101 ..... 1100011", "B", "{rs1}, {rs2}, {imm}", "if s32(X[rs1]) >= s32(X[rs2]): jump(PC + imm)", ext=E, ends_block=True)
insn("bltu",  "....... ..... ..... 110 ..... 1100011", "B", "{rs1}, {rs2}, {imm}", "if X[rs1] < X[rs2]: jump(PC + imm)", ext=E, ends_block=True)
insn("bgeu",  "....... ..... ..... 111 ..... 1100011", "B", "{rs1}, {rs2}, {imm}", "if X[rs1] >= X[rs2]: jump(PC + imm)", ext=E, ends_block=True)
# -- Loads and stores (little-endian; misaligned accesses complete, see vmlab.bus)
insn("lb",    "............ ..... 000 ..... 0000011", "I", "{rd}, {imm}({rs1})", "X[rd] = load(X[rs1] + imm, 1, True)", ext=E)
insn("lh",    "............ ..... 001 ..... 0000011", "I", "{rd}, {imm}({rs1})", "X[rd] = load(X[rs1] + imm, 2, True)", ext=E)
insn("lw",    "............ ..... 010 ..... 0000011", "I", "{rd}, {imm}({rs1})", "X[rd] = load(X[rs1] + imm, 4, False)", ext=E)
insn("lbu",   "............ ..... 100 ..... 0000011", "I", "{rd}, {imm}({rs1})", "X[rd] = load(X[rs1] + imm, 1, False)", ext=E)
insn("lhu",   "............ ..... 101 ..... 0000011", "I", "{rd}, {imm}({rs1})", "X[rd] = load(X[rs1] + imm, 2, False)", ext=E)
insn("sb",    "....... ..... ..... 000 ..... 0100011", "S", "{rs2}, {imm}({rs1})", "store(X[rs1] + imm, 1, X[rs2])", ext=E)
insn("sh",    "....... ..... ..... 001 ..... 0100011", "S", "{rs2}, {imm}({rs1})", "store(X[rs1] + imm, 2, X[rs2])", ext=E)
insn("sw",    "....... ..... ..... 010 ..... 0100011", "S", "{rs2}, {imm}({rs1})", "store(X[rs1] + imm, 4, X[rs2])", ext=E)
# -- Memory ordering. One hart, no caches to keep coherent: fence orders nothing observable.
#    rs1 and rd are reserved and ignored ("-"), as the specification asks for forward compatibility.
insn("fence", "....  .... .... ----- 000 ----- 0001111", "FENCE", "{pred}, {succ}", "pass", ext=E)
# -- Environment call and breakpoint
insn("ecall",  "000000000000 00000 000 00000 1110011", "SYS", "", "ecall()", ext=E, system=True)
insn("ebreak", "000000000001 00000 000 00000 1110011", "SYS", "", "ebreak()", ext=E, system=True)
