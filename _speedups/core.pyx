# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled core of the `cython` backend, built as ``vmlab._core`` by setup.py.

A decode-once interpreter in C over the Machine's own state. Each RAM word has a slot in a
cache of small ``Decoded`` structs (opcode and operands, filled the first time the word is
executed). The loop, ``vm_exec``, and the decoder are generated from the instruction table
into ``_handlers.pxi`` (``python -m vmlab.isa.codegen_cython``): one label per instruction,
each ending with a jump through a table of label addresses to the next entry's (a switch
where the C compiler has no computed goto). Nothing here knows what an instruction does.

The loop runs without the GIL on a copy of the registers and stops, with the state written
back, at the first instruction it should not run itself: CSR access, mret, fence.i,
illegal words, device and out-of-RAM accesses, stores into hooked lines or into decoded
words, breakpoints, traps (ecall and ebreak among them). :mod:`vmlab.backends.cython` then lets the reference interpreter
(or the machine's trap entry) handle that one instruction and calls back in.
"""
from libc.stdint cimport uintptr_t
from libc.stdlib cimport calloc, free, realloc
from libc.string cimport memcpy, memset

from hart cimport *

from vmlab.isa.causes import ECALL_CAUSE

include "_handlers.pxi"

cdef enum:
    PAGE_WORDS = 1024           # cache entries per 4 KiB of RAM

# How execute() ended, for the Python side (vmlab.backends.cython).
DONE = ST_DONE
CAREFUL = ST_CAREFUL
TRAP = ST_TRAP
BREAK = ST_BREAK
PAUSED = ST_PAUSED


ctypedef struct DecodeCtx:          # what the decoder needs, for vm_exec's callback
    Hart* h
    uint8_t* code_pages             # 4 KiB pages of RAM with entries (invalidate_all clears those)
    uint32_t* bps                   # breakpoint addresses
    Py_ssize_t nbps
    unsigned long long decoded


cdef void decode_one(DecodeCtx* c, uint32_t w) noexcept nogil:
    cdef Hart* h = c.h
    cdef uint32_t o = w << 2
    cdef uint32_t pc = h.base + o
    cdef uint32_t word
    cdef Decoded* d = &h.cache[w]
    cdef Py_ssize_t k
    memcpy(&word, h.ram + o, 4)
    decode_word(pc, word, d, h.base, h.size)
    for k in range(c.nbps):
        if c.bps[k] == pc:
            d.op = OP_BREAK
    h.flags[o >> LINE_SHIFT] |= FLAG_CORE_CODE    # stores into the line reach bus.code_listeners
    c.code_pages[o >> 12] = 1
    c.decoded += 1


cdef inline void fuse_over(Decoded* br) noexcept nogil:
    """Make br, a conditional branch over one instruction, that instruction's OP_OVER_* when
    the entry after it is decoded and the loop can run it without a branch (vm_over)."""
    cdef int over
    if vm_taken[br.op] and br.tgt == 2 and br[1].op != OP_DECODE:
        over = vm_over(vm_first_op[br[1].op])
        if over:
            br.rd = br.op                # the branch's own opcode (it has no rd)
            br.op = over


cdef void decode_run(void* ctx, uint32_t pc) noexcept nogil:
    """Decode from `pc` to the end of its straight-line run and set the run lengths.

    Invariant: a decoded entry that does not end its run is followed by a decoded entry,
    and its run length is one more than that entry's (Core.invalidate() keeps this true).
    Each new entry becomes a superinstruction with the entry after it when the table has
    that pair (vm_fuse), so it depends on that entry too: invalidate() drops both.

    A conditional branch that skips exactly one instruction becomes that instruction's
    OP_OVER_* (fuse_over) once both are decoded: at the end of this run, or before its start.
    It depends on the entry after it: invalidate() gives it back its own opcode when that
    one changes.
    """
    cdef DecodeCtx* c = <DecodeCtx*>ctx
    cdef Decoded* cache = c.h.cache
    cdef uint32_t first = (pc - c.h.base) >> 2
    cdef uint32_t w = first
    cdef uint32_t run
    cdef Decoded* d
    while True:
        d = &cache[w]
        if d.op != OP_DECODE:           # decoded already (or the sentinel after RAM)
            run = d.run
            break
        decode_one(c, w)
        if ends_run(d.op):
            d.run = run = 1
            fuse_over(d)
            break
        w += 1
    if first > 0:
        fuse_over(&cache[first - 1])
    while w > first:
        w -= 1
        run += 1
        cache[w].run = run
        cache[w].op = vm_fuse(cache[w].op, vm_first_op[cache[w + 1].op])


cdef class Core:
    """Decoded-instruction cache and run loop for one Machine's bus.

    ``execute(state, n)`` runs at most n instructions from ``state.pc`` and writes registers,
    pc and instret back before it returns one of DONE, CAREFUL, TRAP, BREAK, PAUSED; ``done``
    says how many instructions retired, ``cause``/``tval`` describe a TRAP.
    """
    cdef Hart h
    cdef DecodeCtx ctx
    cdef uint32_t npages
    cdef volatile int pause_flag    # set by request_pause() from another thread
    cdef object bus, ram, flags
    cdef unsigned char[::1] ram_view, flags_view    # buffer exports keep the pointers valid
    cdef readonly Py_ssize_t done

    def __cinit__(self, bus):
        cdef uint32_t size = bus.size
        self.bus = bus
        self.h.base = bus.base
        self.h.size = size
        self.npages = size >> 12
        self.h.cache = <Decoded*>calloc(size // 4 + 1, sizeof(Decoded))
        self.ctx.h = &self.h
        self.ctx.code_pages = <uint8_t*>calloc(self.npages, 1)
        if self.h.cache == NULL or self.ctx.code_pages == NULL:
            raise MemoryError("cannot allocate the decoded-instruction cache")
        # Falling through the last word of RAM lands on this entry: the fetch needs Python.
        self.h.cache[size // 4].op = OP_CAREFUL
        self.h.cache[size // 4].run = 1
        self._bind()

    def __dealloc__(self):
        free(self.h.cache)
        free(self.ctx.code_pages)
        free(self.ctx.bps)

    cdef _bind(self):
        """Point the hart at the bus's RAM and line flags (again, if the bus replaced them)."""
        bus = self.bus
        if bus.ram is self.ram and bus.flags is self.flags:
            return
        if len(bus.ram) != self.h.size or len(bus.flags) != self.h.size >> LINE_SHIFT:
            raise ValueError("the bus's RAM changed size")
        self.ram_view = bus.ram
        self.flags_view = bus.flags
        self.ram, self.flags = bus.ram, bus.flags
        self.h.ram = &self.ram_view[0]
        self.h.flags = &self.flags_view[0]
        self.invalidate_all()

    # -- running --------------------------------------------------------------------------------
    def execute(self, state, Py_ssize_t n):
        """Run at most `n` instructions of `state` (a HartState); return why it stopped."""
        cdef list xs = state.x
        cdef uint32_t x_in[32]
        cdef int k, st
        cdef Py_ssize_t done = 0
        self._bind()
        self.h.hooked_reads = 1 if self.bus.read_hooks else 0
        self.h.npending = 0
        x_in[0] = 0
        for k in range(1, 32):
            x_in[k] = xs[k]
        memcpy(self.h.x, x_in, sizeof(x_in))
        self.h.x[X0_SLOT] = 0
        self.h.pc = state.pc
        self.h.ecall_cause = ECALL_CAUSE[state.priv]
        self.done = 0
        if n <= 0:
            return ST_DONE
        if not target_ok(self.h.pc, self.h.base, self.h.size):
            return ST_CAREFUL               # misaligned or outside RAM: Python fetches and traps
        with nogil:
            st = vm_exec(&self.h, n, &self.pause_flag, decode_run, &self.ctx, &done)
        for k in range(1, 32):              # write back only what changed
            if self.h.x[k] != x_in[k]:
                xs[k] = self.h.x[k]
        state.pc = self.h.pc
        self.done = done
        if done:
            state.instret += done
        return st

    @property
    def code_writes(self):
        """Stores the last execute() made into lines holding code (words it had not decoded),
        as (address, size): the caller tells the bus's other code listeners."""
        return [(self.h.base + self.h.pending[k][0], self.h.pending[k][1])
                for k in range(self.h.npending)]

    @property
    def ncode_writes(self):
        return self.h.npending

    @property
    def decoded(self):
        return self.ctx.decoded

    @property
    def cause(self):
        return self.h.cause

    @property
    def tval(self):
        return self.h.tval

    # -- control from Python --------------------------------------------------------------------
    def request_pause(self):
        """Make a running execute() return PAUSED within POLL instructions (any thread)."""
        self.pause_flag = 1

    def clear_pause(self):
        self.pause_flag = 0

    def set_breakpoints(self, addrs):
        """The addresses to stop before (call invalidate() for the ones that changed)."""
        addrs = sorted(int(a) & 0xFFFFFFFF for a in addrs)
        cdef uint32_t* p = <uint32_t*>realloc(self.ctx.bps, max(1, len(addrs)) * sizeof(uint32_t))
        if p == NULL:
            raise MemoryError()
        self.ctx.bps = p
        for k, a in enumerate(addrs):
            p[k] = a
        self.ctx.nbps = len(addrs)

    def invalidate(self, addr, size):
        """Forget the decoded words overlapping [addr, addr + size), and the runs leading into them."""
        cdef long long lo = <long long>addr - self.h.base
        cdef long long hi = lo + <long long>size
        cdef long long w, first
        if lo < 0:
            lo = 0
        if hi > self.h.size:
            hi = self.h.size
        first = w = lo >> 2
        while w < (hi + 3) >> 2:
            self.h.cache[w].op = OP_DECODE    # and run 0: what the loop tests
            self.h.cache[w].run = 0
            w += 1
        if w == first:
            return
        w = first                           # entries before whose run flowed into the change
        while w > 0:
            w -= 1
            if vm_is_over(self.h.cache[w].op):     # a branch over the change: its own opcode again
                self.h.cache[w].op = self.h.cache[w].rd
                self.h.cache[w].rd = X0_SLOT
            if self.h.cache[w].op == OP_DECODE or ends_run(self.h.cache[w].op):
                break
            self.h.cache[w].op = OP_DECODE
            self.h.cache[w].run = 0

    def invalidate_all(self):
        cdef uint32_t p
        for p in range(self.npages):
            if self.ctx.code_pages[p]:
                memset(&self.h.cache[<size_t>p * PAGE_WORDS], 0, PAGE_WORDS * sizeof(Decoded))
                self.ctx.code_pages[p] = 0

    def entry(self, addr):
        """What the cache holds for the word at `addr`: (instruction, rd, rs1, rs2, imm) or None.

        The instruction is its name, ``"(careful)"`` for a word Python executes, or
        ``"(breakpoint)"``; None means not decoded (yet, or since an invalidation).
        """
        cdef long long o = <long long>addr - self.h.base
        if o < 0 or o >= self.h.size or o & 3:
            return None
        cdef Decoded d = self.h.cache[o >> 2]
        if d.op == OP_DECODE:
            return None
        if vm_is_over(d.op):
            return (OP_NAMES[d.rd], 0, d.rs1, d.rs2, d.imm)
        return (OP_NAMES[vm_first_op[d.op]], 0 if d.rd == X0_SLOT else d.rd, d.rs1, d.rs2, d.imm)

    def op_name(self, addr):
        """The name of what the loop runs at `addr`: a superinstruction's is its instructions
        joined by ``+`` (``"addi+bne"``, ``"(branch over)+xor"``); None where nothing is decoded."""
        cdef long long o = <long long>addr - self.h.base
        if o < 0 or o >= self.h.size or o & 3 or self.h.cache[o >> 2].op == OP_DECODE:
            return None
        return OP_NAMES[self.h.cache[o >> 2].op]
