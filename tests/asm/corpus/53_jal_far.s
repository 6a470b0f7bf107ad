# jal at the edges of its +-1 MiB range
    .text
back:
    .space 1048576
    jal    ra, back
    j      fwd
    .space 1048568
fwd:
    jal    zero, fwd
    call   back
    tail   back
