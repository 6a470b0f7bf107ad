"""The vmlab assembler: RISC-V assembly text (GNU as syntax, the subset LLVM accepts) to a Program.

    >>> from vmlab.asm import assemble
    >>> prog = assemble("_start: li a0, 42\\n ecall\\n")
    >>> hex(prog.entry), prog.segments[0].data.hex()
    ('0x80000000', '1305a00273000000')

Instructions, their operand syntax and their encodings come from the instruction table
(:mod:`vmlab.isa`); so do the one-word aliases (mv, j, ret, beqz, csrr ...). The assembler adds
labels and local labels (``1:`` / ``1b`` / ``1f``), constant expressions, ``%hi``/``%lo``/
``%pcrel_hi``/``%pcrel_lo``, the multi-instruction pseudo-instructions (li, la, call, tail,
load/store of a symbol) expanded exactly as LLVM expands them, the usual directives
(sections, data, strings, ``.float``/``.double``, LEB128, alignment, ``.org``, symbols,
``.comm``/``.lcomm``, ``.incbin``, ``.insn r``/``.insn i``), macros in the GNU and the RARS dialects,
``.rept``/``.irp`` and ``.include`` (see :mod:`vmlab.asm.macros`). Errors are collected for
the whole file and raised together as one :class:`AssemblerError`.

The output is checked byte for byte against clang/lld (tests/asm/test_llvm_oracle.py). Where
vmlab knowingly differs from LLVM:

- it is more permissive: constants may be used before their ``.equ``, a difference of labels
  is a constant anywhere once both are known, directives may be upper case, ``call 1f`` works;
- ``'\\0'`` is 0 (as in gas and C; LLVM reads it as ``'0'``);
- a conditional branch to a label in another input section is encoded directly (LLVM, not
  knowing the distance, emits an inverted branch over a ``jal``);
- names shaped like registers (``a0``, ``x40``) cannot be labels or symbols;
- ``.uleb128``/``.sleb128`` need values known where they stand (LLVM relaxes them later), and
  ``.incbin`` reports a skip or count past the end of the file (LLVM takes what is there);
  the rest of the small differences are listed in :mod:`vmlab.asm.directives`.
"""
from .assembler import assemble
from .errors import AssemblerError, Diagnostic

__all__ = ["assemble", "AssemblerError", "Diagnostic"]
