"""Lab 01: process VMs and the ABI (the ISA plus system calls); tracing and adding system calls."""
from nbbuild import check, code, md

NAME = "01-process-vms"

CELLS = [
    md("""
    # Lab 01 — Process virtual machines and the ABI

    What does a program actually *see* of the machine it runs on? It depends on who is looking.

    * **The process view.** An application sees a CPU with registers, a flat memory, and a small
      set of *system calls* for everything else (printing, reading input, asking for more
      memory, exiting). It never touches a disk controller or an interrupt: the operating
      system does, on its behalf. For the process, "the machine" is the user-level instruction
      set **plus** the system calls of the OS.
    * **The OS view.** The operating system sees the bare hardware: all the instructions,
      including privileged ones, traps and interrupts, devices, memory management.

    A virtual machine can copy either view. A **process VM** runs a single program and only has
    to provide the process view; a **system VM** provides the whole hardware, so that an
    entire operating system can run on it (labs 05–07).

    The process view has a name: the **ABI** (application binary interface) — the user-level
    ISA together with the system-call interface (which register holds the call number, where
    the arguments go, what each number means). A process VM implements a *guest* ABI on top of
    a *host*: Apple's Rosetta runs x86-64 macOS programs on ARM Macs, `qemu-user` runs, say, a
    RISC-V Linux program on an x86 Linux machine, and Digital's FX!32 ran x86 Windows NT
    programs on Alpha processors. The guest instructions are interpreted or translated; the
    guest's system calls are **served by the host**, usually by turning them into the host
    OS's own system calls.

    vmlab's default `process` mode is such a VM, and in this lab we look at its system-call half.
    """),
    code("""
    import vmlab
    from vmlab import Machine
    from vmlab.env.syscalls import SyscallEnv
    """),
    md("""
    ## 1. The system calls this process VM provides

    A program asks for a service with the `ecall` instruction, after putting the call number in
    `a7` and the arguments in `a0`, `a1`, `a2`; the result comes back in `a0`. vmlab serves two
    families of numbers: those of the RARS teaching simulator (print an integer, print a
    string ...) and the Linux ones that a C library uses (`read`, `write`, `brk`, `exit`).

    Each number has two names. `SyscallEnv.RARS_NAMES` gives its documented name: RARS's
    names are capitalised (`PrintString`, `Exit`), Linux's are lower-case (`write`, `exit`).
    `SyscallEnv.RARS` maps the number to the host method that serves it, and a trace shows
    *that* name, without the leading underscore: `PrintString` appears as `print_string`, and
    Linux's `exit` (93) as `exit_code`.
    """),
    code("""
    for number, method in sorted(SyscallEnv.RARS.items()):
        name = SyscallEnv.RARS_NAMES[number]
        print(f"{number:>4}  {name:<17} traced as {method.__name__.lstrip('_')}")
    """),
    md("""
    ## 2. Watching a program's system calls

    `m.syscalls.trace` records every call the host served: the `pc` of the `ecall`, the
    call's name as traced (the host method's), its three arguments and the result (like
    `strace` on Linux). Set it to a list to start tracing. First the smallest assembly
    program, which prints a string with RARS's call 4, `PrintString`, and returns from `main`:
    """),
    code('''
    HELLO_SOURCE = """\\
    # Hello, world in process mode: RARS-style system calls (number in a7).
            .data
    msg:    .asciz  "Hello, RISC-V!\\\\n"
            .text
            .globl  main
    main:
            la      a0, msg
            li      a7, 4           # PrintString
            ecall
            li      a0, 0
            ret                     # returning from main exits with a0
    """
    HELLO = vmlab.assemble(HELLO_SOURCE, name="hello.s")
    '''),
    code("""
    m = Machine()
    m.load(HELLO)
    m.syscalls.trace = []
    stop = m.run()
    print(stop)
    print(repr(m.console.output))
    for pc, name, args, result in m.syscalls.trace:
        print(f"pc {pc:#010x}  {name}({', '.join(hex(a) for a in args)})  -> {result}")
    """),
    md("""
    Now a C program: it allocates memory, prints with `printf` and reads a line with `fgets`.
    `vmlab.compile_c` compiles it for RV32IM and links it with vmlab's small C runtime. Before
    running, we *feed* the console the line the program will read.

    The C library is a layer between the program and the ABI: `printf` and `malloc` are
    ordinary guest code, and only when they need the outside world do they make a system call —
    `brk` to grow the heap, `write` to output a whole buffer at once, `read` for input.
    (Buffer addresses depend on the compiler version, so we print only the other arguments.)
    """),
    code('''
    C_SOURCE = r"""
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>

    int main(void) {
        char *name = malloc(32);
        strcpy(name, "process VM");
        printf("hello from a %s\\n", name);
        char line[64];
        if (fgets(line, sizeof line, stdin))
            printf("you typed: %s", line);
        free(name);
        return 3;
    }
    """
    prog = vmlab.compile_c(C_SOURCE, name="hello.c")
    m = Machine()
    m.load(prog)
    m.console.feed("RISC-V\\n")
    m.syscalls.trace = []
    stop = m.run()

    def shown(v):
        return "-" if v is None else "<address>" if v >= 0x8000_0000 else v

    for pc, name, args, result in m.syscalls.trace:
        print(f"{name:<6} args {tuple(shown(a) for a in args)}  -> {shown(result)}")
    print(stop)
    print(repr(m.console.output))
    '''),
    md("""
    `brk` is asked first for the current end of the heap, then to move it: that is `malloc`
    getting memory from the "OS". Both outputs are single `write` calls to file descriptor 1
    (standard output). Returning 3 from `main` makes the C runtime make system call 93,
    Linux's `exit`, traced as `exit_code` (its argument is the code, 3). It stops the machine:
    that is the stop reason printed above.

    ## 3. Who handles an `ecall`?

    In the process VM the `ecall` never reaches guest code: the host performs the service and
    the program continues with the next instruction, as if `ecall` were one (very powerful)
    instruction. Let us count: printing a string costs the guest exactly the instructions it
    executes itself.
    """),
    code("""
    m = Machine()
    m.load(HELLO)
    print(m.run(), "after", m.instret, "instructions")
    for addr, word, text in m.disassemble("main", m.instret):
        print(f"  {addr:#010x}  {text}")
    """),
    md("""
    (In process mode the program runs in user mode, U, and the host serves its `ecall`.)

    A **system VM** gives the guest the OS view instead. There is no host OS to serve the call:
    `ecall` is a *trap* into the guest's own kernel. First the same program on a bare machine
    (`mode="system"`), with no kernel at all. A hart starts in machine mode (M), the most
    privileged level, so here the program itself runs in M-mode: its `ecall` is an "ecall from
    m" and changes no privilege level. Nobody wrote a trap handler's address into the CSR
    `mtvec`, so the machine stops and tells us so:
    """),
    code("""
    bare = Machine(mode="system")
    bare.load(HELLO)
    print(bare.run())
    print("privilege level:", bare.priv, "  mtvec =", hex(bare.csrs["mtvec"]))
    """),
    md("""
    With a kernel, programs run in user mode and the kernel in machine mode. The kernel writes
    its handler's address into `mtvec`, then *drops* to user mode with `mret` (which continues
    at the address in `mepc`, at the privilege level in the `MPP` field of `mstatus`). An
    `ecall` in user mode then switches the hart from U to M and jumps to the handler, with the
    address of the `ecall` in `mepc` and the reason in `mcause` (8: ecall from U-mode). A
    "kernel" of a few lines in front of the same program shows the switch; we stop at `main`
    and at the handler:
    """),
    code('''
    KERNEL_SOURCE = """
            .text
            .globl  _start
    _start:                             # the kernel starts in machine mode
            la      t0, handler
            csrw    mtvec, t0           # traps go to handler
            la      t0, main
            csrw    mepc, t0            # mret continues at main ...
            li      t0, 0x1800
            csrc    mstatus, t0         # ... in user mode (MPP = 0)
            mret
    handler:                            # a real kernel would serve the call here
            j       handler
    """
    kernel = Machine(mode="system")
    kernel.load(vmlab.assemble(KERNEL_SOURCE + HELLO_SOURCE, name="kernel+hello.s"))
    print(f"at _start:   privilege {kernel.priv}")
    kernel.add_breakpoint("main")
    kernel.run()
    print(f"at main:     privilege {kernel.priv}  (after mret)")
    kernel.add_breakpoint("handler")
    kernel.run()
    mepc = kernel.csrs["mepc"]
    print(f"at handler:  privilege {kernel.priv}  mcause = {kernel.csrs['mcause']}, "
          f"mepc = {mepc:#x} ({kernel.disassemble(mepc)[0][2]})")
    '''),
    md("""
    ## 4. An ABI is a contract

    The ISA alone is not enough to run a binary: the *system-call convention* must match too.
    The Venus simulator, for example, expects the call number in `a0` instead of `a7`. Run our
    RARS-convention program under the Venus convention and the VM sees a nonsense call number
    (the address of the string, which was in `a0`):
    """),
    code("""
    venus = Machine(syscalls="venus")
    venus.load(HELLO)
    print(str(venus.run()).split(";")[0])
    """),
    md("""
    This is exactly the problem a real process VM solves at a larger scale: x86-64 Linux and
    RISC-V Linux number their system calls differently, lay out structures differently
    (`struct stat`, signal frames), and `qemu-user` converts each call, argument by argument,
    into the host's.

    ## Exercise: extend the host environment

    A process VM's environment is just a table from call numbers to host functions, and adding
    a service means adding a row. vmlab's `SyscallEnv` keeps its table in `RARS`; each entry is
    a method that receives `a0`, `a1`, `a2` and returns the value for `a0` (or `None` to leave
    `a0` unchanged). The documented names are in `RARS_NAMES`; a trace names a call after its
    method (`_time` is traced as `time`). Inside a method, `self.m` is the Machine:
    `self.m.console.write(bytes)` prints, `self.m.state.x` is the list of the 32 registers,
    `self.m.instret` counts retired instructions.

    Implement two new system calls:

    1. **`PrintIntHexUpper`**, number **100**: print `a0` as `0x` followed by exactly eight
       upper-case hexadecimal digits (`0xDEADBEEF`, `0x0000002A`).
    2. **`Time`**, number **30**: return the machine's *virtual* time, the number of
       instructions retired so far (`self.m.instret`) as a 64-bit value: the low 32 bits in
       `a0` (the return value) and the high 32 bits in `a1` (write `self.m.state.x[11]`).
       vmlab's call 30, like RARS's, returns the host's clock in milliseconds; yours replaces
       it with a clock that only advances when the guest runs.
    """),
    code("""
    class CourseEnv(SyscallEnv):
        \"\"\"The RARS and Linux system calls, plus two of our own.\"\"\"

        def _print_hex_upper(self, a0, *_):
            ### BEGIN SOLUTION
            self.m.console.write(f"0x{a0:08X}".encode())
            ### END SOLUTION

        def _time(self, *_):
            ### BEGIN SOLUTION
            t = self.m.instret
            self.m.state.x[11] = (t >> 32) & 0xFFFFFFFF
            return t & 0xFFFFFFFF
            ### END SOLUTION

        RARS = {**SyscallEnv.RARS, 100: _print_hex_upper, 30: _time}
        RARS_NAMES = {**SyscallEnv.RARS_NAMES, 100: "PrintIntHexUpper", 30: "Time"}


    def course_machine(**kwargs) -> Machine:
        \"\"\"A Machine whose process environment is CourseEnv.\"\"\"
        m = Machine(**kwargs)
        m.syscalls = CourseEnv(m)
        return m
    """),
    md("""
    A guest program that uses both. It prints a few numbers with call 100, then measures how
    many instructions a loop of 100 iterations takes, using call 30 before and after. The check
    below runs it on a `course_machine()`, then tests both calls on more values.
    """),
    code('''
    GUEST = """
            .data
    nl:     .asciz  "\\\\n"
            .text
            .globl  main
    main:
            li      a0, 0xdeadbeef
            li      a7, 100            # PrintIntHexUpper
            ecall
            la      a0, nl
            li      a7, 4
            ecall
            li      a0, 42
            li      a7, 100
            ecall
            la      a0, nl
            li      a7, 4
            ecall
            li      a7, 30             # Time: a0 = low, a1 = high
            ecall
            mv      s0, a0
            li      t0, 100
    1:      addi    t0, t0, -1         # a loop of 2 instructions, 100 times
            bnez    t0, 1b
            li      a7, 30
            ecall
            sub     a0, a0, s0         # instructions between the two calls
            li      a7, 1              # PrintInt
            ecall
            mv      a0, a1             # the high half of the time: 0
            ret
    """
    '''),
    check("""
    # CHECK: the two new system calls (do not change this cell)
    m = course_machine()
    m.load(GUEST)
    m.syscalls.trace = []
    print(m.run())
    print(m.console.output)
    expected = "0xDEADBEEF\\n0x0000002A\\n204"
    assert m.console.output == expected, f"console output {m.console.output!r}, expected {expected!r}"
    traced = [name for _, name, _, _ in m.syscalls.trace]
    time_name = CourseEnv.RARS[30].__name__.lstrip("_")      # how the trace names call 30: "time"
    assert traced.count(time_name) == 2, f"traced calls {traced}: expected {time_name!r} twice"

    # Time: the 64-bit count of retired instructions, split over a0 and a1
    t = course_machine()
    t.load("li a7, 30\\necall\\nret")
    t.state.instret = (5 << 32) + 7          # pretend the machine has been running for a while
    stop = t.run(max_steps=2)
    assert stop.kind.name == "STEP_LIMIT", stop
    assert (t.regs.a1, t.regs.a0) == (5, 8), f"a1:a0 = {t.regs.a1:#x}:{t.regs.a0:#x}, expected 5:8"

    # PrintIntHexUpper on a few more values
    for value in [0, 0xABCDEF, 0x80000000, 0xFFFFFFFF]:
        t = course_machine()
        t.load(f"li a0, {value}\\nli a7, 100\\necall\\nli a0, 0\\nret")
        assert t.run().exited
        assert t.console.output == f"0x{value:08X}", (hex(value), t.console.output)
    print("both system calls work")
    """),
    md("""
    **Question.** Our `Time` call returns *virtual* time (instructions executed) instead of the
    host's clock. Give one advantage and one drawback for the people who use this VM.
    """),
    md("""
    ### BEGIN SOLUTION
    *Advantage:* the run is deterministic — the same program gives the same output every time
    and on every backend, however fast or loaded the host is, so runs can be compared in
    lock-step, replayed and debugged, and a program cannot tell how fast its VM is.
    *Drawback:* it is not the real time of day, and it does not advance while the guest waits
    (for input, for example), so a program that measures real durations or needs the calendar
    gets wrong answers; a VM that must show real time has to give up determinism for it.
    ### END SOLUTION
    """),
    md("""
    ## What to remember

    * A process sees the user ISA plus system calls: the **ABI**. A process VM provides exactly
      that, and serves the system calls on the host (Rosetta, qemu-user, FX!32, vmlab's
      process mode).
    * A system VM provides the OS view instead: `ecall` becomes a trap into the guest's own
      kernel.
    * A system call interface is a table of numbered services; the numbers and registers are
      part of the contract, and a VM that gets them wrong cannot run the binary.
    """),
]
