"""The ``vmlab`` command: run, asm, disasm, bench, backends (and lab tools).

Exit status of ``vmlab run``: the guest's exit code (modulo 256) when it exits; 124 when the
step limit or timeout stops it; 2 for bad input (assembly errors, bad ELF, unknown file);
3 when the guest stops with a trap, halts, waits for input that never comes, or makes a
request the environment cannot serve.
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings

from . import __version__
from .errors import VmlabError
from .stops import StopKind

EXIT_BAD_INPUT, EXIT_GUEST_FAULT, EXIT_LIMIT = 2, 3, 124


def _load_program(path: str, base: int | None = None):
    from .machine import to_program
    if not os.path.exists(path):
        raise VmlabError(f"{path}: no such file")
    if base is not None and path.endswith(".bin"):
        from .program import Program, Segment
        data = open(path, "rb").read()
        return Program([Segment(".text", base, data)], entry=base, name=path)
    return to_program(os.fspath(path) if not isinstance(path, str) else path)


def _input_errors():
    """Exception types that mean 'your input is bad' (reported without a traceback)."""
    errs: list[type] = [VmlabError, OSError, UnicodeDecodeError]
    try:
        from .asm import AssemblerError
        errs.append(AssemblerError)
    except ImportError:
        pass
    try:
        from .loader import ElfError
        errs.append(ElfError)
    except ImportError:
        pass
    try:
        from .toolchain import CompileError
        errs.append(CompileError)
    except ImportError:
        pass
    return tuple(errs)


def cmd_run(a) -> int:
    from .machine import Machine
    m = Machine(a.backend, mode=a.mode, syscalls=a.syscalls, stdin=sys.stdin.buffer,
                echo=sys.stdout.buffer, ram_size=a.ram_mib << 20)
    m.load(_load_program(a.file))
    if a.signature:
        m.signature_region(a.signature_granularity)   # no signature region: say so before running
    if a.trace:
        stop = _trace(m, a.max_steps)
    else:
        stop = m.run(max_steps=a.max_steps, timeout=a.timeout)
    sys.stdout.flush()
    if a.signature:                               # whatever the stop: the harness compares it
        with open(a.signature, "w") as f:
            f.write(m.signature(a.signature_granularity))
    if stop.kind is StopKind.EXITED:
        if a.stats:
            print(f"[vmlab] {m.stats}", file=sys.stderr)
        return stop.code & 0xFF
    print(f"\n[vmlab] {stop}", file=sys.stderr)
    if a.stats:
        print(f"[vmlab] {m.stats}", file=sys.stderr)
    if stop.kind is StopKind.STEP_LIMIT or (stop.kind is StopKind.PAUSED and stop.message == "timeout"):
        return EXIT_LIMIT
    if stop.kind is StopKind.PAUSED:
        return 130
    return EXIT_GUEST_FAULT


def _trace(m, max_steps):
    """Print every instruction with the registers it changed (like spike -l)."""
    from .isa.regs import ABI_NAMES
    limit = max_steps if max_steps is not None else 1 << 62
    stop = None
    out = sys.stderr
    for _ in range(limit):
        pc = m.pc
        before = list(m.state.x)
        text = m.disassemble(pc, 1)
        stop = m.step(1)
        changes = [f"{ABI_NAMES[i]}={m.state.x[i]:#x}" for i in range(32) if m.state.x[i] != before[i]]
        line = f"{pc:08x}: {text[0][2] if text else '?':<32}"
        if changes:
            line += " ; " + " ".join(changes)
        print(line, file=out)
        if stop.kind is not StopKind.STEP_LIMIT:
            return stop
    return stop


def cmd_asm(a) -> int:
    from .asm import assemble
    with open(a.file) as f:
        prog = assemble(f.read(), name=a.file)
    if a.output:
        lo = min(s.addr for s in prog.segments)
        hi = max(s.end for s in prog.segments)
        image = bytearray(hi - lo)
        for s in prog.segments:
            image[s.addr - lo:s.end - lo] = s.data
        with open(a.output, "wb") as f:
            f.write(image)
        print(f"wrote {len(image)} bytes ({lo:#x}..{hi:#x}) to {a.output}; entry {prog.entry:#x}")
        return 0
    _listing(prog, with_source=True)
    return 0


def _listing(prog, with_source: bool = False) -> None:
    from .isa.disasm import SymbolLookup, disassemble
    lookup = SymbolLookup(prog.symbols)
    by_addr: dict[int, list[str]] = {}
    for name, addr in prog.symbols.items():
        by_addr.setdefault(addr, []).append(name)
    for seg in prog.segments:
        print(f"\nsection {seg.name} [{seg.addr:#010x}, {seg.end:#010x}) {seg.flags}")
        code = "x" in seg.flags or seg.name.startswith(".text")
        step = 4 if code else 16
        for off in range(0, len(seg.data), step):
            addr = seg.addr + off
            for name in sorted(by_addr.get(addr, [])):
                print(f"\n{addr:08x} <{name}>:")
            chunk = seg.data[off:off + step]
            src = prog.lines.get(addr)
            tail = f"    # {src.line}: {src.text.strip()}" if with_source and src and src.text else ""
            if code and len(chunk) == 4:
                w = int.from_bytes(chunk, "little")
                print(f"{addr:08x}:  {w:08x}  {disassemble(w, addr, lookup):<36}{tail}")
            else:
                print(f"{addr:08x}:  {chunk.hex(' ')}")


def cmd_disasm(a) -> int:
    prog = _load_program(a.file, base=a.base)
    _listing(prog, with_source=a.source)
    return 0


def cmd_bench(a) -> int:
    from .bench import format_results, run_bench
    backends = a.backends.split(",") if a.backends else None
    workloads = a.workloads.split(",") if a.workloads else None
    extra = []
    for path in a.programs or []:
        extra.append((os.path.basename(path), _load_program(path)))

    def progress(w, b):
        print(f"  running {w} on {b} ...", file=sys.stderr, flush=True)
    results = run_bench(backends, workloads, a.repeat, progress if not a.quiet else None, extra)
    print(format_results(results, a.repeat))
    return 1 if any(r.error for r in results) else 0


def cmd_backends(a) -> int:
    from .backends import REGISTRY, unavailable
    bad = unavailable()
    for name, (_, _, doc) in REGISTRY.items():
        status = "unavailable: " + bad[name] if name in bad else "available"
        print(f"{name:<12} {doc}\n{'':<12} {status}")
    return 0


def cmd_lab(a) -> int:
    from .labtools import make_student_version
    n = make_student_version(a.src, a.dest)
    print(f"wrote {a.dest}: {n} solution(s) replaced by placeholders")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vmlab", description="RISC-V virtual machines for learning.")
    p.add_argument("--version", action="version", version=f"vmlab {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("run", help="assemble/compile/load FILE and run it",
                       description="Run a program (.s assembly, .c source, or RV32 ELF). "
                                   "Exits with the guest's exit code.")
    r.add_argument("file")
    r.add_argument("--backend", "-b", default="interp")
    r.add_argument("--max-steps", "-n", type=int, default=None, help="stop after N instructions")
    r.add_argument("--timeout", type=float, default=None, help="stop after this many seconds")
    r.add_argument("--trace", action="store_true", help="print every instruction executed (stderr)")
    r.add_argument("--mode", choices=["process", "system"], default=None)
    r.add_argument("--syscalls", choices=["rars", "venus"], default="rars")
    r.add_argument("--ram-mib", type=int, default=16)
    r.add_argument("--stats", action="store_true", help="print instructions, seconds and MIPS")
    r.add_argument("--signature", metavar="FILE",
                   help="after the run, write the memory from begin_signature to end_signature to FILE, "
                        "as Spike's +signature does (RISC-V architecture tests, RISCOF)")
    r.add_argument("--signature-granularity", type=int, default=4, metavar="BYTES",
                   help="bytes per line of the signature file (default 4)")
    r.set_defaults(fn=cmd_run)

    s = sub.add_parser("asm", help="assemble FILE: print a listing, or write a binary image with -o")
    s.add_argument("file")
    s.add_argument("-o", "--output")
    s.set_defaults(fn=cmd_asm)

    d = sub.add_parser("disasm", help="disassemble an ELF, a .s file or a raw .bin (with --base)")
    d.add_argument("file")
    d.add_argument("--base", type=lambda s: int(s, 0), default=None, help="load address of a .bin")
    d.add_argument("--source", action="store_true", help="show source lines beside instructions")
    d.set_defaults(fn=cmd_disasm)

    b = sub.add_parser("bench", help="run the benchmark workloads on every available backend")
    b.add_argument("--backends", help="comma-separated backend names (default: all available)")
    b.add_argument("--workloads", help="comma-separated workload names (default: all)")
    b.add_argument("--repeat", type=int, default=3)
    b.add_argument("--quiet", action="store_true")
    b.add_argument("programs", nargs="*", help="extra programs to measure (must exit with 0)")
    b.set_defaults(fn=cmd_bench)

    k = sub.add_parser("backends", help="list backends and whether they can run here")
    k.set_defaults(fn=cmd_backends)

    lab = sub.add_parser("lab", help="course tools")
    labsub = lab.add_subparsers(dest="labcmd", required=True)
    st = labsub.add_parser("student", help="write the student version of a lab notebook")
    st.add_argument("src")
    st.add_argument("dest")
    st.set_defaults(fn=cmd_lab)
    return p


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"vmlab: warning: {message}", file=sys.stderr)    # not the library line that raised it


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return args.fn(args)
    except BrokenPipeError:
        # the reader went away (`vmlab disasm big.elf | head`): stop quietly, as cat or objdump
        # do, with 128 + SIGPIPE; output still buffered for the closed pipe goes nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except _input_errors() as e:
        print(f"vmlab: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nvmlab: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
