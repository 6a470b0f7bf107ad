"""Zicsr (CSR instructions) and Zifencei (instruction-fetch fence).

csr_access(csr, write) checks that the current privilege may access the CSR (and write it,
when `write`), raising illegal-instruction otherwise, and returns its value; reads have no
side effects. csr_write(csr, value) legalises the value (WARL) and stores it.
"For both CSRRS and CSRRC, if rs1=x0, then the instruction will not write to the CSR at all"
and likewise for a zero immediate; CSRRW always writes. The source register is read before rd
is written, so ``csrrw a0, mscratch, a0`` swaps.
"""
from .spec import insn

E = "Zicsr"
insn("csrrw",  "............ ..... 001 ..... 1110011", "CSR", "{rd}, {csr}, {rs1}",
     "v = X[rs1]\nold = csr_access(csr, True)\nX[rd] = old\ncsr_write(csr, v)", ext=E, system=True)
insn("csrrs",  "............ ..... 010 ..... 1110011", "CSR", "{rd}, {csr}, {rs1}",
     "v = X[rs1]\nold = csr_access(csr, rs1 != 0)\nX[rd] = old\nif rs1 != 0: csr_write(csr, old | v)", ext=E, system=True)
insn("csrrc",  "............ ..... 011 ..... 1110011", "CSR", "{rd}, {csr}, {rs1}",
     "v = X[rs1]\nold = csr_access(csr, rs1 != 0)\nX[rd] = old\nif rs1 != 0: csr_write(csr, old & ~v)", ext=E, system=True)
insn("csrrwi", "............ ..... 101 ..... 1110011", "CSRI", "{rd}, {csr}, {zimm}",
     "old = csr_access(csr, True)\nX[rd] = old\ncsr_write(csr, zimm)", ext=E, system=True)
insn("csrrsi", "............ ..... 110 ..... 1110011", "CSRI", "{rd}, {csr}, {zimm}",
     "old = csr_access(csr, zimm != 0)\nX[rd] = old\nif zimm != 0: csr_write(csr, old | zimm)", ext=E, system=True)
insn("csrrci", "............ ..... 111 ..... 1110011", "CSRI", "{rd}, {csr}, {zimm}",
     "old = csr_access(csr, zimm != 0)\nX[rd] = old\nif zimm != 0: csr_write(csr, old & ~zimm)", ext=E, system=True)

# Zifencei: imm, rs1 and rd are reserved and ignored. Makes stores visible to instruction
# fetch: every backend drops what it decoded or translated.
insn("fence.i", "------------ ----- 001 ----- 0001111", "SYS", "", "fence_i()", ext="Zifencei", system=True)
