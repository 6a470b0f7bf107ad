"""The benchmark workloads shipped with vmlab: each checks its own result and exits with 0."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Workload:
    name: str
    file: str
    description: str

    @property
    def path(self) -> Path:
        return HERE / self.file

    def program(self):
        from ..machine import to_program
        return to_program(self.path)


WORKLOADS = [
    Workload("fib", "fib.s", "recursive Fibonacci fib(24): calls, returns, stack traffic"),
    Workload("sieve", "sieve.s", "sieve of Eratosthenes below 65536: byte loads and stores"),
    Workload("matmul", "matmul.s", "40x40 integer matrix multiply: word loads, mul, nested loops"),
    Workload("crc32", "crc32.s", "bitwise CRC-32 of 16 KiB: shifts, xor, short branches"),
    Workload("qsort", "qsort.s", "recursive quicksort of 6000 words: compares, swaps, recursion"),
    # C workloads, compiled at -O2 with vmlab.compile_c (zig's clang, vmlab's runtime)
    Workload("coremix", "coremix.c", "C, CoreMark-like: linked list, 10x10 matrices, state machine, CRC-16"),
    Workload("fft", "fft.c", "C, 512-point fixed-point FFT and inverse: 64-bit products (mulh)"),
    Workload("hashtab", "hashtab.c", "C, hash table of 1000 generated strings: FNV-1a, strcmp, malloc/free"),
]


def get(name: str) -> Workload:
    for w in WORKLOADS:
        if w.name == name:
            return w
    raise KeyError(f"no workload {name!r}; available: {', '.join(w.name for w in WORKLOADS)}")
