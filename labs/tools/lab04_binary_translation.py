"""Lab 04: binary translation and code caches (blocks, the cache, chaining, SMC, an optimisation pass)."""
from nbbuild import check, code, ignore, md

NAME = "04-binary-translation"

CELLS = [
    md("""
    # Lab 04 — Binary translation and code caches

    An interpreter pays for fetching, decoding and dispatching every time an instruction runs,
    and a loop runs the same instructions thousands of times. A **dynamic binary translator**
    pays once: the first time a piece of guest code is about to run (or once it has proven to
    be *hot*), it translates the whole piece into host code, keeps the result in a
    **translation cache** (code cache), and from then on runs the translation directly.

    Two systems from the lecture did exactly this:

    * **Digital FX!32** (late 1990s) ran x86 Windows NT programs on Alpha processors. The first
      run was emulated, and the emulator recorded which code was executed; between runs, a
      background translator turned that code into native Alpha code and stored it on disk, so
      the next run of the same program was mostly native.
    * **Transmeta Crusoe** (2000) was a processor whose hardware was a VLIW machine, not x86. At
      boot, its *Code Morphing Software* was loaded into a memory region the x86 software could
      not see. It interpreted x86 code at first, counted how often each piece ran, translated
      and optimised the hot pieces, and kept the translations in a translation cache in that
      hidden memory.

    vmlab's `translate` backend follows the Crusoe recipe with Python as the host: interpret a
    basic block for its first few executions (the *threshold*), then translate it — together with
    the blocks around it — into a Python function, cache it, and link translations to each
    other (*chaining*). This lab looks at each of those steps, at self-modifying code, and
    finally lets you add an optimisation pass to the translator.
    """),
    code("""
    import sys, time
    import matplotlib.pyplot as plt
    import vmlab
    from vmlab import Machine
    from vmlab.isa import ISA
    from vmlab.lockstep import compare_machines
    from vmlab.workloads import WORKLOADS, get as workload
    from vmlab.translate import DEFAULT_THRESHOLD
    from vmlab.bench import bytecodes_per_instruction
    print("a block is translated after", DEFAULT_THRESHOLD, "interpreted executions")
    """),
    md("""
    ## 1. Basic blocks

    A **basic block** is a straight run of instructions with one entry (the first) and one exit
    (the last, a branch or jump): once it starts, all of it executes. That makes it the natural
    unit of translation. Our example sums `f(i)` for `i = 0 … 1999`, where `f` is a small
    function:
    """),
    code('''
    SOURCE = """
            .text
            .globl  main
    main:
            addi    sp, sp, -16
            sw      ra, 12(sp)
            li      s0, 0              # i
            li      s1, 0              # sum
            li      s2, 2000
    loop:
            mv      a0, s0
            call    f
            add     s1, s1, a0         # sum += f(i)
            addi    s0, s0, 1
            blt     s0, s2, loop
            mv      a0, s1
            lw      ra, 12(sp)
            addi    sp, sp, 16
            ret
    f:                                 # a0 = a0 * a0 % 7
            mul     a0, a0, a0
            li      t0, 7
            remu    a0, a0, t0
            ret
    """
    program = vmlab.assemble(SOURCE, name="sumf.s")

    m = Machine("translate")
    m.load(program)
    print(m.run(), "after", m.instret, "instructions")
    '''),
    md("""
    `m.backend.blocks` lists the blocks the translator has met: their address range, how many
    instructions they hold, how often they ran (interpreted or translated), whether they are
    translated now, and their successors — the addresses control can go to next — with the
    *chained* ones, which are reached without consulting the cache.
    """),
    code("""
    def show_blocks(backend):
        print(f"{'block':<23} {'insns':>5} {'runs':>5}  {'state':<11} successors (* = chained)")
        for b in backend.blocks:
            succ = ", ".join(f"{s:#x}" + ("*" if s in b.chained else "") for s in b.successors)
            state = "translated" if b.translated else "interpreted"
            print(f"{b.start:#010x}..{b.end:#010x} {b.insns:>5} {b.executions:>5}  {state:<11} {succ}")

    show_blocks(m.backend)
    """),
    md("""
    Things to notice:

    * `call f` ends a block (it is a jump), so the loop body is split in two: the block that
      calls `f`, and the block it returns to.
    * The block at `main` ran once: it stayed *interpreted* — translating it would have cost
      more than it saves. (It overlaps the loop's blocks because a block starts wherever
      execution enters; a translator treats each entry point separately.)
    * `f`'s block ends with `ret`, a jump to an address held in a register: it has no static
      successor; where it goes is only known when it runs.
    * `f` runs 2,000 times, but its block counts a little less, and a 2-instruction block
      inside `f` ran once: `m.run()` executes in slices of a fixed number of instructions, and
      when a slice ends in the middle of a block, the next slice starts from that
      instruction. A block's count is the number of times it ran whole, first instruction to last.

    ## 2. What a translation looks like

    `m.backend.source(pc)` shows the Python generated for the code at `pc`, each line with the
    guest instruction it came from. First `f` on its own, from a machine whose translator makes
    one function per block (`regions = False`):
    """),
    ignore("""
    blocks_only = Machine("translate")
    blocks_only.backend.regions = False
    blocks_only.load(program)
    blocks_only.run()
    print(blocks_only.backend.source(m.symbol("f")))
    """),
    md("""
    (The exact text changes as the translator evolves, so this cell's output is not checked.)
    Compare it with the interpreter of lab 02:

    * guest registers live in Python **local variables** (`a0`, `t0`) for the whole function and
      are written back to the register file only when the translation exits;
    * `li t0, 7` became the constant `7`, and `remu a0, a0, t0` uses it directly: the
      translator **folds constants** it can see at translation time;
    * nothing is decoded or dispatched per instruction: the four instructions are four or five
      lines of straight Python;
    * the exit is `_lookup(target)`: a `ret` must look its target up in the cache.

    The loop became a **region**: several blocks in one function (`f` included, since the loop
    calls it), with a small `while` loop inside that moves between them without leaving Python:
    """),
    ignore("""
    print(m.backend.source(m.symbol("loop")))
    """),
    md("""
    A block does not always end at a branch. A plain jump (`j`) is followed: decoding goes on
    at its target (a *superblock*). And a conditional branch that jumps forward over a few
    instructions which do not branch themselves (what a compiler makes of an `if` without
    `else`) stays inside the block: the translator writes it as a Python `if` whose `else`
    holds those instructions. This is *if-conversion*. The count of executed instructions must
    stay exact, so when the branch is taken and the instructions are skipped, the code gives
    their steps back: `n += k`, where `n` is the budget of instructions left. CRC32 tests one
    bit per iteration; with if-conversion the whole loop body is one block, run as a Python
    `for` loop (`skip_branches = False` turns it off, to compare):
    """),
    ignore("""
    from vmlab.workloads import WORKLOADS
    crc = Machine("translate")
    crc.load(next(w for w in WORKLOADS if w.name == "crc32").program())
    crc.run()
    print(crc.backend.source(crc.symbol("bit")))
    """),
    md("""
    The **TranslationCache** panel shows the same: every block, and its guest code next to the
    generated Python.
    """),
    ignore("""
    from vmlab.widgets import TranslationCache
    TranslationCache(m)
    """),
    md("""
    ## 3. The translation cache: hits, misses, chaining

    Every time execution arrives at an address by a route that is not chained, the backend
    looks the address up in the translation cache: a **hit** finds a function (translated, or
    a cold block being interpreted), a **miss** means the code has not been seen yet and must be
    decoded. `m.backend.stats` counts them:
    """),
    code("""
    def show_stats(backend, keys=("translations", "blocks translated", "cache hits", "cache misses",
                                  "invalidations", "instructions translated", "instructions interpreted")):
        st = backend.stats
        for k in keys:
            print(f"  {k:<26} {st[k]:>8,}")

    show_stats(m.backend)
    st = m.backend.stats
    executed = st["instructions translated"] + st["instructions interpreted"]
    print(f"share of instructions that ran translated: {st['instructions translated'] / executed:.0%}")
    """),
    md("""
    Few lookups for about 20,000 instructions, and most of them while the blocks were still
    interpreted (every run of a cold block goes through the cache): most control transfers
    never reach the cache.
    A translation's exit to a known address is **chained**: the first time it is taken, the
    successor's function is stored in a link inside the translation, and from then on the
    translation returns that function directly. Jumps between blocks of the same **region** do
    not even leave the function.

    Turn regions off and every block becomes its own translation: the exits are still chained,
    but `f`'s `ret` is now a jump out of a translation to an address known only at run time, so
    it goes through the cache every time:
    """),
    code("""
    show_stats(blocks_only.backend, keys=("translations", "cache hits", "cache misses"))   # from section 2
    show_blocks(blocks_only.backend)
    """),
    md("""
    A `ret` goes back to its caller. A C `switch` compiled to a **jump table** is another kind of
    computed jump: `jr` to an address loaded from a table, a different case each time. The
    translator watches where such a jump goes (the blocks' `jump_targets`), and a region formed
    around it takes the targets in like branch targets: a case that gets hot needs no lookup,
    and no region of its own that later swallows the others.
    """),
    code("""
    SWITCH = '''
        .globl main
    main:
        li   s1, 400
        li   a0, 0
        la   s2, table
    loop:
        andi t0, s1, 3          # case s1 % 4
        slli t0, t0, 2
        add  t0, t0, s2
        lw   t0, 0(t0)
        jr   t0                 # through the table
    case0: addi a0, a0, 1
        j    next
    case1: xori a0, a0, 5
        j    next
    case2: slli a0, a0, 1
        j    next
    case3: sub  a0, a0, s1
    next:
        addi s1, s1, -1
        bnez s1, loop
        ret
        .data
    table: .word case0, case1, case2, case3
    '''
    switch = Machine("translate")
    switch.load(SWITCH)
    switch.run()
    jr = next(b for b in switch.backend.blocks if b.jump_targets and b.translated)
    print("jr seen going to:", ", ".join(f"{t:#x}" for t in jr.jump_targets))
    print("the cases:       ", ", ".join(f"{switch.symbol(c):#x}" for c in ("case0", "case1", "case2", "case3")))
    show_stats(switch.backend, keys=("translations", "blocks translated", "cache misses"))
    """),
    md("""
    ### Hot-code threshold

    The threshold trades translation time against interpretation time. Translating everything
    at once (`threshold=0`) wastes effort on code that runs once; a very high threshold leaves
    hot code interpreted for too long. Measured on the `crc32` workload:
    """),
    code("""
    crc = workload("crc32").program()
    by_threshold = {}
    for threshold in [0, 1, 8, 100, 1000, 100_000]:
        t = Machine("translate")
        t.backend.threshold = threshold
        t.load(crc)
        t0 = time.perf_counter()
        stop = t.run()
        seconds = time.perf_counter() - t0
        assert stop.exited and stop.code == 0, stop
        st = t.backend.stats
        by_threshold[threshold] = (seconds, st["seconds translating"])
        print(f"threshold {threshold:>7,}: {st['translations']:>3} translations, "
              f"{st['instructions interpreted']:>9,} of {t.instret:,} instructions interpreted")
    """),
    ignore("""
    fig, ax = plt.subplots(figsize=(5.5, 2.5))
    labels = [f"{k:,}" for k in by_threshold]
    ax.bar(labels, [s for s, _ in by_threshold.values()], label="total run time")
    ax.bar(labels, [tr for _, tr in by_threshold.values()], label="of which translating")
    ax.set_xlabel("threshold (interpreted runs before translating)")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)
    plt.tight_layout()
    plt.show()
    """),
    md("""
    ### When translating does not pay

    A translation costs time once and saves a little every time its code runs, so it pays only
    for code that runs often enough afterwards. `crc32` spends nearly all its time in one small
    loop. `coremix` (a CoreMark-like C program) is the opposite: a flat profile, many blocks
    that each run a few hundred or a few thousand times. Measure both sides of the trade on it,
    the cost of translating one guest instruction and the time one execution saves:
    """),
    ignore("""
    mix = workload("coremix").program()
    seconds = {}
    for name in ("interp", "translate"):
        mm = Machine(name)
        mm.load(mix)
        t0 = time.perf_counter()
        stop = mm.run()
        seconds[name] = time.perf_counter() - t0
        assert stop.exited and stop.code == 0, stop
    st = mm.backend.stats
    compiled = st["guest instructions translated"]
    translating = st["seconds translating"]
    cost = translating / compiled                              # per compiled guest instruction
    interpreted = seconds["interp"] / mm.instret               # per executed instruction
    translated = (seconds["translate"] - translating) / mm.instret
    print(f"interp {seconds['interp']:.2f} s; translate {seconds['translate']:.2f} s, "
          f"of which translating {translating:.2f} s ({compiled:,} guest instructions compiled)")
    print(f"translating one guest instruction: {cost * 1e6:.0f} us")
    print(f"one execution: {interpreted * 1e6:.3f} us interpreted, {translated * 1e6:.3f} us translated")
    if interpreted > translated:
        print(f"break-even: {cost / (interpreted - translated):,.0f} executions per compiled "
              f"instruction; coremix gives each {mm.instret / compiled:,.0f}")
    """),
    md("""
    **Question.** Why is the translator no faster than the interpreter on `coremix`, and
    what could a translator do about a program like it? (Digital's FX!32 translated between
    runs and kept the translations on disk; HotSpot and V8 compile in tiers.)
    """),
    md("""
    ### BEGIN SOLUTION
    Each compiled guest instruction costs on the order of a hundred microseconds (generating
    its Python, then `compile()`), while running it translated instead of interpreted saves
    a tenth of a microsecond or less. So a compiled instruction must run a few thousand times
    after translation to pay for itself, and coremix's instructions run about a thousand times
    each in all: translating them costs more than it saves. A translator can make
    translation cheaper (smaller code, a cheaper first tier that translates single blocks
    quickly and optimises only the hottest regions), translate only what has proven very hot
    (but then more runs interpreted), or pay once for many runs by keeping translations
    across runs, as FX!32 did. For short runs of programs with flat profiles, an interpreter
    (or a compiled one like lab 03's) is hard to beat.
    ### END SOLUTION
    """),
    md("""
    ## 4. Self-modifying code

    A translation is a copy of the guest code. If the program then **writes over its own
    instructions**, the copy is stale, and running it would be wrong. After each of its four
    rounds of 50 calls, this program patches the immediate of an `addi` in its function `bump`,
    so `bump` adds 1, then 1, 2 and 3 (the fourth patch is made but never runs):
    """),
    code('''
    SMC_SOURCE = """
            .text
            .globl  main
    main:
            addi    sp, sp, -16
            sw      ra, 12(sp)
            li      s0, 0              # round
            li      s1, 0              # total
            la      s2, bump
    round:
            li      s3, 50             # call bump 50 times per round
    1:      mv      a0, s1
            call    bump
            mv      s1, a0
            addi    s3, s3, -1
            bnez    s3, 1b
            addi    s0, s0, 1          # next round: make bump add s0
            lw      t0, 0(s2)          # the word of `addi a0, a0, imm`
            li      t1, 0xFFFFF
            and     t0, t0, t1         # keep everything but the immediate (bits 31..20)
            slli    t2, s0, 20
            or      t0, t0, t2         # new immediate: s0
            sw      t0, 0(s2)          # overwrite the instruction
            FENCE
            li      t3, 4
            blt     s0, t3, round
            mv      a0, s1             # 50 * (1 + 1 + 2 + 3) = 350
            lw      ra, 12(sp)
            addi    sp, sp, 16
            ret
    bump:
            addi    a0, a0, 1
            ret
    """

    def run_both(source):
        """Run on the interpreter and on the translator; the translator's machine."""
        p = vmlab.assemble(source, name="smc.s")
        ref = Machine("interp")
        ref.load(p)
        tr = Machine("translate")
        tr.backend.threshold = 8           # low, so that bump is translated within 50 calls
        tr.load(p)
        print("interp:   ", ref.run(), f"({ref.instret:,} instructions)")
        print("translate:", tr.run(), f"({tr.instret:,} instructions)")
        print("same final state (registers, memory, output):", compare_machines(ref, tr) == [])
        return tr

    tr = run_both(SMC_SOURCE.replace("FENCE", "fence.i"))
    show_stats(tr.backend, keys=("translations", "invalidations", "cache misses"))
    '''),
    md("""
    On RISC-V, a program that writes instructions must execute `fence.i` before running them;
    vmlab's translator (like a real processor's instruction cache) then drops *everything*
    it has translated. The stats show the invalidations, and the result equals the
    interpreter's.

    x86 has no such instruction: a store to code takes effect at once. FX!32 and Crusoe, which
    translated x86, therefore had to *detect* stores into translated code themselves — Crusoe
    with hardware that protected the memory holding translated x86 code. vmlab does the same in
    software: each 64-byte line of memory that holds translated code is flagged, and a store
    into a flagged line drops only the translations made from that line. Without `fence.i`:
    """),
    code("""
    tr = run_both(SMC_SOURCE.replace("FENCE", "nop"))
    show_stats(tr.backend, keys=("translations", "invalidations", "cache misses"))
    """),
    md("""
    The result is still right, and there are fewer misses: less had to be found and decoded
    again. Still, each patch invalidated a translation, because the loop's region contains
    `bump` (the loop calls it) — patching code that sits inside a hot translation is expensive
    for a translator, which is why JIT compilers and emulators treat frequently modified code
    specially (or stop translating it).
    """),
    md("""
    ## Exercise: an optimisation pass

    Real translators run optimisation passes over the code before generating host code (Crusoe
    optimised its hot translations aggressively). vmlab's translator already folds constants;
    you will add **dead-write elimination**.

    A write to a register is *dead* if, later in the same block, the register is written again
    before anything reads it: the first value can never be observed — unless something in
    between can *stop* the block. A load or store can trap (a bad address), and at a trap the
    guest registers must hold exactly the values the instructions so far produced (*precise
    state*), so a write followed by a load or store before the overwrite must stay. Constant
    folding creates dead writes: in `li t1, 3` / `slli t2, t0, 1` / `add t1, t0, t2`, the first
    write to `t1` is dead.

    **The translator's representation.** Each decoded block is a list of `InsnCode` objects,
    one per guest instruction, in order. Each has:

    * `ins.name`: the mnemonic (`"addi"`, `"lw"` ...);
    * `stmts`: the list of Python statements (as `ast` nodes) generated for it;
    * `reads`: the set of register numbers whose *value* its code reads (a register whose value
      the translator knows as a constant does not count: the constant was folded in);
    * `writes`: the set of register numbers it assigns.

    Removing an instruction's code means `code.stmts = []`; the instruction still counts as
    executed (the translator keeps one entry per guest instruction), it just costs nothing.
    Write `remove_dead_writes(codes)`: for every instruction in `PURE` (it cannot trap or leave
    the block) that writes exactly one register, remove its code when a later instruction of
    the block writes that register and nothing between them (inclusive of that later
    instruction) reads it or is outside `PURE`.

    The translator runs the functions in its `passes` list over every block it decodes (a
    list of `InsnCode`, which a pass may change in place), before it generates Python from it.
    Below your function, a translator is made whose pass also records what it removed, so
    that you can see it work.
    """),
    code('''
    from vmlab.backends import register_class
    from vmlab.translate import TranslateBackend


    LOADS = {"lb", "lh", "lw", "lbu", "lhu"}
    STORES = {"sb", "sh", "sw"}
    PURE = {i.name for i in ISA.insns if not (i.ends_block or i.system or i.name in LOADS | STORES)}
    print("pure instructions:", " ".join(sorted(PURE)))
    '''),
    code("""
    def remove_dead_writes(codes):
        \"\"\"Remove the code of instructions whose only register write is dead (see above).\"\"\"
        ### BEGIN SOLUTION
        for i, c in enumerate(codes):
            if c.ins.name not in PURE or len(c.writes) != 1 or not c.stmts:
                continue
            (reg,) = c.writes
            for later in codes[i + 1:]:
                if reg in later.reads or later.ins.name not in PURE:
                    break                      # the value is used, or the block may stop here
                if reg in later.writes:
                    c.stmts = []               # overwritten before anyone could see it
                    break
        ### END SOLUTION


    class DeadWriteTranslator(TranslateBackend):
        # the translate backend with the pass; `removed`: pc -> mnemonic of what it removed
        def __init__(self, machine, threshold=None):
            super().__init__(machine, threshold)
            self.removed = {}
            self.passes = [self.remove_and_record]

        def remove_and_record(self, codes):
            had_code = [bool(c.stmts) for c in codes]
            remove_dead_writes(codes)
            for c, had in zip(codes, had_code):
                if had and not c.stmts:
                    self.removed[c.pc] = c.ins.name


    register_class("translate-dce", DeadWriteTranslator)
    """),
    md("""
    Test programs: a loop with a dead write in its body, a block where a register is written,
    read, then written again, and one where a load that traps sits between two writes.
    """),
    code('''
    DEAD_LOOP = vmlab.assemble("""
            .globl  main
    main:
            li      t0, 3000
    loop:
            li      t1, 3              # dead: t1 is written again below before any read
            slli    t2, t0, 1
            add     t1, t0, t2
            add     a0, a0, t1
            addi    t0, t0, -1
            bnez    t0, loop
            andi    a0, a0, 255
            ret
    """, name="deadloop.s")

    LIVE = vmlab.assemble("""
            .globl  main
    main:
            li      t0, 100
    1:      add     a1, t0, t0         # live: read by the next instruction
            add     a2, a1, t0
            li      a1, 1              # written again, but after the read
            add     a0, a0, a2
            add     a0, a0, a1
            addi    t0, t0, -1
            bnez    t0, 1b
            ret
    """, name="live.s")

    TRAP = vmlab.assemble("""
            .globl  main
    main:
            li      t0, 20
    1:      addi    a0, t0, 5          # must be visible when the load below traps
            addi    t0, t0, -1
            bnez    t0, 1b
            addi    a0, a0, 7
            lw      t1, 0(zero)        # traps: load from address 0
            li      a0, 6
            ret
    """, name="trap.s")
    '''),
    check("""
    # CHECK: dead-write elimination (do not change this cell)
    def same_as_interp(program, threshold=0):
        ref, opt = Machine("interp"), Machine("translate-dce")
        opt.backend.threshold = threshold
        for mm in (ref, opt):
            mm.load(program)
        a, b = ref.run(), opt.run()
        assert (a.kind, a.pc, a.code, a.cause) == (b.kind, b.pc, b.code, b.cause), f"{program.name}: {a} / {b}"
        diffs = compare_machines(ref, opt)
        assert not diffs, f"{program.name}: the optimised translation differs:\\n" + "\\n".join(diffs)
        return opt.backend

    backend = same_as_interp(DEAD_LOOP)
    dead = DEAD_LOOP.symbols["loop"]
    assert backend.removed.get(dead) == "addi", \\
        f"the dead `li t1, 3` at {dead:#x} was not removed (removed: {backend.removed})"
    for program in [LIVE, TRAP]:
        same_as_interp(program)
    for w in WORKLOADS:
        if w.file.endswith(".s"):
            same_as_interp(w.program(), threshold=8)
    print("dead writes removed, every program computes what the interpreter computes")
    """),
    md("""
    ### Measure it

    How much does it save? Count the Python bytecodes executed per guest instruction
    (`vmlab.bench.bytecodes_per_instruction`, as in lab 03), with and without the pass, on the
    loop with the dead write and on a workload:
    """),
    ignore("""
    for name, prog in [("deadloop", DEAD_LOOP), ("crc32", workload("crc32").program())]:
        before = bytecodes_per_instruction("translate", prog, steps=100_000)
        after = bytecodes_per_instruction("translate-dce", prog, steps=100_000)
        print(f"{name:<9} {before:5.2f} -> {after:5.2f} bytecodes per guest instruction ({after / before - 1:+.1%})")
    """),
    code("""
    for w in WORKLOADS:
        if w.file.endswith(".s"):
            t = Machine("translate-dce")
            t.load(w.program())
            t.run()
            print(f"{w.name:<7} dead writes removed at: "
                  + (", ".join(f"{pc:#x} ({name})" for pc, name in sorted(t.backend.removed.items())) or "none"))
    """),
    md("""
    **Question.** The pass pays off on `deadloop` but hardly anywhere in the benchmark
    workloads. Why, and what does it tell you about choosing optimisations for a translator?
    """),
    md("""
    ### BEGIN SOLUTION
    The pass finds no dead write at all in the workloads: they were written by hand, and
    neither a careful programmer nor an optimising compiler writes a register that nobody
    reads. `deadloop` was written to contain one. An optimisation only matters where the program spends its time, so a translator
    should measure first — which instructions and patterns are hot (lab 02's instruction mix,
    the block execution counts) — and spend its effort there, as Crusoe did by optimising
    only its hottest translations harder. Here the big costs are elsewhere (dispatching
    between translations, register write-back, Python's own overhead).
    ### END SOLUTION
    """),
    md("""
    ## What to remember

    * A translator turns a guest block (or a region of blocks) into host code once and caches
      it; it interprets first, and translates what is hot (Crusoe; FX!32 did it between runs).
    * Chaining and regions keep control transfers out of the cache; computed jumps (`ret`, jump
      tables) need a lookup unless the target is inside the same translation, so a translator
      watches where they go and takes the usual targets in.
    * A translation is a copy: stores into code must invalidate it (`fence.i` on RISC-V;
      detection of stores into translated code for x86 guests).
    * Optimisation passes run over the translator's own representation; check them against the
      reference, keep state precise where the block can trap, and measure where they help.
    """),
]
