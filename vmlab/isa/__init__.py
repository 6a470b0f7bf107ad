"""The RISC-V instruction table: the one source of truth for encodings, syntax and semantics.

``ISA`` is the registry. Importing this package registers RV32I, M, Zicsr, Zifencei and the
privileged instructions, then the aliases; everything else (decoder, disassembler, assembler,
backends) is derived from these records.
"""
from .spec import ISA, Alias, Insn, TableError  # noqa: F401
from . import rv32i, rv32m, zicsr, priv, aliases  # noqa: F401  (registration order = table order)
from .causes import Cause  # noqa: F401
from .regs import ABI_NAMES, reg_name, reg_number  # noqa: F401
from .csrs import CSR_NAMES, CSR_NUMBERS, csr_name  # noqa: F401

decode = ISA.decode
