"""The guest C runtime (vmlab/runtime): printf, the allocator, strings, 64-bit arithmetic,
console input, exit paths. Output is compared with the same program built by the host's gcc
and glibc wherever the behaviour is standard C."""
from __future__ import annotations

import pytest

from vmlab import StopKind, compile_c
from vmlab.isa.causes import Cause

from .support import PROGRAMS, guest, host


@pytest.mark.parametrize("name", ["formats", "strings", "arith", "floats"])
def test_output_matches_host_glibc(name, backend, tmp_path):
    """printf formats (widths, flags, precision, negative and 64-bit values), string and number
    functions, 64-bit division helpers, soft-float arithmetic and %f %e %g %a of any double:
    byte-identical stdout, exit status 0."""
    src = PROGRAMS / f"{name}.c"
    expected = host(src, tmp_path)
    assert expected.returncode == 0, expected.stdout + expected.stderr
    stop, out, _ = guest(src, backend=backend)
    assert stop.kind is StopKind.EXITED and stop.code == 0, f"{stop}\n{out}"
    assert out == expected.stdout


def test_alternate_g_keeps_its_zeros_as_c_requires():
    """%#.3g keeps P significant digits also when rounding carries into a new one (C11
    7.21.6.1); glibc prints "1.e+03" there, so this one is checked against the standard."""
    prog = compile_c('#include <stdio.h>\nvolatile double v = 999.9999999, w = 99.99;\n'
                     'int main(void) { printf("%#.3g %#.2g %#.3g %.3g %Lg", v, w, 1.0, v, (long double)w); return 0; }',
                     name="altg.c")
    stop, out, _ = guest(prog)
    assert stop.exited and out == "1.00e+03 1.0e+02 1.00 1e+03 99.99"


def test_heap_stress_reuse_calloc_realloc(tmp_path):
    """malloc/free/realloc under random churn with contents checked, calloc zeroing reused
    memory, realloc growth keeping contents; vmlab-only: freed blocks are reused, the heap
    does not grow under churn, an impossible request returns NULL."""
    src = PROGRAMS / "heap.c"
    stop, out, _ = guest(src)
    assert stop.kind is StopKind.EXITED and stop.code == 0, f"{stop}\n{out}"
    assert out.endswith("ok\n") and "0 errors" in out and "calloc: 0 non-zero" in out
    expected = host(src, tmp_path)
    assert expected.returncode == 0 and out == expected.stdout


@pytest.fixture(scope="module")
def console_prog():
    return compile_c(PROGRAMS / "console.c")


def test_reading_lines_fed_to_the_console(console_prog, tmp_path):
    # Nothing fed yet: the program has shown its prompt (stdout is flushed before a read) and
    # waits; feeding input and running again continues where it stopped.
    from vmlab import Machine
    m = Machine()
    m.load(console_prog)
    stop = m.run()
    assert stop.kind is StopKind.INPUT
    assert m.console.output == "mode? "
    m.console.feed("0\n")
    assert m.run().kind is StopKind.INPUT
    m.console.feed("abc\nhello world\n")
    assert m.run().kind is StopKind.INPUT
    assert m.console.output == "mode? ABC\nHELLO WORLD\n"
    m.console.feed("end\nnot read\n")
    stop = m.run()
    assert stop.exited and stop.code == 3, stop
    assert m.console.output == "mode? ABC\nHELLO WORLD\nEND\n3 lines, 20 characters\n"
    # the same conversation with the host's C library
    r = host(PROGRAMS / "console.c", tmp_path, stdin="0\nabc\nhello world\nend\nnot read\n")
    assert (r.returncode, r.stdout) == (3, m.console.output)


@pytest.mark.parametrize("mode, code, output", [
    ("1", 3, "mode? leaving with 3atexit handler ran\n"),                  # exit flushes, atexit
    ("2", 134, "mode? about to abort\n"),                                  # abort: 134 (SIGABRT)
    ("3", 134, "mode? console.c:56: main: Assertion `mode == 4' failed.\n"),  # assert at -O2
    ("4", 42, "mode? to stderr\nno newline at the end"),                   # flush at exit
])
def test_exit_paths(console_prog, mode, code, output):
    stop, out, _ = guest(console_prog, stdin=mode + "\n")
    assert stop.exited and stop.code == code, stop
    assert out.replace(str(PROGRAMS) + "/", "").replace("tests/c/programs/", "") == output


def test_bad_pointer_stops_with_the_source_line(console_prog):
    stop, out, m = guest(console_prog, stdin="5\n")
    assert stop.kind is StopKind.TRAP and stop.cause == Cause.LOAD_ACCESS_FAULT and stop.tval == 16
    assert stop.source.endswith("console.c:64: return *p;"), stop.source
    assert m.source_line().line == 64


def test_no_input_at_all_is_end_of_file(console_prog, tmp_path):
    """With a host stdin that is exhausted (the CLI), fgets sees end of file."""
    import io
    from vmlab import Machine
    m = Machine(stdin=io.BytesIO(b""))
    m.load(console_prog)
    stop = m.run()
    assert stop.exited and stop.code == 100


def test_main_return_value_and_compiler_generated_calls():
    """Struct copies and zeroing call memcpy/memset; 64-bit division calls the helpers;
    printf("...\\n") becomes puts at -O2: everything the compiler asks for is in the runtime."""
    src = r"""
#include <stdio.h>
#include <stdint.h>
struct big { int a[40]; };
static struct big g;
__attribute__((noinline)) static struct big copy(struct big *p) { return *p; }
int main(void) {
    struct big z = {0};
    for (int i = 0; i < 40; i++) g.a[i] = i * i;
    struct big c = copy(&g);
    volatile int64_t n = -123456789012345LL, d = 1000;
    printf("done\n");
    printf("%c", '!');
    return (c.a[39] + z.a[5]) % 256 + (int)(n / d % 7) + (int)((uint64_t)n % 9);
}
"""
    for opt in ("-O0", "-O2"):
        prog = compile_c(src, opt, name="gen.c")
        stop, out, _ = guest(prog)
        n = -123456789012345
        q = -(abs(n) // 1000)
        expected = (39 * 39) % 256 + (q - 7 * int(q / 7)) + (n % (1 << 64)) % 9
        assert stop.exited and stop.code == expected, (opt, stop)
        assert out == "done\n!"
        assert {"memcpy", "__divdi3"} <= set(prog.symbols) or opt == "-O2"
