# The C structs and inline helpers shared by the compiled core (core.pyx) and the handlers
# generated from the instruction table (_handlers.pxi, by vmlab/isa/codegen_cython.py).
from libc.stdint cimport int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.string cimport memcpy

cdef enum:
    X0_SLOT = 32        # decoded rd == 0 points here: writes to x0 vanish without a test
    LINE_SHIFT = 6      # vmlab.bus: 64-byte lines carry flags
    FLAG_CODE = 1       # a backend decoded an instruction in this line
    FLAG_HOOK = 2       # a hook or watchpoint observes this line

# What execute() did with one instruction, and why the core's loop returns.
cdef enum:
    ST_NEXT = 0         # retired; the next instruction follows (same straight-line run)
    ST_BRANCH = 1       # retired, and it ended its run (a branch or jump): h.pc starts a new run
    ST_DECODE = 2       # not executed: the cache entry is empty (decode h.pc, dispatch again)
    ST_STOP = 3         # not executed: the loop's budget ends before this instruction
    ST_CAREFUL = 4      # not executed: the reference interpreter runs it (state written back)
    ST_TRAP = 5         # not executed: it raises Trap(h.cause, h.tval)
    ST_BREAK = 6        # not executed: a breakpoint
    ST_LEAVE = 7        # retired (a jump), but the next pc is outside RAM: the fetch needs Python
    ST_DONE = 8         # the loop ran all the instructions it was asked to
    ST_PAUSED = 9       # the loop saw the pause flag

ctypedef struct Decoded:            # one per RAM word: 16 bytes
    uint8_t op                      # OP_* of _handlers.pxi; OP_DECODE (0) = not decoded yet
    uint8_t rd                      # X0_SLOT when the instruction's rd is x0
    uint8_t rs1
    uint8_t rs2
    int32_t imm                     # the instruction's one non-register operand
    uint32_t run                    # instructions from here to the end of the straight-line run
    uint32_t unused

cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define vmlab_unreachable() __builtin_unreachable()
    #else
    #define vmlab_unreachable() ((void)0)
    #endif
    """
    void unreachable "vmlab_unreachable"() noexcept nogil

ctypedef struct Hart:               # the machine state the loop works on (registers copied in)
    uint32_t x[33]                  # x0..x31, then X0_SLOT
    uint32_t pc
    uint8_t* ram                    # machine.bus.ram, zero-copy
    uint8_t* flags                  # machine.bus.flags, one byte per 64-byte line
    uint32_t base                   # RAM is [base, base + size)
    uint32_t size
    int hooked_reads                # bus.read_hooks is not empty: loads check HOOK lines
    uint32_t cause                  # ST_TRAP: the trap to raise
    uint32_t tval


cdef inline bint target_ok(uint32_t t, uint32_t base, uint32_t size) noexcept nogil:
    """A jump target the loop can fetch from: 4-byte aligned and inside RAM."""
    return (t & 3) == 0 and <uint32_t>(t - base) < size


cdef inline bint can_load(const Hart* h, uint32_t a, uint32_t n) noexcept nogil:
    """An n-byte load at `a` is plain RAM (misaligned is fine: it completes, as in vmlab.bus)."""
    cdef uint32_t o = a - h.base
    if o > h.size - n:
        return False
    if h.hooked_reads and (h.flags[o >> LINE_SHIFT] | h.flags[(o + n - 1) >> LINE_SHIFT]) & FLAG_HOOK:
        return False
    return True


cdef inline bint can_store(const Hart* h, uint32_t a, uint32_t n) noexcept nogil:
    """An n-byte store at `a` is plain RAM in lines that hold no decoded code and no hook.

    Otherwise the store leaves the loop and takes the bus's slow path, which invalidates every
    backend's decoded code (bus.code_listeners) and runs the hooks.
    """
    cdef uint32_t o = a - h.base
    if o > h.size - n:
        return False
    return (h.flags[o >> LINE_SHIFT] | h.flags[(o + n - 1) >> LINE_SHIFT]) == 0


# Little-endian accesses (the backend refuses big-endian hosts); memcpy compiles to one move.
cdef inline uint32_t ld8(const Hart* h, uint32_t a) noexcept nogil:
    return h.ram[a - h.base]


cdef inline uint32_t ld16(const Hart* h, uint32_t a) noexcept nogil:
    cdef uint16_t v
    memcpy(&v, h.ram + (a - h.base), 2)
    return v


cdef inline uint32_t ld32(const Hart* h, uint32_t a) noexcept nogil:
    cdef uint32_t v
    memcpy(&v, h.ram + (a - h.base), 4)
    return v


cdef inline void st8(Hart* h, uint32_t a, uint8_t v) noexcept nogil:
    h.ram[a - h.base] = v


cdef inline void st16(Hart* h, uint32_t a, uint16_t v) noexcept nogil:
    memcpy(h.ram + (a - h.base), &v, 2)


cdef inline void st32(Hart* h, uint32_t a, uint32_t v) noexcept nogil:
    memcpy(h.ram + (a - h.base), &v, 4)
