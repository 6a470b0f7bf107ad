"""Lab 03: native speed (where an interpreter's time goes; the compiled Cython core; MIPS across workloads)."""
from nbbuild import check, code, ignore, md

NAME = "03-native-speed"

CELLS = [
    md("""
    # Lab 03 — Native speed

    Lab 02's reference interpreter, `interp`, runs a few million guest instructions per second
    (MIPS). A real RISC-V core of a cheap board runs hundreds of millions. Where does the time
    go, and how much of it can we win back by running the interpreter as compiled machine code
    instead of Python?

    1. Count what the host does for each guest instruction.
    2. Profile the interpreter.
    3. Measure the compiled core (`cython`) against the Python engines on the benchmark
       workloads.
    """),
    code("""
    import math, sys, time, cProfile, pstats
    import matplotlib.pyplot as plt
    import vmlab
    from vmlab import Machine
    from vmlab.bench import BenchResult, run_bench, format_results
    from vmlab.backends import available, unavailable
    from vmlab.workloads import WORKLOADS, get as workload
    """),
    md("""
    ## 1. Host work per guest instruction

    CPython itself is an interpreter: it runs *bytecode*. Every guest instruction our
    interpreter executes costs a number of Python bytecodes (fetch the handler from a
    dictionary, call it, read registers from a list, add, mask with `& 0xFFFFFFFF`, store,
    return the next pc, count ...), and every bytecode costs the real processor tens of its own
    instructions. Two layers of interpretation: that is the price.

    We can count the first layer. `sys.settrace` can call a function for every bytecode that
    CPython executes; `vmlab.bench.bytecodes_per_instruction` counts them while the guest runs,
    after a warm-up that fills the caches (read its source: it is twenty lines). Tracing makes
    the run very slow, so the loop is short. The exact numbers depend on the Python version
    and on vmlab's implementation.
    """),
    code('''
    LOOP = vmlab.assemble("""
            .globl  main
    main:
            li      t0, 500
    1:      addi    a0, a0, 3
            xor     a1, a1, a0
            slli    a2, a1, 1
            addi    t0, t0, -1
            bnez    t0, 1b
            li      a0, 0
            ret
    """, name="loop.s")

    from vmlab.bench import bytecodes_per_instruction   # counts with sys.settrace, as described above
'''),
    ignore("""
    per_insn = {b: bytecodes_per_instruction(b, LOOP) for b in available()}
    for b, k in per_insn.items():
        print(f"{b:<10} about {k:4.0f} Python bytecodes per guest instruction")
    """),
    md("""
    For `interp`, about twenty bytecodes per guest instruction; the translator of lab 04 needs
    far fewer, because it removes most of the dispatching. A compiled core (`cython`, when it
    is built) executes almost no Python bytecode while the guest runs: the tracer only sees the
    few Python calls around its C loop.

    ## 2. Where `interp` spends its time

    A profile of the interpreter on the `crc32` workload's first 200,000 instructions. Look at
    the `ncalls` column: the run loop (`run`) is called once, the instruction handlers (the
    functions `h` generated from the instruction table) tens of thousands of times each —
    200,000 Python function calls in all, one per guest instruction — and the `tottime` column:
    the run loop itself, which only fetches handlers and calls them, takes a large part of the
    time.
    """),
    ignore("""
    m = Machine("interp")
    m.load(workload("crc32").program())
    profile = cProfile.Profile()
    profile.runcall(m.run, max_steps=200_000)
    stats = pstats.Stats(profile).sort_stats("tottime")
    stats.print_stats(8);
    """),
    md("""
    How much of the time is the instruction's *work*, and how much the machinery around it
    (dispatch, bookkeeping)? A simple experiment: run a loop of `nop`s (`addi x0, x0, 0`,
    which does nothing) and compare its speed with real programs. A `nop` costs only the
    machinery, so the ratio tells us how much of an average instruction's time is overhead.
    """),
    code('''
    NOPS = vmlab.assemble("""
            .globl  main
    main:
            li      t0, 2000
    1:      """ + "nop\\n            " * 62 + """addi    t0, t0, -1
            bnez    t0, 1b
            li      a0, 0
            ret
    """, name="nops.s")

    def mips(backend, program, max_steps=None):
        m = Machine(backend)
        m.load(program)
        t0 = time.perf_counter()
        m.run(max_steps=max_steps)
        return m.instret / (time.perf_counter() - t0) / 1e6

    m = Machine()
    m.load(NOPS)
    print(m.run(), "after", f"{m.instret:,}", "instructions")
    '''),
    ignore("""
    nop_speed = mips("interp", NOPS)
    print(f"interp on nops: {nop_speed:5.2f} MIPS")
    for name in ["fib", "crc32", "qsort"]:
        speed = mips("interp", workload(name).program(), max_steps=300_000)
        print(f"interp on {name:<6} {speed:5.2f} MIPS: overhead is about {100 * speed / nop_speed:3.0f}% of its time")
    """),
    md("""
    A `nop` does no work at all, yet it costs a large fraction of what an average instruction
    costs: that fraction is the price of the machinery alone, paid by every instruction. The
    rest is the instructions' work, which in Python is also expensive (every register value is
    a Python integer object, every result is masked to 32 bits). There are two ways to cut
    both: run the same interpreter as compiled code (this lab), or stop interpreting and
    translate (lab 04).

    ## 3. The compiled core

    The `cython` backend is the same predecoding interpreter, with handlers generated from the
    same instruction table, but compiled to C through Cython: registers are a C array of 32-bit
    integers, a handler call is a C function call, masking is free (the arithmetic *is*
    32-bit), and no Python object is created per instruction. Whether it is built here:
    """),
    ignore("""
    print("backends available here:", available())
    if "cython" in available():
        print("the compiled core is built")
    else:
        print("the compiled core is NOT available:", unavailable().get("cython"))
        print("-> the measurements below use the pure-Python backends only")
    """),
    md("""
    ### MIPS across workloads

    `vmlab.bench.run_bench` runs each benchmark workload on each backend (the same as
    `vmlab bench` on the command line) and checks that every run gives the correct result with
    the reference's instruction count. The C workloads are left out to keep this notebook quick.
    """),
    code("""
    ASM_WORKLOADS = [w.name for w in WORKLOADS if w.file.endswith(".s")]
    results = run_bench(workloads=ASM_WORKLOADS, repeat=1)
    counts = {}
    for r in results:
        assert r.error is None, (r.workload, r.backend, r.error)
        counts.setdefault(r.workload, set()).add(r.instructions)
    for name, n in counts.items():
        print(f"{name:<7} {min(n):>10,} instructions")
    print("every backend executed exactly the same instructions:", all(len(n) == 1 for n in counts.values()))
    """),
    ignore("""
    print(format_results(results, repeat=1))
    """),
    md("""
    The last table, *translation*, is about the translator of lab 04 (`translate`), for the
    last run of each workload: the share of the run's time spent translating guest code, the
    translation cache's hit rate (the share of lookups that found code already translated),
    and the share of guest instructions interpreted rather than run as translated code,
    followed by how many translations were made and how many guest instructions they cover.
    Its last column, *MIPS w/o*, leaves the time spent translating out: what the translated
    code itself reaches, the most that cheaper translation alone could give. The chart shows
    the MIPS on a logarithmic scale, so that the Python backends and the compiled core fit on
    one axis:
    """),
    ignore("""
    backends = list(dict.fromkeys(r.backend for r in results))
    by = {(r.workload, r.backend): r for r in results}
    fig, ax = plt.subplots(figsize=(7, 2.8))
    width = 0.8 / len(backends)
    for k, b in enumerate(backends):
        xs = [i + k * width for i in range(len(ASM_WORKLOADS))]
        ax.bar(xs, [by[w, b].mips for w in ASM_WORKLOADS], width, label=b)
    ax.set_xticks([i + width * (len(backends) - 1) / 2 for i in range(len(ASM_WORKLOADS))], ASM_WORKLOADS)
    ax.set_ylabel("MIPS")
    ax.set_yscale("log")
    lowest = min(r.mips for r in results)
    ax.set_ylim(bottom=10 ** math.floor(math.log10(lowest / 2)))   # room for the slowest bars
    ax.set_title("speed of each backend on each workload (log scale)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))   # outside the bars
    plt.tight_layout()
    plt.show()
    """),
    md("""
    ### The Compare panel

    The same comparison for one program, as a panel: it runs the program on every available
    backend (in the background), shows a table and a chart, and checks that all backends end
    in the same state — registers, pc, output, instruction count. Press **Run all** to measure
    again.
    """),
    ignore("""
    from vmlab.widgets import Compare
    panel = Compare(workload("crc32").program())
    panel.wait()
    panel
    """),
    code("""
    print("outcomes:", sorted({r.outcome for r in panel.results}))
    print("disagreements:", panel.problems)
    """),
    md("""
    ## Exercise: one number per backend

    A table of MIPS per workload is hard to compare at a glance; benchmark suites (SPEC,
    CoreMark) summarise it with one number per engine: the **geometric mean** of its speed-ups
    over a reference.

    Write `speedups(results)`: given a list of `BenchResult` (fields `workload`, `backend`,
    `seconds` — a list of run times —, `error`, and the property `median`), return a dictionary
    `{backend: geometric mean over workloads of interp's median time / that backend's median
    time}` for every backend except `interp`. Leave out any (workload, backend) pair whose
    result, or whose `interp` result, has an `error`.
    """),
    code("""
    import math

    def speedups(results) -> dict:
        ### BEGIN SOLUTION
        ref = {r.workload: r.median for r in results if r.backend == "interp" and r.error is None}
        ratios = {}
        for r in results:
            if r.backend == "interp" or r.error is not None or r.workload not in ref:
                continue
            ratios.setdefault(r.backend, []).append(ref[r.workload] / r.median)
        return {b: math.exp(sum(math.log(x) for x in xs) / len(xs)) for b, xs in ratios.items()}
        ### END SOLUTION
    """),
    check("""
    # CHECK: speedups (do not change this cell)
    def result(workload, backend, *seconds, error=None):
        return BenchResult(workload, backend, 1000, list(seconds), error)

    fake = [
        result("a", "interp", 1.0, 1.2, 0.9),    # median 1.0
        result("b", "interp", 2.0),
        result("c", "interp", 5.0, error="wrong result"),
        result("a", "fast", 0.25, 0.3, 0.2),     # 4x
        result("b", "fast", 1.0),                # 2x
        result("c", "fast", 1.0),                # no reference: left out
        result("a", "broken", 0.1, error="wrong result"),
        result("b", "broken", 0.5),              # 4x
    ]
    got = speedups(fake)
    assert isinstance(got, dict), f"speedups returned {got!r}"
    assert set(got) == {"fast", "broken"}, f"backends: {sorted(got)} (interp itself is not listed)"
    assert math.isclose(got["fast"], math.sqrt(8)), f"fast: {got['fast']}, expected the geometric mean of 4 and 2"
    assert math.isclose(got["broken"], 4.0), f"broken: {got['broken']}, expected 4 (its error run left out)"
    print("speedups is correct")
    """),
    ignore("""
    for backend, s in speedups(results).items():
        print(f"{backend:<10} {s:6.2f} x interp (geometric mean over {len(ASM_WORKLOADS)} workloads)")
    """),
    md("""
    **Question.** Why a *geometric* mean of the ratios rather than the arithmetic mean, or the
    total time of all workloads?
    """),
    md("""
    ### BEGIN SOLUTION
    The total time is dominated by the longest workload, so one benchmark would decide the
    result. The arithmetic mean of ratios depends on which engine is the reference (a 4× gain
    and a 4× loss average to 2.1×, not 1×), while the geometric mean treats a doubling and a
    halving symmetrically and gives the same ranking whatever the reference: the geometric mean
    of ratios equals the ratio of geometric means.
    ### END SOLUTION
    """),
    md("""
    ## What to remember

    * A Python interpreter pays two layers of interpretation: tens of bytecodes per guest
      instruction, tens of host instructions per bytecode.
    * A large part of that is overhead around the instruction (dispatch, bookkeeping), not its
      work: even a `nop` pays it.
    * Compiling the interpreter removes the inner layer; translating (lab 04) removes much of
      the dispatch.
    * Compare engines on several workloads, check they compute the same thing, and summarise
      with a geometric mean.
    """),
]
