# The C structs and inline helpers shared by the compiled core (core.pyx) and the loop and
# decoder generated from the instruction table (_handlers.pxi, by vmlab/isa/codegen_cython.py).
#
# They are written in C (a verbatim block) because the generated loop is C: it dispatches with
# computed gotos, which Cython cannot express. Cython sees them through the declarations below.
from libc.stdint cimport int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t

cdef extern from *:
    """
    #include <stdint.h>
    #include <string.h>

    #if defined(__GNUC__) || defined(__clang__)
    #define VM_LIKELY(c) __builtin_expect(!!(c), 1)
    #define VM_UNLIKELY(c) __builtin_expect(!!(c), 0)
    #define VM_NOINLINE __attribute__((noinline))
    #else
    #define VM_LIKELY(c) (c)
    #define VM_UNLIKELY(c) (c)
    #define VM_NOINLINE
    #endif
    /* GCC merges the identical tails of the loop's cases (cross-jumping), which would give
       them one shared dispatch jump again, each harder to predict. */
    #if defined(__GNUC__) && !defined(__clang__)
    #define VM_LOOP_ATTRS __attribute__((optimize("no-crossjumping")))
    #else
    #define VM_LOOP_ATTRS
    #endif

    enum {
        X0_SLOT = 32,       /* decoded rd == 0 points here: writes to x0 vanish without a test */
        LINE_SHIFT = 6,     /* vmlab.bus: 64-byte lines carry flags */
        FLAG_CODE = 1,      /* another backend decoded an instruction in this line */
        FLAG_HOOK = 2,      /* a hook or watchpoint observes this line */
        FLAG_CORE_CODE = 4, /* this core decoded an instruction in this line (vmlab.bus.CORE_CODE) */
        VM_PENDING = 64     /* stores into code lines the core made itself, not yet told to Python */
    };

    /* Why vm_exec() returned. */
    enum {
        ST_DONE = 8,        /* it ran all the instructions it was asked to */
        ST_CAREFUL = 4,     /* stopped before an instruction the reference interpreter runs */
        ST_TRAP = 5,        /* stopped before an instruction that raises Trap(h->cause, h->tval) */
        ST_BREAK = 6,       /* stopped before a breakpoint */
        ST_PAUSED = 9       /* it saw the pause flag */
    };

    typedef struct {        /* one per RAM word: 16 bytes */
        uint8_t op;         /* OP_* of _handlers.pxi; OP_DECODE (0) = not decoded yet */
        uint8_t rd;         /* X0_SLOT when the instruction's rd is x0; an OP_OVER_* branch's own opcode */
        uint8_t rs1;
        uint8_t rs2;
        int32_t imm;        /* the instruction's one non-register operand */
        uint32_t run;       /* instructions from here to the end of the straight-line run */
        int32_t tgt;        /* a static jump target, in entries from this one */
    } vm_decoded;

    typedef struct {        /* the machine state the loop works on (registers copied in) */
        uint32_t x[33];     /* x0..x31, then X0_SLOT */
        uint32_t pc;
        uint8_t* ram;       /* machine.bus.ram, zero-copy */
        uint8_t* flags;     /* machine.bus.flags, one byte per 64-byte line */
        uint32_t base;      /* RAM is [base, base + size) */
        uint32_t size;
        int hooked_reads;   /* bus.read_hooks is not empty: loads check HOOK lines */
        uint32_t cause;     /* ST_TRAP: the trap to raise */
        uint32_t tval;
        uint32_t ecall_cause;   /* the cause ecall raises at the current privilege level */
        vm_decoded* cache;  /* one entry per RAM word, plus a sentinel after the last */
        uint32_t npending;  /* stores into code lines (words nothing here decoded) to report */
        uint32_t pending[VM_PENDING][2];    /* (offset, size) */
    } vm_hart;

    /* What the loop's memory accesses need, copied into a local of vm_exec() so that the
       compiler keeps it in registers across stores into RAM. */
    typedef struct {
        uint8_t* ram;
        uint8_t* flags;
        uint32_t base;
        uint32_t size;
        int hooked_reads;
        vm_hart* h;         /* for the list of stores into code lines */
        uint32_t load_end[5];   /* an n-byte load at offset o < load_end[n] needs no other
                                   check: size - n + 1, or 0 while read hooks exist */
        uint32_t store_end;     /* below it, the flags of o's line and the next are both in
                                   RAM's flags: size less one line */
    } vm_mem;

    static inline vm_mem vm_mem_of(vm_hart* h) {
        vm_mem m;
        uint32_t n;
        m.ram = h->ram;
        m.flags = h->flags;
        m.base = h->base;
        m.size = h->size;
        m.hooked_reads = h->hooked_reads;
        m.h = h;
        for (n = 0; n < 5; n++)
            m.load_end[n] = h->hooked_reads ? 0 : h->size - n + 1;
        m.store_end = h->size > (1u << LINE_SHIFT) ? h->size - (1u << LINE_SHIFT) : 0;
        return m;
    }

    /* A jump target the loop can fetch from: 4-byte aligned and inside RAM. */
    static inline int target_ok(uint32_t t, uint32_t base, uint32_t size) {
        return (t & 3) == 0 && (uint32_t)(t - base) < size;
    }

    /* An n-byte load at a is plain RAM (misaligned is fine: it completes, as in vmlab.bus). */
    static VM_NOINLINE int vm_can_load_slow(const vm_mem* m, uint32_t o, uint32_t n) {
        if (o > m->size - n)
            return 0;
        if (m->hooked_reads
                && ((m->flags[o >> LINE_SHIFT] | m->flags[(o + n - 1) >> LINE_SHIFT]) & FLAG_HOOK))
            return 0;
        return 1;
    }

    static inline int can_load(const vm_mem* m, uint32_t a, uint32_t n) {
        uint32_t o = a - m->base;
        if (VM_LIKELY(o < m->load_end[n]))
            return 1;
        return vm_can_load_slow(m, o, n);
    }

    /* A store into a line that holds decoded code but none of the words it writes: the core
       makes it. Where another backend decoded code in the line (FLAG_CODE), it keeps
       (offset, size) for Python to tell the bus's other code listeners when the core returns,
       before any of them can run; a line only this core decoded (FLAG_CORE_CODE: data beside
       code, as in small programs) needs nothing more. A hooked line, a decoded word
       (self-modifying code) or a full list: 0, and the store leaves the core. */
    static VM_NOINLINE int vm_store_into_code_line(vm_hart* h, uint32_t o, uint32_t n, uint8_t f) {
        uint32_t w;
        if (f & FLAG_HOOK)
            return 0;
        for (w = o >> 2; w <= (o + n - 1) >> 2; w++)
            if (h->cache[w].op != 0)
                return 0;
        if (!(f & FLAG_CODE))
            return 1;
        if (h->npending == VM_PENDING)
            return 0;
        h->pending[h->npending][0] = o;
        h->pending[h->npending][1] = n;
        h->npending++;
        return 1;
    }

    static VM_NOINLINE int vm_can_store_slow(const vm_mem* m, uint32_t o, uint32_t n) {
        uint8_t f;
        if (o > m->size - n)
            return 0;
        f = m->flags[o >> LINE_SHIFT] | m->flags[(o + n - 1) >> LINE_SHIFT];
        if (f == 0)
            return 1;
        return vm_store_into_code_line(m->h, o, n, f);
    }

    /* An n-byte store at a is plain RAM in lines with no hook and no decoded word it writes.
       Otherwise the store leaves the loop and takes the bus's slow path, which invalidates
       every backend's decoded code (bus.code_listeners) and runs the hooks. The fast test
       reads the flags of the store's line and of the next one at once (n <= 4 bytes reach
       no further); a flag on the next line only sends the store to the exact test. */
    static inline int can_store(const vm_mem* m, uint32_t a, uint32_t n) {
        uint32_t o = a - m->base;
        uint16_t f2;
        if (VM_LIKELY(o < m->store_end)) {
            memcpy(&f2, m->flags + (o >> LINE_SHIFT), 2);
            if (VM_LIKELY(f2 == 0))
                return 1;
        }
        return vm_can_store_slow(m, o, n);
    }

    /* Little-endian accesses (the backend refuses big-endian hosts); memcpy is one move. */
    static inline uint32_t ld8(const vm_mem* m, uint32_t a) { return m->ram[a - m->base]; }
    static inline uint32_t ld16(const vm_mem* m, uint32_t a) {
        uint16_t v; memcpy(&v, m->ram + (a - m->base), 2); return v;
    }
    static inline uint32_t ld32(const vm_mem* m, uint32_t a) {
        uint32_t v; memcpy(&v, m->ram + (a - m->base), 4); return v;
    }
    static inline void st8(const vm_mem* m, uint32_t a, uint8_t v) { m->ram[a - m->base] = v; }
    static inline void st16(const vm_mem* m, uint32_t a, uint16_t v) { memcpy(m->ram + (a - m->base), &v, 2); }
    static inline void st32(const vm_mem* m, uint32_t a, uint32_t v) { memcpy(m->ram + (a - m->base), &v, 4); }

    /* The core's decoder for the straight-line run starting at pc (core.pyx). */
    typedef void (*vm_decode_fn)(void* ctx, uint32_t pc);
    """
    enum:
        X0_SLOT
        LINE_SHIFT
        FLAG_CODE
        FLAG_CORE_CODE
        FLAG_HOOK
        VM_PENDING
        ST_DONE
        ST_CAREFUL
        ST_TRAP
        ST_BREAK
        ST_PAUSED

    ctypedef struct Decoded "vm_decoded":
        uint8_t op
        uint8_t rd
        uint8_t rs1
        uint8_t rs2
        int32_t imm
        uint32_t run
        int32_t tgt

    ctypedef struct Hart "vm_hart":
        uint32_t x[33]
        uint32_t pc
        uint8_t* ram
        uint8_t* flags
        uint32_t base
        uint32_t size
        int hooked_reads
        uint32_t cause
        uint32_t tval
        uint32_t ecall_cause
        Decoded* cache
        uint32_t npending
        uint32_t pending[64][2]

    ctypedef void (*vm_decode_fn)(void* ctx, uint32_t pc) noexcept nogil

    bint target_ok(uint32_t t, uint32_t base, uint32_t size) noexcept nogil
