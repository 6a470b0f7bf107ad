"""Lab 02: interpretation (fetch, decode, execute; decode-and-dispatch vs predecoding; instruction mix)."""
from nbbuild import check, code, ignore, md

NAME = "02-interpretation"

CELLS = [
    md("""
    # Lab 02 — Interpretation

    The simplest way to run a guest program is to do, in software, what the processor does in
    hardware, one instruction at a time:

    1. **fetch** the instruction word at `pc` from guest memory;
    2. **decode** it: find out which instruction it is and extract its operands (register
       numbers, immediate);
    3. **execute** it: update the guest registers and memory, and compute the next `pc`.

    A program that does this is an *interpreter*. It is the first thing an emulator does and
    the fallback of every faster technique: the dynamic binary translators of lab 04 still
    interpret code until it is worth translating.

    In this lab you measure two interpreters, look at what programs actually execute, and write
    part of an interpreter yourself.
    """),
    code("""
    import inspect, time
    from collections import Counter
    import matplotlib.pyplot as plt
    import vmlab
    from vmlab import Machine
    from vmlab.isa import ISA
    from vmlab.teaching import StudentBackend, register_student_backend, instruction_mix
    from vmlab.lockstep import lockstep
    from vmlab.workloads import get as workload
    """),
    md("""
    ## 1. One instruction, by hand

    Our guest program for this lab is a recursive Fibonacci: `fib(16)`, a function that is
    called 3,193 times (once by `main`, 3,192 times by itself: fib(n) makes 2·fib(n+1) − 1
    calls, and fib(17) = 1597). It is the `fib` benchmark workload with a smaller argument.
    """),
    code("""
    FIB_SOURCE = workload("fib").path.read_text().replace("li      a0, 24", "li      a0, 16").replace("46368", "987")
    fib16 = vmlab.assemble(FIB_SOURCE, name="fib16.s")
    print(FIB_SOURCE[FIB_SOURCE.index("fib:"):])
    """),
    md("""
    Fetch, decode and execute the first instruction of `fib` ourselves. Decoding means matching
    the word against the instruction table: each instruction has a bit pattern (fixed bits for
    the opcode and function fields, free bits for operands). The table also holds each
    instruction's meaning, written as a line of pseudo-code:
    """),
    code("""
    m = Machine()
    m.load(fib16)
    pc = m.symbol("fib")
    word = m.read_u32(pc)                         # 1. fetch
    ins = ISA.decode(word)                        # 2. decode: which instruction?
    operands = ins.decode_operands(word)          #    ... and its operands
    print(f"word {word:#010x} at {pc:#x}: {ins.name} (format {ins.fmt}), operands {operands}")
    print("meaning:", ins.semantics)
    print(f"the pattern it matched: {ins.pattern}")
    """),
    md("""
    ## 2. Two ways to organise an interpreter

    **Decode-and-dispatch.** The textbook interpreter: a loop that fetches, decodes, and then
    *dispatches* — jumps to the code for that instruction (a big `switch` in C; here, a method
    `op_<name>` looked up by name). `vmlab.teaching.StudentBackend` is written this way, to be
    read. Its whole step:
    """),
    code("""
    print(inspect.getsource(StudentBackend.step_one))
    """),
    md("""
    Everything in that function happens for *every* instruction executed, including the table
    search in `ISA.decode` — even though a loop runs the same few instructions thousands of
    times, and they never change.

    **Predecoding.** The reference interpreter, `interp`, decodes each address only the first
    time it runs, and keeps a ready-to-call *handler* for it (a Python closure with the operands
    already bound in), in a list with one slot per word of RAM. Its inner loop is little more
    than `i = code[i]()`: each handler returns the slot of the next instruction (indexing a list
    is much cheaper than hashing a 32-bit address). Compare the number of instructions executed
    with the number of words it had to decode:
    """),
    code("""
    m = Machine("interp")
    m.load(fib16)
    print(m.run())
    print(f"{m.instret:,} instructions executed, {m.backend.decoded} words decoded")
    """),
    md("""
    Now time both on the same program. (`register_student_backend` makes a class selectable by
    name, so that `Machine("student")` uses it.) Timings depend on the computer and on what
    else it is doing, so your numbers will differ from the stored ones; the ratio is what
    matters.
    """),
    code("""
    register_student_backend("student", StudentBackend)

    def best_time(backend, program, repeat=5, max_steps=200_000, timeout=10):
        \"\"\"Best of `repeat` runs: (seconds, instructions). A run that does not exit with code 0
        within `max_steps` instructions and `timeout` seconds raises RuntimeError.\"\"\"
        best = float("inf")
        for _ in range(repeat):
            mm = Machine(backend)
            mm.load(program)
            t0 = time.perf_counter()
            stop = mm.run(max_steps=max_steps, timeout=timeout)
            best = min(best, time.perf_counter() - t0)
            if not (stop.exited and stop.code == 0):
                raise RuntimeError(f"backend {backend!r} did not finish {program.name} correctly "
                                   f"(limits: {max_steps:,} instructions, {timeout} s): {stop}")
        return best, mm.instret

    timings = {name: best_time(name, fib16) for name in ["student", "interp"]}
    """),
    ignore("""
    for name, (seconds, n) in timings.items():
        print(f"{name:<8} {n:,} instructions in {seconds*1000:6.1f} ms = {n / seconds / 1e6:5.2f} MIPS")
    ratio = timings["student"][0] / timings["interp"][0]
    print(f"decode-and-dispatch takes about {ratio:.0f} times as long as the predecoding interpreter")
    """),
    ignore("""
    fig, ax = plt.subplots(figsize=(5, 2.2))
    names = list(timings)
    ax.barh(names, [timings[n][1] / timings[n][0] / 1e6 for n in names], color=["#c66", "#69c"])
    ax.set_xlabel("million guest instructions per second (MIPS)")
    ax.set_title("fib(16): the same instructions, two interpreters")
    plt.tight_layout()
    plt.show()
    """),
    md("""
    Both interpreters executed exactly the same instructions (same count, same result); the
    difference is only the work done *around* each instruction.

    ## 3. What do programs execute? The instruction mix

    Which instructions are worth making fast? Count them. `instruction_mix(program)` runs a
    program on the reference interpreter and counts how often each instruction executes. Two
    benchmark workloads: a CRC-32 (bit twiddling) and a quicksort (memory and comparisons).
    """),
    code("""
    mixes = {name: instruction_mix(workload(name).program()) for name in ["crc32", "qsort"]}
    for name, mix in mixes.items():
        total = sum(mix.values())
        print(f"{name}: {total:,} instructions, {len(mix)} different ones")
        for insn, n in mix.most_common(8):
            print(f"   {insn:<6} {n:>9,}  {100 * n / total:5.1f} %")
    """),
    md("""
    The same data by *kind* of instruction:
    """),
    code("""
    def kind(name):
        ins = ISA.by_name[name]
        if ins.extension == "M":
            return "mul/div"
        if name in ("jal", "jalr"):
            return "jump"
        if name.startswith("b"):
            return "branch"
        if name in ("lb", "lh", "lw", "lbu", "lhu"):
            return "load"
        if name in ("sb", "sh", "sw"):
            return "store"
        return "ALU"

    KINDS = ["ALU", "branch", "load", "store", "jump", "mul/div"]
    shares = {}
    for name, mix in mixes.items():
        total = sum(mix.values())
        shares[name] = {k: sum(n for i, n in mix.items() if kind(i) == k) / total for k in KINDS}
        print(f"{name:<6}", "  ".join(f"{k} {100 * shares[name][k]:4.1f}%" for k in KINDS))
    """),
    code("""
    fig, ax = plt.subplots(figsize=(6, 2.2))
    left = [0.0] * len(shares)
    for k in KINDS:
        values = [100 * shares[w][k] for w in shares]
        ax.barh(list(shares), values, left=left, label=k)
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel("% of executed instructions")
    ax.legend(ncol=6, fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    plt.tight_layout()
    plt.show()
    """),
    md("""
    A handful of simple instructions make up almost everything that executes, but which handful
    depends on the program. In `crc32`, six instructions are 93 % of the total: `addi` and the
    branches `bne` and `beq`, and the shifts and logic `srli`, `andi` and `xor`, which alone
    are about 40 %; it barely touches memory (loads and stores 1.8 % each). In `qsort`, five
    are 92 %: `addi`, the branch `bgeu`, the load `lw`, the store `sw` and the jump `jal`, and
    a third of what it executes is loads and stores. Multiplications are rare in both (under
    2 %). An interpreter (or a translator) that makes the simple ALU, branch and memory
    instructions fast makes almost everything fast; a rare instruction can afford to be slow.

    ## Exercise: write part of an interpreter

    Subclass `StudentBackend` and implement these instructions as `op_<name>` methods:

    | method | instruction | what it does |
    |---|---|---|
    | `op_add(rd, rs1, rs2)`  | `add`  | `x[rd] = x[rs1] + x[rs2]` |
    | `op_addi(rd, rs1, imm)` | `addi` | `x[rd] = x[rs1] + imm` |
    | `op_lw(rd, rs1, imm)`   | `lw`   | `x[rd] =` the 32-bit word at `x[rs1] + imm` |
    | `op_sw(rs1, rs2, imm)`  | `sw`   | store `x[rs2]` at `x[rs1] + imm` |
    | `op_beq(rs1, rs2, imm)` | `beq`  | if `x[rs1] == x[rs2]`, continue at `pc + imm` |
    | `op_bne(rs1, rs2, imm)` | `bne`  | if `x[rs1] != x[rs2]`, continue at `pc + imm` |
    | `op_jal(rd, imm)`       | `jal`  | `x[rd] = pc + 4`, continue at `pc + imm` |

    What you need to know:

    * `self.x` is the list of the 32 registers. Registers hold **unsigned** 32-bit values
      (0 … 2³²−1): mask results with `& 0xFFFFFFFF`. Immediates (`imm`) are already
      sign-extended Python integers, which may be negative.
    * `self.load(addr, 4)` and `self.store(addr, 4, value)` access guest memory; `self.pc` is
      the address of the current instruction.
    * A method returns the next `pc`, or `None` to go on with `pc + 4`.
    * Writes to `x0` are undone for you after each instruction.

    Instructions you do not implement are executed by the reference semantics, so the
    backend always works; the check makes sure your methods really ran. It uses
    `vmlab.lockstep.lockstep`, which runs a program on your backend and on the reference
    interpreter side by side and compares every register, the pc and all of memory after
    every instruction, and reports the first difference.
    """),
    code("""
    MASK = 0xFFFFFFFF

    class MyInterpreter(StudentBackend):
        \"\"\"Decode-and-dispatch, with seven instructions of my own.\"\"\"

        def op_add(self, rd, rs1, rs2):
            ### BEGIN SOLUTION
            self.x[rd] = (self.x[rs1] + self.x[rs2]) & MASK
            ### END SOLUTION

        def op_addi(self, rd, rs1, imm):
            ### BEGIN SOLUTION
            self.x[rd] = (self.x[rs1] + imm) & MASK
            ### END SOLUTION

        def op_lw(self, rd, rs1, imm):
            ### BEGIN SOLUTION
            self.x[rd] = self.load(self.x[rs1] + imm, 4)
            ### END SOLUTION

        def op_sw(self, rs1, rs2, imm):
            ### BEGIN SOLUTION
            self.store(self.x[rs1] + imm, 4, self.x[rs2])
            ### END SOLUTION

        def op_beq(self, rs1, rs2, imm):
            ### BEGIN SOLUTION
            if self.x[rs1] == self.x[rs2]:
                return self.pc + imm
            ### END SOLUTION

        def op_bne(self, rs1, rs2, imm):
            ### BEGIN SOLUTION
            if self.x[rs1] != self.x[rs2]:
                return self.pc + imm
            ### END SOLUTION

        def op_jal(self, rd, imm):
            ### BEGIN SOLUTION
            self.x[rd] = (self.pc + 4) & MASK
            return self.pc + imm
            ### END SOLUTION


    register_student_backend("mine", MyInterpreter)
    """),
    md("""
    A test program that uses all seven instructions, with negative numbers and backward
    branches. Step it in the Debugger (lab 00) on `backend="mine"` if the check fails.
    """),
    code('''
    TEST_SOURCE = """
            .data
    array:  .word   5, -3, 12, 7, 0, 9, -8, 0
    n:      .word   8
    out:    .word   0, 0
            .text
            .globl  main
    main:
            addi    sp, sp, -16
            sw      ra, 12(sp)
            la      a0, array
            lw      a1, n
            jal     ra, sum
            la      t0, out
            sw      a0, 0(t0)
            la      a0, array
            lw      a1, n
            jal     ra, zeros
            la      t0, out
            sw      a0, 4(t0)
            lw      ra, 12(sp)
            addi    sp, sp, 16
            ret

    sum:                               # a0 = sum of the a1 words at a0
            addi    t0, zero, 0
    1:      beq     a1, zero, 2f
            lw      t1, 0(a0)
            add     t0, t0, t1
            addi    a0, a0, 4
            addi    a1, a1, -1
            jal     zero, 1b
    2:      addi    a0, t0, 0
            ret

    zeros:                             # a0 = how many of the a1 words at a0 are 0
            addi    t0, zero, 0
    1:      lw      t1, 0(a0)
            bne     t1, zero, 2f
            addi    t0, t0, 1
    2:      addi    a0, a0, 4
            addi    a1, a1, -1
            bne     a1, zero, 1b
            addi    a0, t0, 0
            ret
    """
    TEST = vmlab.assemble(TEST_SOURCE, name="test.s")
    '''),
    check("""
    # CHECK: your instructions against the reference, instruction by instruction (do not change)
    REQUIRED = ["add", "addi", "lw", "sw", "beq", "bne", "jal"]
    machines = []
    for program, steps in [(TEST, 10_000), (fib16, 5_000)]:
        d = lockstep(program, "mine", max_steps=steps, setup=machines.append)
        assert d is None, d.report()
    counts = Counter()
    for mm in machines:                 # lockstep gives us both machines: keep the student's
        if mm.backend_name == "mine":
            counts.update(mm.backend.counts)
    missing = [op for op in REQUIRED if counts.get(op, 0) == 0]
    assert not missing, f"these never ran as your own methods (the reference did them): {missing}"
    print("all seven instructions match the reference; executions by your methods:")
    print({op: counts[op] for op in REQUIRED})
    """),
    md("""
    **Question.** Is your interpreter faster than the plain `StudentBackend`, which sends
    every instruction to the reference semantics? Measure, then explain the result. (Hint:
    compare what `step_one` does for an instruction that has an `op_` method with what it does
    for one that has none, and remember what `interp` keeps for every address. The profile
    below shows where `mine` spends its time.)
    """),
    ignore("""
    for name in ["student", "mine", "interp"]:
        try:
            seconds, n = best_time(name, fib16)
        except Exception as e:          # a buggy interpreter: say so, and go on with the others
            print(f"{name:<8} not measured: {type(e).__name__}: {e}")
            print(f"{'':<8} (make the check above pass first)")
            continue
        print(f"{name:<8} {n / seconds / 1e6:5.2f} MIPS")
    """),
    ignore("""
    import cProfile, pstats
    mm = Machine("mine")
    mm.load(fib16)
    profile = cProfile.Profile()
    stop = profile.runcall(mm.run, max_steps=200_000, timeout=10)
    if not stop.exited:
        print("mine did not finish fib(16):", stop)
    stats = pstats.Stats(profile).sort_stats("tottime")
    stats.print_stats(8);
    """),
    md("""
    ### BEGIN SOLUTION
    Usually *not* faster — about the same, often slower. Both search the table for every
    instruction. But an instruction without an `op_` method is then handed to the reference
    interpreter, which finds a handler it *predecoded* for that address (operands already
    extracted and bound in), while an instruction with an `op_` method pays for
    `decode_operands` — extracting every bit field and building a dictionary — and for a call
    with keyword arguments, every time. The profile shows it: near the top, with `step_one`
    itself, are `extract` (in `isa/fields.py`, called once per operand field, about three
    times per instruction that has an `op_` method), a `<dictcomp>` in `isa/spec.py` — the
    dictionary comprehension inside `decode_operands`, which calls `extract` for each field
    (`decode_operands` itself only wraps it: little time of its own, so it comes low in the
    list or not at all) — `decode`, the table search, and `fetch`. `step_careful`, the
    reference running the other instructions (about a third of them) with their predecoded
    handlers, costs less. Operand extraction is a large part of decoding, which is exactly the
    work predecoding saves; `interp`, which predecodes everything, is several times faster than both.
    ### END SOLUTION
    """),
    md("""
    ## What to remember

    * Interpretation = fetch, decode, execute, for every instruction. Its cost is the work
      *around* the instruction: decoding and dispatching.
    * Predecoding (decode once per address, keep a handler) removes the decoding from the loop;
      lab 04's translator goes further and removes most of the dispatching.
    * A few simple instructions dominate what programs execute.
    * `lockstep` compares an engine with the reference after every instruction: the way to
      test an emulator.
    """),
]
