# Rolls two dice 1000 times and prints how often each sum came up: a RARS-style program
# with .eqv constants, macros with %parameters and the RARS random-number system calls.
        .eqv    ROLLS, 1000
        .eqv    SEED, 2026

.macro print_str (%text)
        .data
msg:    .asciz  %text
        .text
        la      a0, msg                 # 'msg' is renamed in each use (msg_M0, msg_M1 ...)
        li      a7, 4                   # PrintString
        ecall
.end_macro

.macro print_int (%reg)
        mv      a0, %reg
        li      a7, 1                   # PrintInt
        ecall
.end_macro

.macro roll_die (%dst)                  # %dst = 1 .. 6
        li      a0, 0                   # generator 0
        li      a1, 6
        li      a7, 42                  # RandIntRange: a0 = 0 .. a1-1
        ecall
        addi    %dst, a0, 1
.end_macro

        .data
counts: .space  13 * 4                  # counts[2] .. counts[12]
        .text
main:
        li      a0, 0
        li      a1, SEED
        li      a7, 40                  # RandSeed: the same numbers on every run (and in RARS)
        ecall
        li      s0, ROLLS
        la      s1, counts
roll:   roll_die (t0)
        roll_die (t1)
        add     t2, t0, t1
        slli    t2, t2, 2
        add     t2, s1, t2
        lw      t3, 0(t2)
        addi    t3, t3, 1
        sw      t3, 0(t2)
        addi    s0, s0, -1
        bnez    s0, roll

        li      s2, 2                   # print "sum: count" for 2 .. 12
show:   print_int (s2)
        print_str (": ")
        slli    t0, s2, 2
        add     t0, s1, t0
        lw      t1, 0(t0)
        print_int (t1)
        print_str ("\n")
        addi    s2, s2, 1
        li      t0, 13
        blt     s2, t0, show
        li      a7, 10                  # Exit
        ecall
