"""Lab 00: a tour of vmlab (Machine, program, stepping, Debugger, registers, memory, stops, CLI)."""
from nbbuild import check, code, ignore, md

NAME = "00-tour"

CELLS = [
    md("""
    # Lab 00 — A tour of vmlab

    A **virtual machine** runs software written for one machine (the *guest*) on another
    (the *host*). In this course the guest is a 32-bit RISC-V processor (RV32IM) and the host
    is Python on your computer. The guest programs are real RISC-V machine code: the same
    bytes would run on a RISC-V board.

    This lab shows the pieces you will use in every later lab:

    1. a `Machine` and a program written in a notebook cell;
    2. stepping through it, by hand and with the **Debugger** panel;
    3. registers and memory, read from Python and in panels;
    4. **stop reasons**: why a run ended, as a value you can inspect;
    5. the same things from the command line.

    Run the cells from top to bottom (Shift-Enter).
    """),
    code("""
    import vmlab
    from vmlab import Machine, StopKind
    print("vmlab", vmlab.__version__)
    """),
    md("""
    ## 1. A machine and a program

    A `Machine` holds everything a program can observe: 32 integer registers, the program
    counter `pc`, 16 MiB of RAM at `0x80000000`, a console. A *backend* executes it; we start
    with `interp`, the reference interpreter (lab 02 looks inside it).

    `load` accepts assembly text, a `.s`/`.c` file or an ELF executable. Here the program is
    assembly (GNU syntax) in a Python string: it adds up the squares 1² + 2² + … + 10², stores
    the sum in memory at `total` and prints it with two *system calls* (`ecall`; lab 01 is
    about them).
    """),
    code('''
    SRC = """
    # Sum of the squares 1..10, stored at `total` and printed with two system calls.
            .data
    label:  .asciz  "sum of squares 1..10 = "
    total:  .word   0
            .text
            .globl  main
    main:
            li      t0, 1              # i = 1
            li      t1, 10             # n = 10
            li      a1, 0              # sum = 0
    loop:
            mul     t2, t0, t0         # t2 = i * i
            add     a1, a1, t2         # sum += t2
            addi    t0, t0, 1          # i += 1
            ble     t0, t1, loop       # again while i <= n
            la      t3, total
            sw      a1, 0(t3)          # total = sum
            la      a0, label
            li      a7, 4              # system call 4: PrintString(a0)
            ecall
            mv      a0, a1
            li      a7, 1              # system call 1: PrintInt(a0)
            ecall
            li      a0, 0
            ret                        # returning from main exits with code a0
    """

    m = Machine(history=1000)          # history: remember the last 1000 steps, to step back
    prog = m.load(SRC)
    print("entry point:", hex(prog.entry))
    print("symbols:", {name: hex(addr) for name, addr in prog.symbols.items()})
    '''),
    md("""
    The assembler turned every line into a 32-bit instruction word in RAM. `m.disassemble`
    reads the words back and decodes them. Notice that some lines became other instructions:
    `ble t0, t1, loop` is written `bge t1, t0, loop` (RISC-V has no `ble`; the assembler swaps
    the operands) and `la` became the pair `auipc` + `addi`.
    """),
    code("""
    for addr, word, text in m.disassemble("main", 19):
        print(f"{addr:#010x}  {word:08x}  {text}")
    """),
    md("""
    ## 2. Stepping

    `m.step(n)` executes `n` instructions and returns why it stopped — here always
    *step limit*, because we asked for exactly `n` steps. The stop reason also names the
    source line where the machine now stands (the next instruction to execute).
    """),
    code("""
    print(m.step())
    print("t0 =", m.regs.t0, "  pc =", hex(m.pc))
    print(m.step(3))
    print(m.summary())
    """),
    md("""
    Because the machine was created with `history=1000`, it can also go **back**:
    """),
    code("""
    undone = m.step_back(2)
    print("undid", undone, "steps; pc is now", hex(m.pc), "and", m.instret, "instructions are retired")
    """),
    md("""
    ### The Debugger panel

    The same machine in a panel: the listing with the current line, registers, memory and the
    console. Press **Step** a few times, click a line of the listing to set a breakpoint there,
    press **Run**. The panel is only a *view*: it calls the same `m.step()` and `m.run()` as your code,
    so whatever you do in the panel is visible from Python, and the other way round.
    """),
    ignore("""
    from vmlab.widgets import Debugger
    dbg = Debugger(m)
    dbg
    """),
    md("""
    Buttons can be pressed from code too. Two presses of **Step** move the machine we stepped
    above by two instructions:
    """),
    code("""
    before = m.instret
    dbg.buttons["step"].click()
    dbg.buttons["step"].click()
    print(m.instret - before, "instructions later, pc =", hex(m.pc))
    """),
    md("""
    ## 3. Registers and memory

    `m.regs` shows the registers by their ABI names (`a0`–`a7` arguments, `t0`–`t6`
    temporaries, `s0`–`s11` saved, `sp` stack pointer, `ra` return address). Values are
    unsigned 32-bit numbers; `m.regs.signed(...)` reads one as signed. The stack pointer starts
    at the top of RAM, and `ra` holds a special address: returning there ends the program.
    """),
    code("""
    print(m.regs)
    print()
    print("a1 =", m.regs.a1, "  t0 =", m.regs["t0"], "  x5 =", m.regs[5])
    print("sp =", hex(m.regs.sp), "(the top of RAM)")
    """),
    md("""
    Memory is read through the machine too (addresses or symbol names):
    """),
    code("""
    print(repr(m.read_cstring("label")))
    print("the first 8 bytes of label:", m.read("label", 8).hex(" "))
    print("total =", m.read_u32("total"), "(not written yet)")
    """),
    md("""
    The registers and memory panels on their own (the Debugger contains both):
    """),
    ignore("""
    from vmlab.widgets import RegistersPanel, MemoryPanel
    display(RegistersPanel(m), MemoryPanel(m))
    """),
    md("""
    ## 4. Running, and why a run stops

    `m.run()` runs until something stops the program. **Stops are values**, not exceptions: a
    `StopReason` has a `kind`, the `pc` where it happened, and details (an exit code, a trap
    cause, an address). A guest that crashes does not crash your notebook. The kinds:
    """),
    code("""
    for kind in StopKind:
        print(f"{kind.name:<11} {kind.value!r}")
    """),
    md("""
    A breakpoint on the symbol `loop` stops *before* the instruction there runs. Running again
    continues from the breakpoint and stops at the next visit:
    """),
    code("""
    m.add_breakpoint("loop")
    print(m.run())
    print("i =", m.regs.t0, " sum so far =", m.regs.a1)
    print(m.run())
    print("i =", m.regs.t0, " sum so far =", m.regs.a1)
    m.clear_breakpoints()
    """),
    md("""
    A *watchpoint* stops right after an instruction writes to a range of memory — a good way to
    find out who changes a variable:
    """),
    code("""
    wid = m.add_watchpoint("total")
    stop = m.run()
    print(stop)
    print("total =", m.read_u32("total"))
    m.remove_watchpoint(wid)
    """),
    md("""
    And to the end. The program printed through system calls; the machine's console kept the
    text:
    """),
    code("""
    stop = m.run()
    print(repr(stop), "  kind:", stop.kind.name, "  code:", stop.code)
    print(repr(m.console.output))
    print(m.instret, "instructions retired")
    """),
    md("""
    Other ways a run ends. Each of these little programs goes wrong in its own way; the stop
    reason says what happened and where:
    """),
    code('''
    examples = {
        "load from address 0": "lw a0, 0(zero)\\nret",
        "unknown system call": "li a7, 77\\necall\\nret",
        "ebreak instruction":  "ebreak\\nli a0, 1\\nret",
        "endless loop":        "spin: j spin",
    }
    for what, src in examples.items():
        mm = Machine()
        mm.load(src)
        stop = mm.run(max_steps=1000)
        print(f"{what}:\\n  {str(stop).splitlines()[0]}\\n")
    '''),
    md("""
    `reset()` puts the machine back in the state right after loading (registers, memory and
    console), so the same program can be run again:
    """),
    code("""
    m.reset()
    print(m.run(max_steps=5))
    print(m.run())
    """),
    md("""
    ## 5. The same from the command line

    Everything here is also available as the `vmlab` command (`vmlab run`, `vmlab asm`,
    `vmlab disasm`, `vmlab bench`, `vmlab backends`). The exit status of `vmlab run` is the
    guest's own exit code. In a terminal you would type `vmlab run sumsq.s`; from a notebook we
    call it through Python (`python -m vmlab` is the same command):
    """),
    code("""
    import subprocess, sys, tempfile, pathlib

    def vmlab_cli(*args, cwd):
        r = subprocess.run([sys.executable, "-m", "vmlab", *args], cwd=cwd,
                           capture_output=True, text=True)
        print(f"$ vmlab {' '.join(args)}     (exit status {r.returncode})")
        print(r.stdout + r.stderr)

    work = tempfile.mkdtemp()
    pathlib.Path(work, "sumsq.s").write_text(SRC)
    pathlib.Path(work, "seven.s").write_text("li a0, 7\\nret\\n")
    vmlab_cli("run", "sumsq.s", cwd=work)
    vmlab_cli("run", "seven.s", cwd=work)
    vmlab_cli("run", "--max-steps", "3", "sumsq.s", cwd=work)
    vmlab_cli("asm", "seven.s", cwd=work)
    """),
    md("""
    ## Exercise: count the 1 bits

    Write a RISC-V function `popcount` that returns in `a0` the number of bits that are 1 in
    `a0` (for example 3 for `0b1011`). The temporaries `t0`–`t6` are yours to use without
    saving them. The check loads your program, starts it at `popcount` with different
    values in `a0` and reads the result when the function returns (returning from the first
    function ends the program, with `a0` as the exit code).

    Hint: look at the lowest bit with `andi`, shift with `srli`, loop with `bnez`. Try your
    function in the Debugger first if it does not work at once.
    """),
    code('''
    def popcount_source() -> str:
        """Assembly source defining `popcount`: a0 = number of 1 bits in a0."""
        ### BEGIN SOLUTION
        return """
            .text
            .globl popcount
    popcount:
            li      t0, 0              # count
    1:      beqz    a0, 2f
            andi    t1, a0, 1          # lowest bit
            add     t0, t0, t1
            srli    a0, a0, 1
            j       1b
    2:      mv      a0, t0
            ret
        """
        ### END SOLUTION
    '''),
    check("""
    # CHECK: popcount (do not change this cell)
    source = popcount_source()
    assert isinstance(source, str), f"popcount_source() must return the assembly text, not {source!r}"
    program = vmlab.assemble(source)
    assert "popcount" in program.symbols, "define a label `popcount`"
    for value in [0, 1, 2, 3, 0x80000000, 0xFFFFFFFF, 0x12345678, 0xF0F0F0F0, 0x00010001]:
        t = Machine()
        t.load(program, entry=program.symbols["popcount"])
        t.regs.a0 = value
        stop = t.run(max_steps=10_000)
        assert stop.exited, f"popcount({value:#x}) did not return: {stop}"
        assert t.regs.a0 == bin(value).count("1"), \\
            f"popcount({value:#x}) returned {t.regs.a0}, expected {bin(value).count('1')}"
    print("popcount is correct")
    """),
    md("""
    ## What to remember

    * A `Machine` is state (registers, pc, memory, console); a backend executes it.
    * `step`, `run`, breakpoints and watchpoints all return a `StopReason`; read its `kind`.
    * Panels and the command line are views over the same machine and the same verbs.
    """),
]
