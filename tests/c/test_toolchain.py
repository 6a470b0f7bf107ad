"""vmlab.compile_c: the ELF it builds, errors naming the user's file, the cache, the CLI."""
from __future__ import annotations

import subprocess
import sys

import pytest

import vmlab
from vmlab import Machine, VmlabError
from vmlab import toolchain
from vmlab.toolchain import CompileError, compile_c

from .support import ROOT

HELLO = '#include <stdio.h>\nint main(void) {\n    printf("hello %d\\n", 42);\n    return 3;\n}\n'


def test_program_layout_and_run():
    prog = vmlab.compile_c(HELLO, name="hello.c")
    assert prog.name == "hello.c"
    assert prog.entry == prog.symbols["_start"] == 0x8000_0000      # _start first in RAM
    assert prog.symbols["main"] < prog.symbols["printf"]             # the program, then the runtime
    assert all(s.addr >= 0x8000_0000 for s in prog.segments)
    assert "memcpy" not in prog.symbols                               # unused runtime code is left out
    assert prog.files["hello.c"] == HELLO
    assert {ln.file for ln in prog.lines.values()} == {"hello.c"}
    m = Machine()
    m.load(prog)
    stop = m.run()
    assert stop.exited and stop.code == 3 and m.console.output == "hello 42\n"
    assert {"printf", "malloc", "strlen", "isdigit", "fgets", "qsort"} <= set(toolchain.runtime_functions())


def test_code_is_rv32im_without_compressed_instructions():
    """(The loader refuses ELFs flagged EF_RISCV_RVC.) Every word of the code segment is a
    32-bit instruction, and the M extension is used for multiplication."""
    prog = compile_c("int f(int a, int b) { return a * b; }\nint main(void) { return f(6, 7); }",
                     "-O0", name="mul.c")
    m = Machine()
    m.load(prog)
    text = next(s for s in prog.segments if "x" in s.flags)
    for i in range(0, len(text.data) - 3, 4):
        w = int.from_bytes(text.data[i:i + 4], "little")
        assert w & 3 == 3, f"compressed-looking word {w:#010x} at {text.addr + i:#x}"
    assert any(t.startswith("mul ") for _, _, t in m.disassemble("f", 12))
    assert m.run().code == 42


def test_path_and_text_and_names(tmp_path, monkeypatch):
    f = tmp_path / "prog.c"
    f.write_text(HELLO)
    monkeypatch.chdir(tmp_path)
    prog = compile_c("prog.c")                         # a path, as given
    assert prog.name == "prog.c"
    assert {ln.file for ln in prog.lines.values()} == {"prog.c"}
    assert prog.lines[prog.symbols["main"]].text.startswith("int main")
    assert compile_c(f, name="shown.c").name == "shown.c"
    assert compile_c(HELLO).name == "program.c"         # text without a name


def test_compile_error_names_the_users_file_and_line():
    src = "int main(void) {\n    int x = 1\n    return x;\n}\n"
    with pytest.raises(CompileError) as ei:
        compile_c(src, name="cell")
    e = ei.value
    assert isinstance(e, VmlabError)
    msg = str(e)
    assert msg.startswith("cell:2:14: error: expected ';' at end of declaration"), msg
    assert "/tmp" not in msg and "vmlab-cc" not in msg and "Traceback" not in msg
    assert e._render_traceback_() == [f"CompileError: {msg}"]     # IPython shows just this


def test_errors_in_a_file_use_the_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "bad.c").write_text("int main(void) {\n  return y;\n}\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CompileError, match=r"^bad\.c:2:10: error: use of undeclared identifier 'y'"):
        compile_c("bad.c")
    with pytest.raises(CompileError, match=r"nope\.c: no such file"):
        compile_c("nope.c")


def test_link_errors_name_the_missing_functions():
    src = ("double scale(int);\nchar *strerror(int);\n#include <stdio.h>\n"
           "int main(void) { double d = scale(2) * 1.5; return (int)d + *strerror(2); }\n")
    with pytest.raises(CompileError) as ei:
        compile_c(src, name="float.c")
    msg = str(ei.value)
    assert "undefined symbol: scale" in msg and "referenced by float.c:4" in msg
    assert "has no strerror" in msg
    # the soft-float helpers (double * double) come from compiler-rt: not missing
    assert "__muldf3" not in msg and "__fixdfsi" not in msg
    assert "/zig/" not in msg and ".o:(" not in msg


def test_floating_point_links_only_where_used():
    """float and double work (zig's compiler-rt, linked after the runtime); a program without
    them takes none of it."""
    plain = compile_c("int main(void) { return 0; }", name="plain.c")
    fp = compile_c("volatile double d = 2.5;\nint main(void) { return (int)(d * d); }", name="fp.c")
    assert "__muldf3" not in plain.symbols and "__muldf3" in fp.symbols
    m = Machine()
    m.load(fp)
    assert m.run(max_steps=100_000).code == 6


def test_math_h_needs_no_lm_and_links_only_what_is_used():
    """<math.h> is part of the runtime: no -lm (gcc's habit; accepted and ignored). sqrt comes
    from compiler-rt, pow from the runtime's math.c; including the header costs nothing, and a
    program takes only the functions it calls."""
    src = ('#include <math.h>\n#include <stdio.h>\nvolatile double two = 2.0;\n'
           'int main(void) { printf("%.17g %.17g %f\\n", sqrt(two), pow(two, 0.5), atan2(1, two));'
           ' return 0; }\n')
    for flags in ([], ["-lm"]):
        prog = compile_c(src, name="m.c", extra_flags=flags)
        m = Machine()
        m.load(prog)
        stop = m.run(max_steps=1_000_000)
        assert stop.exited and stop.code == 0, stop
        assert m.console.output == "1.4142135623730951 1.4142135623730951 0.463648\n"
        assert {"sqrt", "pow", "atan2"} <= set(prog.symbols)
    assert {"sqrt", "pow", "atan2", "fabsf", "isnan"} <= set(toolchain.runtime_functions())
    plain = compile_c("#include <math.h>\nint main(void) { return 0; }", name="plain.c")
    assert not {"sqrt", "pow", "__muldf3"} & set(plain.symbols)
    only_sqrt = compile_c("#include <math.h>\nvolatile double d = 9;\n"
                          "int main(void) { return (int)sqrt(d); }", name="sq.c")
    assert "sqrt" in only_sqrt.symbols and not {"pow", "atan2", "exp"} & set(only_sqrt.symbols)
    m = Machine()
    m.load(only_sqrt)
    assert m.run(max_steps=100_000).code == 3


def test_warnings_are_printed_not_raised(capsys):
    compile_c("int main(void) { int x; return x; }", name="w.c", extra_flags=["-Wall"])
    err = capsys.readouterr().err
    assert "w.c:1:32: warning: variable 'x' is uninitialized" in err


def test_missing_ziglang_says_how_to_install(monkeypatch):
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "ziglang" else real(name, *a))
    with pytest.raises(CompileError, match=r"pip install ziglang"):
        compile_c(HELLO)


def test_builds_are_cached_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("VMLAB_CACHE", str(tmp_path / "cache"))
    (tmp_path / "inc").mkdir()
    header = tmp_path / "inc" / "value.h"
    header.write_text("#define VALUE 5\n")
    src = '#include "value.h"\nint main(void) { return VALUE; }\n'
    flags = [f"-I{tmp_path / 'inc'}"]
    calls = []
    real_run = toolchain._run
    monkeypatch.setattr(toolchain, "_run", lambda args, cwd: calls.append(args) or real_run(args, cwd))

    def code(prog):
        m = Machine()
        m.load(prog)
        return m.run().code

    assert code(compile_c(src, name="c.c", extra_flags=flags)) == 5
    assert len(calls) > 2                            # the runtime was built, then the program
    calls.clear()
    assert code(compile_c(src, name="c.c", extra_flags=flags)) == 5
    assert calls == []                               # from the cache: no compiler at all
    header.write_text("#define VALUE 6\n")           # an included header changed: rebuilt
    assert code(compile_c(src, name="c.c", extra_flags=flags)) == 6
    assert len(calls) == 2                           # compiled, then linked
    assert code(compile_c(src, "-O0", name="c.c", extra_flags=flags)) == 6
    assert len(calls) == 4                           # other options: another build
    assert len(list((tmp_path / "cache" / "c").glob("*.elf"))) == 2   # the header change replaced one


def test_opt_levels_are_checked():
    with pytest.raises(ValueError, match="unknown optimisation level"):
        compile_c(HELLO, "-O9")


def vmlab_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "vmlab", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env={**__import__("os").environ,
                                                     "PYTHONPATH": str(ROOT)})


def test_cli_runs_c_and_reports_compile_errors(tmp_path):
    (tmp_path / "hello.c").write_text(HELLO)
    r = vmlab_cli("run", "hello.c", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (3, "hello 42\n"), r.stderr
    (tmp_path / "bad.c").write_text("int main(void) {\n  return y;\n}\n")
    r = vmlab_cli("run", "bad.c", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("vmlab: error: bad.c:2:10: error: use of undeclared identifier 'y'")
    assert "Traceback" not in r.stderr


def test_runtime_sources_compile_without_warnings(tmp_path):
    """The runtime is built with warnings on but not fatal (a newer compiler must not break
    it for users); here they are errors."""
    for src in ("crt0.S", *toolchain.RUNTIME_SOURCES):
        r = toolchain._run([*toolchain._zig(), "cc", *toolchain.TARGET, *toolchain.RUNTIME_CFLAGS,
                            "-Werror", "-isystem", str(toolchain.INCLUDE_DIR), "-c",
                            str(toolchain.RUNTIME_DIR / src), "-o", "out.o"], cwd=tmp_path)
        assert r.returncode == 0 and not r.stderr.strip(), f"{src}:\n{r.stderr}"
