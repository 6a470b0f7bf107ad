# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled core of the `cython` backend, built as ``vmlab._core`` by setup.py.

A decode-once interpreter in C over the Machine's own state. Each RAM word has a slot in a
cache of small ``Decoded`` structs (opcode and operands, filled the first time the word is
executed); the loop dispatches on the opcode with a C ``switch``. The decoder and the body of
every ``case`` are generated from the instruction table into ``_handlers.pxi``
(``python -m vmlab.isa.codegen_cython``); nothing here knows what an instruction does.

The loop runs without the GIL on a copy of the registers and stops, with the state written
back, at the first instruction it should not run itself: CSR access, ecall, mret, fence.i,
illegal words, device and out-of-RAM accesses, stores into lines holding decoded code or
observed by hooks, breakpoints, traps. :mod:`vmlab.backends.cython` then lets the reference
interpreter (or the machine's trap entry) handle that one instruction and calls back in.
"""
from libc.stdint cimport uintptr_t
from libc.stdlib cimport calloc, free, realloc
from libc.string cimport memcpy, memset

from hart cimport *

include "_handlers.pxi"

cdef enum:
    POLL = 4096                 # instructions between looks at the pause flag
    PAGE_WORDS = 1024           # cache entries per 4 KiB of RAM

# How execute() ended, for the Python side (vmlab.backends.cython).
DONE = ST_DONE
CAREFUL = ST_CAREFUL
TRAP = ST_TRAP
BREAK = ST_BREAK
PAUSED = ST_PAUSED


cdef class Core:
    """Decoded-instruction cache and run loop for one Machine's bus.

    ``execute(state, n)`` runs at most n instructions from ``state.pc`` and writes registers,
    pc and instret back before it returns one of DONE, CAREFUL, TRAP, BREAK, PAUSED; ``done``
    says how many instructions retired, ``cause``/``tval`` describe a TRAP.
    """
    cdef Hart h
    cdef Decoded* cache             # one entry per RAM word, plus a sentinel after the last
    cdef uint8_t* code_pages        # 4 KiB pages of RAM with entries (invalidate_all clears those)
    cdef uint32_t npages
    cdef uint32_t* bps              # breakpoint addresses
    cdef Py_ssize_t nbps
    cdef volatile int pause_flag    # set by request_pause() from another thread
    cdef object bus, ram, flags
    cdef unsigned char[::1] ram_view, flags_view    # buffer exports keep the pointers valid
    cdef readonly Py_ssize_t done
    cdef readonly unsigned long long decoded

    def __cinit__(self, bus):
        cdef uint32_t size = bus.size
        self.bus = bus
        self.h.base = bus.base
        self.h.size = size
        self.npages = size >> 12
        self.cache = <Decoded*>calloc(size // 4 + 1, sizeof(Decoded))
        self.code_pages = <uint8_t*>calloc(self.npages, 1)
        if self.cache == NULL or self.code_pages == NULL:
            raise MemoryError("cannot allocate the decoded-instruction cache")
        # Falling through the last word of RAM lands on this entry: the fetch needs Python.
        self.cache[size // 4].op = OP_CAREFUL
        self.cache[size // 4].run = 1
        self._bind()

    def __dealloc__(self):
        free(self.cache)
        free(self.code_pages)
        free(self.bps)

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
        self._bind()
        self.h.hooked_reads = 1 if self.bus.read_hooks else 0
        x_in[0] = 0
        for k in range(1, 32):
            x_in[k] = xs[k]
        memcpy(self.h.x, x_in, sizeof(x_in))
        self.h.x[X0_SLOT] = 0
        self.h.pc = state.pc
        self.done = 0
        if n <= 0:
            return ST_DONE
        if not target_ok(self.h.pc, self.h.base, self.h.size):
            return ST_CAREFUL               # misaligned or outside RAM: Python fetches and traps
        with nogil:
            st = self._loop(n)
        for k in range(1, 32):              # write back only what changed
            if self.h.x[k] != x_in[k]:
                xs[k] = self.h.x[k]
        state.pc = self.h.pc
        if self.done:
            state.instret += self.done
        return st

    cdef int _loop(self, Py_ssize_t n) noexcept nogil:
        # Instructions are counted per straight-line run, not one by one: each decoded entry
        # knows how many instructions follow it to the end of its run (a branch or jump, or
        # an instruction the loop stops before), and that count is taken from the budget
        # when the run starts. When a run would overshoot, the entry where the budget ends
        # becomes OP_STOP while the run executes. execute() has one call site: it is inlined.
        cdef Hart h = self.h                # a local copy: the compiler keeps pc in a register
        cdef Decoded* d
        cdef Decoded* stop
        cdef uint8_t saved = 0
        # entry address = cache + 4 * (pc - base): one lea from a biased address
        cdef uintptr_t bias = <uintptr_t>self.cache - (<uintptr_t>h.base << 2)
        cdef uint32_t start, r
        cdef Py_ssize_t total = 0           # instructions of the finished windows
        cdef uint32_t window = <uint32_t>(n if n < POLL else POLL)
        cdef uint32_t left = window         # budget left in this window
        cdef int st
        while True:                         # h.pc starts a run
            d = <Decoded*>(bias + (<uintptr_t>h.pc << 2))
            r = d.run
            start = h.pc
            stop = NULL
            if r - 1 >= left:               # not decoded (run 0), or the run does not fit
                # (an entry has run 0 exactly when its op is OP_DECODE)
                if left == 0:               # end of a window: the budget, then the pause flag
                    total += window
                    window = 0
                    if total >= n:
                        st = ST_DONE
                        break
                    if self.pause_flag:
                        st = ST_PAUSED
                        break
                    window = <uint32_t>(n - total if n - total < POLL else POLL)
                    left = window
                    continue
                if r == 0:
                    self._decode_run(h.pc)
                    continue
                stop = d + left             # inside this run, which is decoded to its end
                saved = stop.op
                stop.op = OP_STOP
                r = left
            left -= r
            while True:
                st = execute(&h, <Decoded*>(bias + (<uintptr_t>h.pc << 2)))
                if st != ST_NEXT:
                    break
            if stop != NULL:
                stop.op = saved
            if st == ST_BRANCH:
                continue
            if st == ST_LEAVE:              # the jump that ended the run retired
                st = ST_CAREFUL
                if left == 0 and total + window >= n:
                    st = ST_DONE
                break
            left += r - ((h.pc - start) >> 2)   # stopped before h.pc: give back the rest
            if st == ST_DECODE:             # (not expected inside a decoded run; be safe)
                self._decode_run(h.pc)
                continue
            if st == ST_STOP:
                continue
            break
        self.h = h
        self.done = total + window - left
        return st

    cdef void _decode_run(self, uint32_t pc) noexcept nogil:
        """Decode from `pc` to the end of its straight-line run and set the run lengths.

        Invariant: a decoded entry that does not end its run is followed by a decoded entry,
        and its run length is one more than that entry's (invalidate() keeps this true).
        """
        cdef uint32_t first = (pc - self.h.base) >> 2
        cdef uint32_t w = first
        cdef uint32_t run
        cdef Decoded* d
        while True:
            d = &self.cache[w]
            if d.op != OP_DECODE:           # decoded already (or the sentinel after RAM)
                run = d.run
                break
            self._decode_one(w)
            if ends_run(d.op):
                d.run = run = 1
                break
            w += 1
        while w > first:
            w -= 1
            run += 1
            self.cache[w].run = run

    cdef void _decode_one(self, uint32_t w) noexcept nogil:
        cdef uint32_t o = w << 2
        cdef uint32_t pc = self.h.base + o
        cdef uint32_t word
        cdef Decoded* d = &self.cache[w]
        cdef Py_ssize_t k
        memcpy(&word, self.h.ram + o, 4)
        decode_word(pc, word, d, self.h.base, self.h.size)
        for k in range(self.nbps):
            if self.bps[k] == pc:
                d.op = OP_BREAK
        self.h.flags[o >> LINE_SHIFT] |= FLAG_CODE     # = bus.mark_code(pc)
        self.code_pages[o >> 12] = 1
        self.decoded += 1

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
        cdef uint32_t* p = <uint32_t*>realloc(self.bps, max(1, len(addrs)) * sizeof(uint32_t))
        if p == NULL:
            raise MemoryError()
        self.bps = p
        for k, a in enumerate(addrs):
            p[k] = a
        self.nbps = len(addrs)

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
            self.cache[w].op = OP_DECODE    # and run 0: what the loop tests
            self.cache[w].run = 0
            w += 1
        if w == first:
            return
        w = first                           # entries before whose run flowed into the change
        while w > 0:
            w -= 1
            if self.cache[w].op == OP_DECODE or ends_run(self.cache[w].op):
                break
            self.cache[w].op = OP_DECODE
            self.cache[w].run = 0

    def invalidate_all(self):
        cdef uint32_t p
        for p in range(self.npages):
            if self.code_pages[p]:
                memset(&self.cache[<size_t>p * PAGE_WORDS], 0, PAGE_WORDS * sizeof(Decoded))
                self.code_pages[p] = 0

    def entry(self, addr):
        """What the cache holds for the word at `addr`: (instruction, rd, rs1, rs2, imm) or None.

        The instruction is its name, ``"(careful)"`` for a word Python executes, or
        ``"(breakpoint)"``; None means not decoded (yet, or since an invalidation).
        """
        cdef long long o = <long long>addr - self.h.base
        if o < 0 or o >= self.h.size or o & 3:
            return None
        cdef Decoded d = self.cache[o >> 2]
        if d.op == OP_DECODE:
            return None
        return (OP_NAMES[d.op], 0 if d.rd == X0_SLOT else d.rd, d.rs1, d.rs2, d.imm)
