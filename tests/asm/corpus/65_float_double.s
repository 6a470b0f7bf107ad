# .float and .double: IEEE-754 binary32/binary64, little-endian, never aligned implicitly
    .text
    la    a0, pi
    lw    a1, 0(a0)                 # the bits of 3.14159274 (a float in an integer register)
    ret
    .data
    .byte  1                        # .float/.double do not align (RARS would): offset 1
pi: .float 3.14159265358979
e:  .double 2.718281828459045
    .balign 8
    .double 0.1, -0.1, 0.5, 1, 1.5, -2.25, 100, 1e10, 123456789.125
    .double -0.0, 0.0, 0
    .double 1e308, 1.7976931348623157e308, 1.7976931348623158e308  # DBL_MAX, rounds to it
    .double 1e309, -1e400           # beyond DBL_MAX: infinity
    .double 4.9e-324, 5e-324, 2.4703282292062328e-324  # the smallest subnormal, and the tie above it
    .double 2.2250738585072014e-308, 2.225073858507201e-308   # smallest normal, largest subnormal
    .double 1e-400, -1e-400         # below every subnormal: zero
    .double inf, -inf, Infinity, nan, -nan, INF, NaN
    .double 0x1p-1074, 0x1.fffffffffffffp1023, 0x1.8p1, 0X.8P1, 0x1.p-2, -0x10p0
    .double 5., .25, 010, +7, -  3.5, 1E3, 2.5e+2, 2.5e-2
    .float 0.1, -0.1, 0.5, 1, 1.5, -2.25, 100, 1e10, 16777217
    .float -0.0, 0.0
    .float 3.4028235e38, 3.40282346638528859811704183484516925440e38   # FLT_MAX
    .float 3.4028236e38, 3.5e38, 1e39, -1e39    # rounds past FLT_MAX, beyond: infinity
    .float 1e-45, 1.4e-45, 1.401298464324817e-45 # the smallest subnormal
    .float 7.006492321624085e-46, 7.006492321624086e-46   # just below/above half of it
    .float 1.1754942e-38, 1.17549435e-38       # largest subnormal, smallest normal
    .float 1e-50, 1e308, 1e-308
    .float inf, -inf, nan, -nan, infinity
    .float 0x1p-149, 0x1.fffffep127, 0x1.8p1, 0x.8p1, 0x1.p1, 0x10p0, -0x1p-3
    .float 5., .5, 010, +2.5, - 1.5, 1E3, 1.0e+5
    # decimal -> binary64 -> binary32 would round twice here; one rounding gives 0x3f800001
    .float 1.000000059604644776257986737988403547205962240695953369140625
    .float 1.000000059604644774523263262011596452794037759304046630859375
    .float 1.0000000596046447753906250, 1.000000178813934326171875   # exact ties: to even
two: .float 2.0; .double 3.0        # several statements on one line
    .float 4.5 # a comment after the operands
    .double 6.5 // another
    .rodata
    .float 1.25
    .double -1.25
    .section .sdata, "aw"
    .float 8.0
