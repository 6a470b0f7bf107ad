# Several labels on one line, labels alone, statements after labels
a: b: c: nop
d:
e:
    nop
f: ; g: nop ; h:
    j a ; j b ; j c
    j d ; j e ; j f ; j g ; j h
    .data
x: y: .word x, y
z:
