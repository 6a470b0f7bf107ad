"""C programs for the guest: compile with the C compiler of the ``ziglang`` package, link with
vmlab's own small runtime, load as a :class:`~vmlab.program.Program`.

    >>> from vmlab import Machine, compile_c
    >>> prog = compile_c('#include <stdio.h>\\nint main(void) { printf("hi\\\\n"); return 3; }')
    >>> m = Machine(); m.load(prog); m.run()
    <StopReason exited with code 3>

What happens (nothing prebuilt is shipped; everything is built here and cached):

1. The runtime in ``vmlab/runtime/`` (crt0, system calls, stdio and printf, malloc, strings,
   the 64-bit division helpers, ``<math.h>``) is compiled once into ``crt0.o`` and
   ``libvmlab.a`` (cached by the hash of its sources and the compiler version), at -O2, without
   debug information, one section per function so that a program links only what it uses.
2. The program is compiled for RV32IM (``-mcpu=generic_rv32+m``: no compressed instructions;
   ``-mno-relax``: no linker relaxation, so gp is never used and the code is what the
   compiler wrote) and linked with ``runtime/link.ld`` for RAM at 0x80000000: ``_start``
   first, then the program, then the runtime, the heap after ``.bss``, the stack at the top of
   RAM (set by the Machine in process mode).
3. The ELF is loaded with :func:`vmlab.loader.load_elf` (segments, symbols, DWARF lines); the
   program's own lines are named as the user named the file, with their text.

Choices worth knowing:

* The target is ``riscv32-other-none``: a *hosted* C environment without an operating
  system, so zig neither adds ``-ffreestanding`` (which would turn off every builtin: no
  inlined ``memcpy``, no ``printf`` -> ``puts``, as with gcc on Linux) nor brings a libc of its
  own (only clang's ``stdint.h``, ``stddef.h``, ``stdarg.h`` ...); the C library is vmlab's.
  zig adds ``-DNDEBUG`` when optimising; ``-UNDEBUG`` keeps ``assert`` working, as with gcc.
* What clang calls for RV32IM (64-bit ``/`` and ``%``: ``__divdi3``, ``__udivdi3``,
  ``__moddi3``, ``__umoddi3``; ``memcpy``/``memset`` for structures) is in the runtime, short
  enough to read and to step through. Floating point (``float``, ``double``: RV32IM has no F
  or D) comes from zig's compiler-rt, built for the guest once with the runtime (a few
  seconds) and linked after it, so a program without floating point takes nothing from it.
  ``<math.h>`` is half compiler-rt's (sqrt, floor, sin, exp, log ...) and half the runtime's
  ``math.c`` (pow, atan2, hypot ..., and log2 and log10, which compiler-rt gets wrong for some
  subnormal numbers); no ``-lm`` is needed (it is accepted and ignored).
  ``-ffp-contract=off``: ``a * b + c`` is two rounded operations, as on the host with gcc,
  not one fused multiply-add.
* Frame pointers are kept at -O0 only (as clang does for RISC-V by default).

Builds are cached by the hash of everything that goes into them (source, options, runtime,
compiler version and the headers the source includes) in ``$VMLAB_CACHE``, else
``$XDG_CACHE_HOME/vmlab``, else ``~/.cache/vmlab``: a notebook cell that is run again does not
run the compiler again.

Compiler messages keep the compiler's ``file:line:col: error: ...`` form, with the user's own
file name (for source text: the ``name`` given, such as a notebook cell's), never a temporary
path: they are raised as :class:`CompileError`. Warnings are printed to stderr.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

from .errors import VmlabError

__all__ = ["compile_c", "CompileError", "RUNTIME_DIR", "cache_dir", "runtime_functions"]

RUNTIME_DIR = Path(__file__).resolve().parent / "runtime"
INCLUDE_DIR = RUNTIME_DIR / "include"
RUNTIME_SOURCES = ("syscalls.c", "stdio.c", "printf.c", "malloc.c", "string.c", "stdlib.c", "libgcc.c", "math.c",
                   "softfloat.c")
CACHE_VERSION = "6"                      # bump when the build recipe below changes

CPU = "-mcpu=generic_rv32+m"            # RV32IM: no compressed instructions, no F or D
TARGET = ("-target", "riscv32-other-none", CPU, "-mabi=ilp32", "-mno-relax",
          "-fno-sanitize=all", "-ffp-contract=off")
NO_UNWIND = ("-fno-unwind-tables", "-fno-asynchronous-unwind-tables")
RUNTIME_CFLAGS = ("-O2", "-g0", "-fomit-frame-pointer", "-ffreestanding", "-fno-builtin",
                  "-fno-strict-aliasing", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra")
OPT_LEVELS = ("-O0", "-O1", "-O2", "-O3", "-Os", "-Oz", "-Og")
TIMEOUT = 600

INSTALL_HINT = ("compiling C needs the ziglang package (clang and lld in a wheel): "
                "pip install ziglang  (or: pip install 'vmlab[lab]')")


class CompileError(VmlabError):
    """The C compiler or the linker rejected the program; the message has their diagnostics
    (``file:line:col: error: ...``), naming the user's file."""

    def __init__(self, message: str, *, name: str | None = None):
        super().__init__(message)
        self.name = name

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: the compiler's message is the whole story.
        return [f"CompileError: {self}"]


def runtime_functions() -> list[str]:
    """The C library functions the vmlab runtime provides (declared in runtime/include)."""
    names = set()
    for h in INCLUDE_DIR.glob("*.h"):
        # without comments (math.h's say "sqrt(x*x + y*y)"); function-like macros (assert,
        # isnan) count too, and their lines go before declarations are looked for
        text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", h.read_text(), flags=re.S)
        names.update(re.findall(r"^\s*#\s*define\s+(\w+)\(", text, flags=re.M))
        text = re.sub(r"^[ \t]*#(?:.*\\\n)*.*", " ", text, flags=re.M)
        names.update(re.findall(r"\b([A-Za-z_]\w*)\s*\([^;{]*\)\s*(?:__attribute__\(\(.*?\)\))?\s*;",
                                text))
        names.update(re.findall(r"static inline int (\w+)\(", text))
    return sorted(n for n in names if not n.startswith("__") and n not in ("__attribute__",))


# ----------------------------------------------------------------------------------- zig
def _ziglang_dir() -> str | None:
    """The installed ziglang package's directory (zig, and its lib/), or None."""
    import importlib.util
    spec = importlib.util.find_spec("ziglang")
    if spec is None or not spec.submodule_search_locations:
        return None
    return spec.submodule_search_locations[0]


def _zig() -> list[str]:
    here = _ziglang_dir()
    if here is None:
        raise CompileError(INSTALL_HINT)
    exe = os.path.join(here, "zig.exe" if os.name == "nt" else "zig")
    if os.path.isfile(exe) and os.access(exe, os.X_OK):
        return [exe]
    return [sys.executable, "-m", "ziglang"]


_ZIG_VERSION: str | None = None


def _zig_version() -> str:
    global _ZIG_VERSION
    if _ZIG_VERSION is None:
        try:
            from importlib.metadata import version
            _ZIG_VERSION = "ziglang " + version("ziglang")
        except Exception:
            import subprocess
            r = subprocess.run([*_zig(), "version"], capture_output=True, text=True, timeout=60)
            _ZIG_VERSION = "zig " + r.stdout.strip()
    return _ZIG_VERSION


def _run(args: list[str], cwd: str | Path):
    import subprocess
    try:
        return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    except FileNotFoundError as e:
        raise CompileError(f"cannot run the compiler ({e}); {INSTALL_HINT}") from None
    except subprocess.TimeoutExpired:
        raise CompileError(f"the compiler took longer than {TIMEOUT} s and was stopped") from None


# ----------------------------------------------------------------------------------- cache
def cache_dir() -> Path:
    """Where builds are cached: $VMLAB_CACHE, $XDG_CACHE_HOME/vmlab or ~/.cache/vmlab."""
    if os.environ.get("VMLAB_CACHE"):
        return Path(os.environ["VMLAB_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vmlab"


_CHECKED: dict[Path, Path] = {}


def _writable_cache() -> Path:
    d = cache_dir()
    if d in _CHECKED:
        return _CHECKED[d]
    try:
        d.mkdir(parents=True, exist_ok=True)
        probe = d / f".probe-{os.getpid()}"
        probe.write_text("")
        probe.unlink()
        _CHECKED[d] = d
        return d
    except OSError:                      # read-only home: a private directory in /tmp
        import tempfile
        uid = os.getuid() if hasattr(os, "getuid") else "user"
        fallback = Path(tempfile.gettempdir()) / f"vmlab-cache-{uid}"
        fallback.mkdir(parents=True, exist_ok=True)
        _CHECKED[d] = fallback
        return fallback


def _sha(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p if isinstance(p, bytes) else str(p).encode()
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _runtime_hash() -> str:
    files = sorted(p for p in RUNTIME_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return _sha(CACHE_VERSION, _zig_version(), *TARGET, *RUNTIME_CFLAGS,
                *[f"{p.relative_to(RUNTIME_DIR)}\0".encode() + p.read_bytes() for p in files])


def _runtime() -> Path:
    """The directory with crt0.o and libvmlab.a, built on first use."""
    key = _runtime_hash()[:24]
    root = _writable_cache() / "runtime"
    final = root / key
    if all((final / f).is_file() for f in ("libvmlab.a", "crt0.o", "libcompiler_rt.a")):
        return final
    import shutil
    import tempfile
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="build-", dir=root))
    try:
        zig = _zig()
        common = [*zig, "cc", *TARGET, *NO_UNWIND, *RUNTIME_CFLAGS, "-isystem", str(INCLUDE_DIR), "-c"]
        objs = []
        for src in ("crt0.S", *RUNTIME_SOURCES):
            obj = Path(src).stem + ".o"
            r = _run([*common, str(RUNTIME_DIR / src), "-o", obj], cwd=tmp)
            if r.returncode != 0:
                raise CompileError(f"building the vmlab runtime failed ({src}):\n{r.stderr}{r.stdout}")
            if src != "crt0.S":
                objs.append(obj)
        r = _run([*zig, "ar", "rcs", "libvmlab.a", *objs], cwd=tmp)
        if r.returncode != 0:
            raise CompileError(f"building the vmlab runtime library failed:\n{r.stderr}{r.stdout}")
        _build_compiler_rt(zig, tmp)
        for obj in objs:
            os.unlink(tmp / obj)
        try:
            os.rename(tmp, final)
        except OSError:                  # built concurrently by another process: use theirs
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def _build_compiler_rt(zig: list[str], out: Path) -> None:
    """zig's compiler-rt for the guest, as ``out/libcompiler_rt.a``: soft-float arithmetic and
    conversions (``__adddf3``, ``__fixdfsi`` ...) for programs that use float and double (RV32IM
    has no F or D), and about half of ``<math.h>`` (``sqrt``, ``sin``, ``exp`` ..., weak
    symbols). It is linked after libvmlab.a, so the runtime's own memcpy, 64-bit division,
    log10 and so on (short, readable, stepped through in the labs) come first; a program that
    uses no floating point takes nothing from it. Built with the runtime (a few seconds the first
    time; zig's own cache makes later rebuilds of the runtime quick)."""
    # ReleaseFast, not ReleaseSmall: soft-float costs a quarter fewer guest instructions
    # (n-body 6.5 M -> 4.8 M, pow 21 k -> 16 k); only the functions a program calls are linked
    r = _run([*zig, "build-lib", "-target", "riscv32-freestanding-none", CPU,
              "-OReleaseFast", "-ffunction-sections", "-fno-emit-h", "-static",
              os.path.join(_ziglang_dir() or "", "lib", "compiler_rt.zig"), "--name", "compiler_rt",
              f"-femit-bin={out / 'libcompiler_rt.a'}"], cwd=out)
    if r.returncode != 0 or not (out / "libcompiler_rt.a").is_file():
        raise CompileError(f"building zig's compiler-rt (soft-float) for the guest failed:\n{r.stderr}{r.stdout}")


# ----------------------------------------------------------------------------------- diagnostics
RUNTIME_SUMMARY = ("stdio.h: printf, fprintf, sprintf, snprintf, puts, putchar, fputs, getchar, fgets; "
                   "stdlib.h: malloc, calloc, realloc, free, exit, abort, atoi, strtol, abs, qsort, "
                   "bsearch, rand; string.h: mem* and str* functions; ctype.h; assert.h; unistd.h: "
                   "read, write, sbrk; math.h (no -lm needed): sqrt, pow, exp, log, log10, sin, cos, "
                   "tan, atan2, hypot, floor, ceil, round, fabs, fmod and more")
# Standard functions people reach for that the runtime does not have (for a helpful note).
_LIBC_ABSENT = set("""scanf sscanf fscanf vscanf fopen fclose fread fseek ftell rewind remove rename
    tmpfile perror strerror strtok strtok_r strtod strtof atof gets getline getdelim time clock
    difftime localtime gmtime mktime strftime sleep usleep nanosleep signal raise setjmp longjmp
    system popen fork exec execv execve open lseek stat mmap munmap pthread_create
    erf erfc erff tgamma lgamma remainder remquo nextafter ilogb logb exp10
    aligned_alloc posix_memalign memalign
    strcasecmp strncasecmp strspn strcspn strpbrk strcoll strxfrm wcslen mbstowcs
    putenv setenv div ldiv lldiv""".split())
_OBJECT_LINE = re.compile(r"^>>>\s+\S+\.(o|obj|a)(\(.*\))?:\(")
_UNDEFINED = re.compile(r"undefined symbol: (\S+)")


def _clean(text: str, build: str, shown: str, real: str | None) -> str:
    """Compiler and linker output without temporary paths, naming the user's file."""
    out = []
    for line in text.splitlines():
        if _OBJECT_LINE.match(line):
            continue                     # ">>>   /root/.cache/zig/o/.../cell.o:(main)": noise
        if line.startswith("error: ") and ("the following command" in line or "exited with" in line):
            continue                     # zig's summary of clang's failure
        line = line.replace(build + os.sep, "")
        if real and real != shown:
            line = line.replace(real + ":", shown + ":")
        out.append(line)
    text = "\n".join(out).strip("\n")
    missing = sorted(set(_UNDEFINED.findall(text)))
    if missing:
        absent = [s for s in missing if s in _LIBC_ABSENT]
        if absent:
            text += (f"\nnote: the vmlab runtime (a small C library written for vmlab) has no "
                     f"{', '.join(absent)}; it has {RUNTIME_SUMMARY}")
    return text


# ----------------------------------------------------------------------------------- compile
def _looks_like_source(s: str) -> bool:
    return "\n" in s or "{" in s or ";" in s


def _normalize_opt(opt) -> str:
    o = str(opt).strip()
    if not o.startswith("-"):
        o = "-" + (o if o.startswith("O") else "O" + o)
    if o not in OPT_LEVELS:
        raise ValueError(f"unknown optimisation level {opt!r}; use one of {', '.join(OPT_LEVELS)}")
    return o


def _safe_name(name: str) -> str:
    """A file name to compile text under: the name itself when it is a plain relative path."""
    parts = Path(name).parts
    if name and not os.path.isabs(name) and ".." not in parts and all(p.strip() for p in parts) \
            and "\0" not in name:
        return name
    return re.sub(r"[^\w.\[\]+-]", "_", os.path.basename(name)) or "program.c"


def _deps(depfile: Path, skip: set[str]) -> dict[str, str]:
    """Headers the compilation read (from the -MD file), except the compiler's and vmlab's."""
    try:
        text = depfile.read_text().replace("\\\n", " ")
    except OSError:
        return {}
    _, _, rest = text.partition(": ")
    out = {}
    zig_lib = _ziglang_dir()
    if zig_lib is not None:
        zig_lib = os.path.realpath(zig_lib)
    for dep in re.split(r"(?<!\\)\s+", rest.strip()):
        if not dep:
            continue
        p = os.path.realpath(dep.replace("\\ ", " "))
        if p in skip or p.startswith(str(RUNTIME_DIR)) or (zig_lib and p.startswith(zig_lib)):
            continue
        try:
            out[p] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
        except OSError:
            continue
    return out


def _deps_unchanged(deps: dict[str, str]) -> bool:
    for p, h in deps.items():
        try:
            if hashlib.sha256(Path(p).read_bytes()).hexdigest() != h:
                return False
        except OSError:
            return False
    return True


def compile_c(source_or_path, opt: str = "-O2", *, name: str | None = None,
              extra_flags=(), debug: bool = True):
    """Compile a C program for the vmlab guest (RV32IM, process mode) and load it.

    Args:
        source_or_path: C source text, or a path to a ``.c`` file (str or path-like). A string
            with a newline, ``{`` or ``;`` is source text; any other string is a path.
        opt: ``-O0``, ``-O1``, ``-O2`` (default), ``-O3``, ``-Os``, ``-Oz`` or ``-Og``.
        name: the file name used in messages and source lines (default: the path as given;
            ``program.c`` for text). A notebook cell passes e.g. ``"cell"``.
        extra_flags: more compiler flags, e.g. ``["-DN=10", "-Wall"]`` (``-lm`` is accepted and
            ignored: ``<math.h>`` is in the runtime).
        debug: keep DWARF line information (``-g``) for source lines and :meth:`step_line`.
    Returns:
        The loaded :class:`~vmlab.program.Program`; ``program.files`` holds the source text.
    Raises:
        CompileError: the program has errors (the message has the compiler's diagnostics),
            the file does not exist, or the ziglang package is missing.
    """
    import json
    import shutil
    import tempfile

    from .loader import load_elf

    opt = _normalize_opt(opt)
    if isinstance(extra_flags, str):
        extra_flags = extra_flags.split()
    # the math library is part of the runtime: gcc's -lm is accepted and means nothing here
    extra_flags = [str(f) for f in extra_flags if str(f) != "-lm"]
    path: Path | None = None
    if isinstance(source_or_path, os.PathLike) or (isinstance(source_or_path, str)
                                                   and not _looks_like_source(source_or_path)):
        path = Path(os.fspath(source_or_path))
        shown = name or os.fspath(source_or_path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            raise CompileError(f"{shown}: no such file", name=shown) from None
        except OSError as e:
            raise CompileError(f"{shown}: cannot read: {e.strerror or e}", name=shown) from None
    elif isinstance(source_or_path, (str, bytes)):
        text = source_or_path.decode("utf-8", "replace") if isinstance(source_or_path, bytes) else source_or_path
        shown = name or "program.c"
    else:
        raise TypeError(f"compile_c() needs C source text or a path, not {type(source_or_path).__name__}")

    zig = _zig()
    runtime = _runtime()
    cwd = os.getcwd()
    if path is None:
        src_arg, run_in = _safe_name(shown), None          # written into the build directory
        debug_dir = ["-fdebug-compilation-dir=."]            # DWARF names the file as `name`
    else:
        src_arg, run_in = os.fspath(path), cwd               # compiled where it is, as given
        debug_dir = []
    frame = "-fno-omit-frame-pointer" if opt == "-O0" else "-fomit-frame-pointer"
    cflags = [*TARGET, opt, "-g" if debug else "-g0", frame, "-UNDEBUG", *NO_UNWIND, *debug_dir,
              "-isystem", str(INCLUDE_DIR), *extra_flags]
    ldflags = ["-nostdlib", "-static", "-Wl,--gc-sections", f"-Wl,-T,{RUNTIME_DIR / 'link.ld'}"]
    key = _sha(CACHE_VERSION, runtime.name, *cflags, *ldflags, shown, src_arg, text,
               cwd if path is not None else "")[:32]
    cache = _writable_cache() / "c"
    cache.mkdir(parents=True, exist_ok=True)
    elf_file, meta_file = cache / f"{key}.elf", cache / f"{key}.json"

    meta = None
    if elf_file.is_file() and meta_file.is_file():
        try:
            meta = json.loads(meta_file.read_text())
            if not _deps_unchanged(meta.get("deps", {})):
                meta = None
        except (OSError, ValueError):
            meta = None

    if meta is None:
        build = tempfile.mkdtemp(prefix="vmlab-cc-")
        try:
            if path is None:
                (Path(build) / src_arg).parent.mkdir(parents=True, exist_ok=True)
                (Path(build) / src_arg).write_text(text, encoding="utf-8")
                run_in = build
            out, obj = os.path.join(build, "program.elf"), os.path.join(build, "program.o")
            # Compiled, then linked with the program's object first. (Given the source, zig
            # links its object after the runtime: the program's first call into compiler-rt,
            # which is one object, can then bring in its weak __divdf3, log2, memcpy ... before
            # the program's call of the runtime's own is seen, and the runtime's is left out.)
            log = ""
            for args in ([*zig, "cc", *cflags, "-MD", "-MF", os.path.join(build, "deps.d"),
                          "-c", "-x", "c", src_arg, "-o", obj],
                         [*zig, "cc", *TARGET, obj, str(runtime / "crt0.o"), str(runtime / "libvmlab.a"),
                          str(runtime / "libcompiler_rt.a"), *ldflags, "-o", out]):
                r = _run(args, cwd=run_in)
                log = "\n".join(filter(None, [log, _clean((r.stderr or "") + (r.stdout or ""),
                                                         build, shown, src_arg)]))
                if r.returncode != 0 or not os.path.isfile(args[-1]):
                    raise CompileError(log or f"the compiler failed (exit status {r.returncode})",
                                       name=shown)
            skip = {os.path.realpath(os.path.join(run_in, src_arg))}
            meta = {"log": log, "deps": _deps(Path(build) / "deps.d", skip), "name": shown}
            tmp_elf = elf_file.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(out, tmp_elf)
            os.replace(tmp_elf, elf_file)
            tmp_meta = meta_file.with_suffix(f".{os.getpid()}.tmp")
            tmp_meta.write_text(json.dumps(meta))
            os.replace(tmp_meta, meta_file)
        finally:
            shutil.rmtree(build, ignore_errors=True)

    if meta.get("log"):
        print(meta["log"], file=sys.stderr)
    prog = load_elf(elf_file.read_bytes(), name=shown)
    own = {os.path.normpath(src_arg), os.path.normpath(os.path.join(cwd, src_arg))}
    _own_lines(prog, shown, text, own)
    return prog


def _own_lines(prog, shown: str, text: str, files: set[str]) -> None:
    """Name the program's own source lines as the user knows the file, with their text."""
    from .program import SourceLine

    src = text.splitlines()
    for addr, sl in list(prog.lines.items()):
        if sl.file in files:
            t = src[sl.line - 1] if 0 < sl.line <= len(src) else ""
            prog.lines[addr] = SourceLine(shown, sl.line, t)
    files_attr = getattr(prog, "files", None)
    if isinstance(files_attr, dict):
        files_attr[shown] = text
