"""The command line: exit codes, messages for bad input, listings, bench."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def vmlab(*args, stdin: str = "", cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vmlab", *map(str, args)], input=stdin,
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text) if isinstance(text, str) else p.write_bytes(text)
    return p


def test_exit_code_is_the_guests(tmp_path):
    r = vmlab("run", write(tmp_path, "a.s", "main: li a0, 7\nret\n"))
    assert r.returncode == 7 and r.stderr == ""


def test_assembler_errors_name_file_line_column(tmp_path):
    p = write(tmp_path, "bad.s", "main:\n  addd a0, a1\n  li a0, 1\n  lw a0, 5000(a1)\n")
    r = vmlab("run", p)
    assert r.returncode == 2
    assert f"{p}:2:3: error: unknown instruction 'addd'" in r.stderr
    assert f"{p}:4:" in r.stderr                    # every error, not just the first
    assert "Traceback" not in r.stderr


def test_trap_prints_reason_and_source_line(tmp_path):
    r = vmlab("run", write(tmp_path, "t.s", "main:\n  lw a0, 0(zero)\n  ret\n"))
    assert r.returncode == 3
    assert "load access fault" in r.stderr and "t.s:2: lw a0, 0(zero)" in r.stderr


def test_jump_into_unmapped_memory(tmp_path):
    r = vmlab("run", write(tmp_path, "j.s", "main:\n  li t0, 0x1000\n  jr t0\n"))
    assert r.returncode == 3
    assert "instruction access fault" in r.stderr and "0x00001000" in r.stderr


def test_illegal_instruction(tmp_path):
    r = vmlab("run", write(tmp_path, "i.s", "main:\n  .word 0xffffffff\n"))
    assert r.returncode == 3 and "illegal instruction 0xffffffff" in r.stderr


def test_infinite_loop_step_limit(tmp_path):
    r = vmlab("run", write(tmp_path, "l.s", "main: j main\n"), "--max-steps", 5000)
    assert r.returncode == 124 and "step limit reached" in r.stderr


def test_infinite_loop_timeout(tmp_path):
    r = vmlab("run", write(tmp_path, "l.s", "main: j main\n"), "--timeout", 0.5)
    assert r.returncode == 124 and "timeout" in r.stderr


def test_unknown_syscall(tmp_path):
    r = vmlab("run", write(tmp_path, "s.s", "main: li a7, 999\necall\nret\n"))
    assert r.returncode == 3 and "unknown system call 999" in r.stderr


def test_bad_elf(tmp_path):
    r = vmlab("run", write(tmp_path, "x.elf", b"\x7fELF\x01\x01\x01" + bytes(9)))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "error" in r.stderr


def test_missing_file():
    r = vmlab("run", "nope/missing.s")
    assert r.returncode == 2 and "no such file" in r.stderr


def test_unknown_backend(tmp_path):
    r = vmlab("run", write(tmp_path, "a.s", "main: ret\n"), "--backend", "warp")
    assert r.returncode == 2 and "unknown backend 'warp'" in r.stderr


def test_stdin_feeds_read_syscalls(tmp_path):
    src = "main:\n li a7, 5\n ecall\n addi a0, a0, 1\n li a7, 1\n ecall\n li a0, 0\n ret\n"
    r = vmlab("run", write(tmp_path, "r.s", src), stdin="41\n")
    assert r.stdout == "42" and r.returncode == 0


def test_trace(tmp_path):
    r = vmlab("run", write(tmp_path, "a.s", "main: li a0, 3\naddi a0, a0, 4\nret\n"), "--trace")
    assert r.returncode == 7
    lines = r.stderr.splitlines()
    assert lines[0].startswith("80000000: li a0, 3") and lines[0].endswith("a0=0x3")
    assert "a0=0x7" in lines[1]


def test_asm_listing_and_image(tmp_path):
    p = write(tmp_path, "a.s", "main: li a0, 3\nret\n")
    r = vmlab("asm", p)
    assert r.returncode == 0
    assert "80000000:  00300513  li a0, 3" in r.stdout and "<main>:" in r.stdout
    r = vmlab("asm", p, "-o", tmp_path / "a.bin")
    assert r.returncode == 0 and (tmp_path / "a.bin").read_bytes() == bytes.fromhex("1305300067800000")
    r = vmlab("disasm", tmp_path / "a.bin", "--base", "0x80000000")
    assert "80000004:  00008067  ret" in r.stdout


def test_disasm_listing_has_symbols():
    r = vmlab("disasm", "vmlab/workloads/fib.s")
    assert r.returncode == 0 and "<fib>:" in r.stdout and "<fail>" in r.stdout


def test_bench_one_workload():
    r = vmlab("bench", "--workloads", "crc32", "--backends", "interp", "--repeat", "1", "--quiet")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "crc32" in r.stdout and "interp" in r.stdout and "MIPS" in r.stdout
    assert "translating" not in r.stdout              # no translator in this run


def test_bench_reports_translation_overhead():
    r = vmlab("bench", "--workloads", "crc32", "--backends", "interp,translate", "--repeat", "1", "--quiet")
    assert r.returncode == 0, r.stdout + r.stderr
    head, _, details = r.stdout.partition("hit rate")
    row = next(ln for ln in details.splitlines() if ln.startswith("crc32"))
    translating, hit, interpreted, translations, insns, free = row.split()[2:]
    assert 0 < float(translating.rstrip("%")) < 100 and 50 < float(hit.rstrip("%")) <= 100
    assert 0 < float(interpreted.rstrip("%")) < 10          # crc32 runs almost all translated
    assert int(translations.replace(",", "")) >= 1 and int(insns.replace(",", "")) >= 10
    # MIPS with translating left out: more than the run's own MIPS, by the share translating
    mips = float(next(ln for ln in head.splitlines() if ln.startswith("crc32") and " translate " in ln).split()[4])
    share = float(translating.rstrip("%")) / 100
    assert float(free) > mips
    assert float(free) == pytest.approx(mips / (1 - share), rel=0.05)


def test_backends_listing():
    r = vmlab("backends")
    assert r.returncode == 0 and "interp" in r.stdout and "available" in r.stdout


def test_bench_translation_details_are_per_run():
    """The translator's counters run on across loads: bench reports what the last run added."""
    from vmlab.bench import run_one
    from vmlab.workloads import get
    prog = get("crc32").program()
    one, three = run_one(prog, "translate", 1), run_one(prog, "translate", 3)
    for key in ("translations", "guest instructions translated", "instructions interpreted", "cache misses"):
        assert three.stats[key] == one.stats[key] > 0, key


def _bench_tiny(monkeypatch, round_seconds, round_runs=50):
    """run_bench on a two-instruction program with interp and translate; the backends in the
    order their runs happened."""
    import vmlab.bench as bench
    order = []
    real = bench._Runner.run

    def run(self):
        order.append(self.result.backend)
        return real(self)
    monkeypatch.setattr(bench._Runner, "run", run)
    monkeypatch.setattr(bench, "ROUND_SECONDS", round_seconds)
    monkeypatch.setattr(bench, "ROUND_RUNS", round_runs)
    from vmlab import assemble
    tiny = assemble("    .globl main\nmain:\n    li a0, 0\n    ret\n", name="tiny.s")
    results = bench.run_bench(["interp", "translate"], workloads=["none"], repeat=3, extra=[("tiny", tiny)])
    assert [(r.workload, r.backend, r.error, r.instructions) for r in results] == [
        ("tiny", "interp", None, 2), ("tiny", "translate", None, 2)]
    return results, order


def test_bench_rounds_take_turns(monkeypatch):
    results, order = _bench_tiny(monkeypatch, 0.0)
    assert order == ["interp", "translate"] * 3             # one run each per round, in turn
    assert [len(r.seconds) for r in results] == [3, 3]


def test_bench_repeats_short_runs_within_a_round(monkeypatch):
    # runs of a few hundred microseconds: a round would take 60 s of them, so ROUND_RUNS decides
    results, order = _bench_tiny(monkeypatch, 60.0, round_runs=4)
    assert order == ["interp", "translate"] + (["interp"] * 4 + ["translate"] * 4) * 2
    assert [len(r.seconds) for r in results] == [9, 9]


SIGNATURE_PROGRAM = """
        .text
        .globl  _start
_start: la      t0, begin_signature
        li      t1, 0x11223344
        sw      t1, 0(t0)
        li      t1, -1
        sw      t1, 4(t0)
        li      t1, 0xab
        sb      t1, 13(t0)
        li      t1, 1                   # pass
        la      t2, tohost
        sw      t1, 0(t2)
1:      j       1b
        .data
        .p2align 3
tohost: .word   0, 0
        .p2align 4
begin_signature:
        .word   0xdeadbeef, 0xdeadbeef, 0x0000cafe, 0x12345678
end_signature:
"""


@pytest.mark.parametrize("backend", ["interp", "cython", "translate"])
def test_run_writes_the_signature_as_spike_does(tmp_path, backend):
    """`--signature` (for the RISC-V architecture tests' harness): the words from
    begin_signature to end_signature after the run, one per line, most significant byte first."""
    sig = tmp_path / "sig.txt"
    r = vmlab("run", write(tmp_path, "s.s", SIGNATURE_PROGRAM), "--signature", sig, "--backend", backend)
    assert r.returncode == 0, r.stderr
    assert sig.read_text() == "11223344\nffffffff\n0000cafe\n1234ab78\n"
    r = vmlab("run", tmp_path / "s.s", "--signature", sig, "--signature-granularity", "8", "--backend", backend)
    assert r.returncode == 0, r.stderr
    assert sig.read_text() == "ffffffff11223344\n1234ab780000cafe\n"


def test_signature_errors_are_clear(tmp_path):
    sig = tmp_path / "sig.txt"
    r = vmlab("run", write(tmp_path, "a.s", "main: li a0, 0\nret\n"), "--signature", sig)
    assert r.returncode == 2 and "no begin_signature and no end_signature symbol" in r.stderr
    assert "Traceback" not in r.stderr and not sig.exists()    # said before running
    odd = SIGNATURE_PROGRAM.replace("0x12345678", "0x12345678, 0")
    r = vmlab("run", write(tmp_path, "odd.s", odd), "--signature", sig, "--signature-granularity", "8")
    assert r.returncode == 2 and "not a whole number of 8-byte units" in r.stderr


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`vmlab run prog | head -1`: when the reader goes away, vmlab stops with 141 (128 +
    SIGPIPE) and no message, as cat or objdump do."""
    prog = write(tmp_path, "loud.s", """
        .data
msg:    .string "a line of output from the guest\\n"
        .text
        .globl  main
main:   li      s0, 20000
1:      la      a0, msg
        li      a7, 4                   # print_string
        ecall
        addi    s0, s0, -1
        bnez    s0, 1b
        li      a0, 0
        ret
""")
    p = subprocess.Popen([sys.executable, "-m", "vmlab", "run", str(prog)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline() == b"a line of output from the guest\n"
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=300) == 141 and err == b""


def test_warnings_are_one_line_not_a_library_location(tmp_path, monkeypatch, capsys):
    """A program whose line table is too large loads without lines; the CLI says so as
    `vmlab: warning: ...`, not with the vmlab source line that raised the warning."""
    import vmlab.loader as loader
    from vmlab import cli

    src = tmp_path / "seven.c"
    src.write_text("int main(void) { return 7; }\n")
    monkeypatch.setattr(loader, "MAX_DEBUG_LINE_BYTES", 16)
    assert cli.main(["run", str(src)]) == 7
    err = capsys.readouterr().err
    assert err.startswith("vmlab: warning: ") and "the DWARF line table is" in err
    assert err.count("\n") == 1
