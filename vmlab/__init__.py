"""vmlab: learn how virtual machines work by running real RISC-V programs on interchangeable engines.

    >>> from vmlab import Machine
    >>> m = Machine()
    >>> m.load("li a0, 42\\nret")            # assembly text, a .s/.c/ELF path, or ELF bytes
    >>> m.run()
    <StopReason exited with code 42>
"""
from .errors import BackendUnavailable, LoadError, VmlabError  # noqa: F401
from .toolchain import CompileError  # noqa: F401
from .isa.disasm import disassemble  # noqa: F401
from .machine import Machine, Snapshot, Stats  # noqa: F401
from .program import Program, Segment, SourceLine  # noqa: F401
from .stops import StopKind, StopReason  # noqa: F401
from .trap import Trap  # noqa: F401
from .backends import available as available_backends  # noqa: F401

__version__ = "0.1.0"


def assemble(text: str, name: str = "<asm>", base: int = 0x8000_0000) -> Program:
    """Assemble GNU-syntax RISC-V source into a Program (AssemblerError on bad input)."""
    from .asm import assemble as _assemble
    return _assemble(text, name=name, base=base)


def load_elf(src) -> Program:
    """Load an RV32 ELF executable (a path or bytes) into a Program (ElfError on bad input)."""
    from .loader import load_elf as _load_elf
    return _load_elf(src)


def compile_c(source_or_path, opt: str = "-O2", *, name: str | None = None, extra_flags=(),
              debug: bool = True) -> Program:
    """Compile C (source text or a path) for the guest with zig's clang and vmlab's runtime,
    and load it (CompileError with the compiler's messages on bad input); see vmlab.toolchain."""
    from .toolchain import compile_c as _compile_c
    return _compile_c(source_or_path, opt, name=name, extra_flags=extra_flags, debug=debug)


def load_ipython_extension(ipython):  # %load_ext vmlab
    from .magics import load_ipython_extension as _load
    _load(ipython)
