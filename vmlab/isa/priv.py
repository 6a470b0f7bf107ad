"""Privileged instructions (Privileged ISA, "Machine-Mode Privileged Instructions").

The helpers check privilege and raise illegal-instruction where the specification says so:
mret below M-mode; sret always, since this machine has no S-mode; wfi in U-mode when
mstatus.TW=1. sfence.vma is decoded (so the disassembler knows it) but, without S-mode or
paging, it is illegal as well.
"""
from .spec import insn

E = "Priv"
insn("mret", "0011000 00010 00000 000 00000 1110011", "SYS", "", "jump(mret())", ext=E, system=True, privileged=True)
insn("sret", "0001000 00010 00000 000 00000 1110011", "SYS", "", "jump(sret())", ext=E, system=True, privileged=True)
insn("wfi",  "0001000 00101 00000 000 00000 1110011", "SYS", "", "wfi()", ext=E, system=True, privileged=True)
insn("sfence.vma", "0001001 ..... ..... 000 00000 1110011", "SFENCE", "{rs1}, {rs2}",
     "sfence_vma(X[rs1], X[rs2])", ext=E, system=True, privileged=True)
