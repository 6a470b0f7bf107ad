# AUTO-GENERATED from vmlab/isa — DO NOT EDIT
# Regenerate with:  python -m vmlab.isa.codegen_cython
# (the decoder and the instruction handlers of the compiled core, vmlab/isa/codegen_cython.py)

# Compiled to C: lui auipc addi slti sltiu xori ori andi slli srli srai add sub sll slt sltu xor srl sra or and jal jalr beq bne blt bge bltu bgeu lb lh lw lbu lhu sb sh sw fence mul mulh mulhsu mulhu div divu rem remu
# Run by the reference interpreter (OP_CAREFUL):
#   ecall: system: needs the machine's state written back
#   ebreak: system: needs the machine's state written back
#   csrrw: system: needs the machine's state written back
#   csrrs: system: needs the machine's state written back
#   csrrc: system: needs the machine's state written back
#   csrrwi: system: needs the machine's state written back
#   csrrsi: system: needs the machine's state written back
#   csrrci: system: needs the machine's state written back
#   fence.i: system: needs the machine's state written back
#   mret: system: needs the machine's state written back
#   sret: system: needs the machine's state written back
#   wfi: system: needs the machine's state written back
#   sfence.vma: system: needs the machine's state written back

cdef enum:
    OP_DECODE = 0     # not decoded yet (a zeroed cache entry)
    OP_CAREFUL = 1    # leave the loop; the reference interpreter executes it
    OP_BREAK = 2      # a breakpoint: stop before executing
    OP_STOP = 3       # put in place by the loop where its budget ends, then taken away
    OP_LUI = 4
    OP_AUIPC = 5
    OP_ADDI = 6
    OP_SLTI = 7
    OP_SLTIU = 8
    OP_XORI = 9
    OP_ORI = 10
    OP_ANDI = 11
    OP_SLLI = 12
    OP_SRLI = 13
    OP_SRAI = 14
    OP_ADD = 15
    OP_SUB = 16
    OP_SLL = 17
    OP_SLT = 18
    OP_SLTU = 19
    OP_XOR = 20
    OP_SRL = 21
    OP_SRA = 22
    OP_OR = 23
    OP_AND = 24
    OP_JAL = 25
    OP_JALR = 26
    OP_BEQ = 27
    OP_BNE = 28
    OP_BLT = 29
    OP_BGE = 30
    OP_BLTU = 31
    OP_BGEU = 32
    OP_LB = 33
    OP_LH = 34
    OP_LW = 35
    OP_LBU = 36
    OP_LHU = 37
    OP_SB = 38
    OP_SH = 39
    OP_SW = 40
    OP_FENCE = 41
    OP_MUL = 42
    OP_MULH = 43
    OP_MULHSU = 44
    OP_MULHU = 45
    OP_DIV = 46
    OP_DIVU = 47
    OP_REM = 48
    OP_REMU = 49

OP_NAMES = ('(decode)', '(careful)', '(breakpoint)', '(stop)', 'lui', 'auipc', 'addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'lb', 'lh', 'lw', 'lbu', 'lhu', 'sb', 'sh', 'sw', 'fence', 'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu',)
CAREFUL_INSNS = ('ecall', 'ebreak', 'csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci', 'fence.i', 'mret', 'sret', 'wfi', 'sfence.vma',)


cdef inline void decode_word(uint32_t pc, uint32_t word, Decoded* d, uint32_t base,
                              uint32_t size) noexcept nogil:
    """Fill `d` for the instruction `word` at `pc`: opcode and operands, once per address."""
    cdef uint32_t csr
    cdef uint32_t fm
    cdef int64_t imm
    cdef uint32_t pred
    cdef uint32_t rd
    cdef uint32_t rs1
    cdef uint32_t rs2
    cdef uint32_t shamt
    cdef uint32_t succ
    cdef uint32_t zimm
    cdef uint32_t major = word & 0x7F
    d.rd = X0_SLOT
    d.rs1 = 0
    d.rs2 = 0
    d.imm = 0
    if major == 0x3:
        if (word & 0x0000707f) == 0x00000003:    # lb
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_LB
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00001003:    # lh
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_LH
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00002003:    # lw
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_LW
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00004003:    # lbu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_LBU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00005003:    # lhu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_LHU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
    elif major == 0xf:
        if (word & 0x0000707f) == 0x0000000f:    # fence
            d.op = OP_FENCE
            return
        if (word & 0x0000707f) == 0x0000100f:    # fence.i
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
    elif major == 0x13:
        if (word & 0x0000707f) == 0x00000013:    # addi
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_ADDI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00002013:    # slti
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_SLTI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00003013:    # sltiu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_SLTIU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00004013:    # xori
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_XORI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00006013:    # ori
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_ORI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00007013:    # andi
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_ANDI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
        if (word & <uint32_t>0xfe00707f) == 0x00001013:    # slli
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            shamt = ((word >> 20) & 0x1f)
            d.op = OP_SLLI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>shamt
            return
        if (word & <uint32_t>0xfe00707f) == 0x00005013:    # srli
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            shamt = ((word >> 20) & 0x1f)
            d.op = OP_SRLI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>shamt
            return
        if (word & <uint32_t>0xfe00707f) == 0x40005013:    # srai
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            shamt = ((word >> 20) & 0x1f)
            d.op = OP_SRAI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>shamt
            return
    elif major == 0x17:
        if (word & 0x0000007f) == 0x00000017:    # auipc
            rd = ((word >> 7) & 0x1f)
            imm = ((word >> 12) & 0xfffff)
            d.op = OP_AUIPC
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.imm = <int32_t>imm
            return
    elif major == 0x23:
        if (word & 0x0000707f) == 0x00000023:    # sb
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 25) & 0x7f) << 5) | ((word >> 7) & 0x1f)) ^ 0x800) - 0x800
            d.op = OP_SB
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00001023:    # sh
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 25) & 0x7f) << 5) | ((word >> 7) & 0x1f)) ^ 0x800) - 0x800
            d.op = OP_SH
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            return
        if (word & 0x0000707f) == 0x00002023:    # sw
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 25) & 0x7f) << 5) | ((word >> 7) & 0x1f)) ^ 0x800) - 0x800
            d.op = OP_SW
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            return
    elif major == 0x33:
        if (word & <uint32_t>0xfe00707f) == 0x00000033:    # add
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_ADD
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x40000033:    # sub
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_SUB
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00001033:    # sll
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_SLL
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00002033:    # slt
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_SLT
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00003033:    # sltu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_SLTU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00004033:    # xor
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_XOR
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00005033:    # srl
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_SRL
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x40005033:    # sra
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_SRA
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00006033:    # or
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_OR
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x00007033:    # and
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_AND
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02000033:    # mul
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_MUL
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02001033:    # mulh
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_MULH
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02002033:    # mulhsu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_MULHSU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02003033:    # mulhu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_MULHU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02004033:    # div
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_DIV
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02005033:    # divu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_DIVU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02006033:    # rem
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_REM
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
        if (word & <uint32_t>0xfe00707f) == 0x02007033:    # remu
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            d.op = OP_REMU
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            return
    elif major == 0x37:
        if (word & 0x0000007f) == 0x00000037:    # lui
            rd = ((word >> 7) & 0x1f)
            imm = ((word >> 12) & 0xfffff)
            d.op = OP_LUI
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.imm = <int32_t>imm
            return
    elif major == 0x63:
        if (word & 0x0000707f) == 0x00000063:    # beq
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000
            d.op = OP_BEQ
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
        if (word & 0x0000707f) == 0x00001063:    # bne
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000
            d.op = OP_BNE
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
        if (word & 0x0000707f) == 0x00004063:    # blt
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000
            d.op = OP_BLT
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
        if (word & 0x0000707f) == 0x00005063:    # bge
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000
            d.op = OP_BGE
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
        if (word & 0x0000707f) == 0x00006063:    # bltu
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000
            d.op = OP_BLTU
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
        if (word & 0x0000707f) == 0x00007063:    # bgeu
            rs1 = ((word >> 15) & 0x1f)
            rs2 = ((word >> 20) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000
            d.op = OP_BGEU
            d.rs1 = <uint8_t>rs1
            d.rs2 = <uint8_t>rs2
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
    elif major == 0x67:
        if (word & 0x0000707f) == 0x00000067:    # jalr
            rd = ((word >> 7) & 0x1f)
            rs1 = ((word >> 15) & 0x1f)
            imm = (<int64_t>((word >> 20) & 0xfff) ^ 0x800) - 0x800
            d.op = OP_JALR
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.rs1 = <uint8_t>rs1
            d.imm = <int32_t>imm
            return
    elif major == 0x6f:
        if (word & 0x0000007f) == 0x0000006f:    # jal
            rd = ((word >> 7) & 0x1f)
            imm = (<int64_t>((((word >> 31) & 0x1) << 20) | (((word >> 12) & 0xff) << 12) | (((word >> 20) & 0x1) << 11) | (((word >> 21) & 0x3ff) << 1)) ^ 0x100000) - 0x100000
            d.op = OP_JAL
            d.rd = <uint8_t>rd if rd != 0 else X0_SLOT
            d.imm = <int32_t>imm
            if not target_ok(<uint32_t>(<int64_t>pc + imm), base, size):
                d.op = OP_CAREFUL          # the taken jump traps or leaves RAM
            return
    elif major == 0x73:
        if (word & <uint32_t>0xffffffff) == 0x00000073:    # ecall
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & <uint32_t>0xffffffff) == 0x00100073:    # ebreak
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & 0x0000707f) == 0x00001073:    # csrrw
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & 0x0000707f) == 0x00002073:    # csrrs
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & 0x0000707f) == 0x00003073:    # csrrc
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & 0x0000707f) == 0x00005073:    # csrrwi
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & 0x0000707f) == 0x00006073:    # csrrsi
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & 0x0000707f) == 0x00007073:    # csrrci
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & <uint32_t>0xffffffff) == 0x30200073:    # mret
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & <uint32_t>0xffffffff) == 0x10200073:    # sret
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & <uint32_t>0xffffffff) == 0x10500073:    # wfi
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
        if (word & <uint32_t>0xfe007fff) == 0x12000073:    # sfence.vma
            d.op = OP_CAREFUL              # system: needs the machine's state written back
            return
    d.op = OP_CAREFUL                      # illegal: the interpreter raises the trap


cdef inline bint ends_run(int op) noexcept nogil:
    """Does a straight-line run end here (control transfer, or the loop stops before it)?"""
    return (op == OP_CAREFUL or op == OP_BREAK
            or op == OP_JAL or op == OP_JALR or op == OP_BEQ or op == OP_BNE
            or op == OP_BLT or op == OP_BGE or op == OP_BLTU or op == OP_BGEU)


cdef inline int execute(Hart* h, const Decoded* d) noexcept nogil:
    """Execute the decoded instruction at h.pc: ST_NEXT or ST_BRANCH when it retired."""
    cdef uint32_t _npc
    cdef uint32_t _t0
    cdef uint32_t _t1
    cdef int64_t _t2
    cdef uint32_t _t3
    cdef int64_t _t4
    cdef uint32_t _t5
    cdef uint32_t _t6
    cdef uint32_t _t7
    cdef uint32_t _t8
    cdef uint32_t _t9
    cdef uint32_t _t10
    cdef uint32_t _t11
    cdef uint32_t _t12
    cdef uint32_t _t13
    cdef int op = d.op
    if op == OP_DECODE:
        return ST_DECODE
    elif op == OP_LUI:
        # lui: 'X[rd] = imm << 12'
        h.x[d.rd] = <uint32_t>(<int64_t>d.imm << 12)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_AUIPC:
        # auipc: 'X[rd] = PC + (imm << 12)'
        h.x[d.rd] = <uint32_t>(<int64_t>h.pc + (<int64_t>d.imm << 12))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_ADDI:
        # addi: 'X[rd] = X[rs1] + imm'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SLTI:
        # slti: 'X[rd] = 1 if s32(X[rs1]) < imm else 0'
        h.x[d.rd] = <uint32_t>(1 if ((<int64_t><int32_t>h.x[d.rs1]) < <int64_t>d.imm) else 0)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SLTIU:
        # sltiu: 'X[rd] = 1 if X[rs1] < (imm & 0xFFFFFFFF) else 0'
        h.x[d.rd] = <uint32_t>(1 if (<int64_t>h.x[d.rs1] < (<int64_t>d.imm & (<int64_t>0xffffffff))) else 0)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_XORI:
        # xori: 'X[rd] = X[rs1] ^ imm'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] ^ <int64_t>d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_ORI:
        # ori: 'X[rd] = X[rs1] | imm'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] | <int64_t>d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_ANDI:
        # andi: 'X[rd] = X[rs1] & imm'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] & <int64_t>d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SLLI:
        # slli: 'X[rd] = X[rs1] << shamt'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] << d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SRLI:
        # srli: 'X[rd] = X[rs1] >> shamt'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] >> d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SRAI:
        # srai: 'X[rd] = s32(X[rs1]) >> shamt'
        h.x[d.rd] = <uint32_t>((<int64_t><int32_t>h.x[d.rs1]) >> d.imm)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_ADD:
        # add: 'X[rd] = X[rs1] + X[rs2]'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SUB:
        # sub: 'X[rd] = X[rs1] - X[rs2]'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] - <int64_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SLL:
        # sll: 'X[rd] = X[rs1] << (X[rs2] & 31)'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] << (<int64_t>h.x[d.rs2] & 31))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SLT:
        # slt: 'X[rd] = 1 if s32(X[rs1]) < s32(X[rs2]) else 0'
        h.x[d.rd] = <uint32_t>(1 if ((<int64_t><int32_t>h.x[d.rs1]) < (<int64_t><int32_t>h.x[d.rs2])) else 0)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SLTU:
        # sltu: 'X[rd] = 1 if X[rs1] < X[rs2] else 0'
        h.x[d.rd] = <uint32_t>(1 if (h.x[d.rs1] < h.x[d.rs2]) else 0)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_XOR:
        # xor: 'X[rd] = X[rs1] ^ X[rs2]'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] ^ <int64_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SRL:
        # srl: 'X[rd] = X[rs1] >> (X[rs2] & 31)'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] >> (<int64_t>h.x[d.rs2] & 31))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SRA:
        # sra: 'X[rd] = s32(X[rs1]) >> (X[rs2] & 31)'
        h.x[d.rd] = <uint32_t>((<int64_t><int32_t>h.x[d.rs1]) >> (<int64_t>h.x[d.rs2] & 31))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_OR:
        # or: 'X[rd] = X[rs1] | X[rs2]'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] | <int64_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_AND:
        # and: 'X[rd] = X[rs1] & X[rs2]'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] & <int64_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_JAL:
        # jal: 'jump(PC + imm)\nX[rd] = PC + 4'
        _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.x[d.rd] = <uint32_t>(<int64_t>h.pc + 4)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_JALR:
        # jalr: 'jump((X[rs1] + imm) & ~1)\nX[rd] = PC + 4'
        _t0 = <uint32_t>((<int64_t>h.x[d.rs1] + <int64_t>d.imm) & -2)
        if _t0 & 3:                          # instruction-address-misaligned, before any write
            h.cause = 0
            h.tval = _t0
            return ST_TRAP
        _npc = _t0
        h.x[d.rd] = <uint32_t>(<int64_t>h.pc + 4)
        h.pc = _npc
        if <uint32_t>(_npc - h.base) >= h.size:
            return ST_LEAVE                # retired; the next fetch is outside RAM
        return ST_BRANCH
    elif op == OP_BEQ:
        # beq: 'if X[rs1] == X[rs2]: jump(PC + imm)'
        _npc = h.pc + 4
        if (h.x[d.rs1] == h.x[d.rs2]):
            _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_BNE:
        # bne: 'if X[rs1] != X[rs2]: jump(PC + imm)'
        _npc = h.pc + 4
        if (h.x[d.rs1] != h.x[d.rs2]):
            _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_BLT:
        # blt: 'if s32(X[rs1]) < s32(X[rs2]): jump(PC + imm)'
        _npc = h.pc + 4
        if ((<int64_t><int32_t>h.x[d.rs1]) < (<int64_t><int32_t>h.x[d.rs2])):
            _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_BGE:
        # bge: 'if s32(X[rs1]) >= s32(X[rs2]): jump(PC + imm)'
        _npc = h.pc + 4
        if ((<int64_t><int32_t>h.x[d.rs1]) >= (<int64_t><int32_t>h.x[d.rs2])):
            _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_BLTU:
        # bltu: 'if X[rs1] < X[rs2]: jump(PC + imm)'
        _npc = h.pc + 4
        if (h.x[d.rs1] < h.x[d.rs2]):
            _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_BGEU:
        # bgeu: 'if X[rs1] >= X[rs2]: jump(PC + imm)'
        _npc = h.pc + 4
        if (h.x[d.rs1] >= h.x[d.rs2]):
            _npc = <uint32_t>(<int64_t>h.pc + <int64_t>d.imm)
        h.pc = _npc
        return ST_BRANCH
    elif op == OP_LB:
        # lb: 'X[rd] = load(X[rs1] + imm, 1, True)'
        _t1 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_load(h, _t1, 1):
            return ST_CAREFUL
        _t2 = <int64_t><int8_t>ld8(h, _t1)
        h.x[d.rd] = <uint32_t>_t2
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_LH:
        # lh: 'X[rd] = load(X[rs1] + imm, 2, True)'
        _t3 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_load(h, _t3, 2):
            return ST_CAREFUL
        _t4 = <int64_t><int16_t>ld16(h, _t3)
        h.x[d.rd] = <uint32_t>_t4
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_LW:
        # lw: 'X[rd] = load(X[rs1] + imm, 4, False)'
        _t5 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_load(h, _t5, 4):
            return ST_CAREFUL
        _t6 = ld32(h, _t5)
        h.x[d.rd] = <uint32_t>_t6
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_LBU:
        # lbu: 'X[rd] = load(X[rs1] + imm, 1, False)'
        _t7 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_load(h, _t7, 1):
            return ST_CAREFUL
        _t8 = ld8(h, _t7)
        h.x[d.rd] = <uint32_t>_t8
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_LHU:
        # lhu: 'X[rd] = load(X[rs1] + imm, 2, False)'
        _t9 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_load(h, _t9, 2):
            return ST_CAREFUL
        _t10 = ld16(h, _t9)
        h.x[d.rd] = <uint32_t>_t10
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SB:
        # sb: 'store(X[rs1] + imm, 1, X[rs2])'
        _t11 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_store(h, _t11, 1):    # device, outside RAM, code or hooked line
            return ST_CAREFUL
        st8(h, _t11, <uint8_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SH:
        # sh: 'store(X[rs1] + imm, 2, X[rs2])'
        _t12 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_store(h, _t12, 2):    # device, outside RAM, code or hooked line
            return ST_CAREFUL
        st16(h, _t12, <uint16_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_SW:
        # sw: 'store(X[rs1] + imm, 4, X[rs2])'
        _t13 = <uint32_t>(<int64_t>h.x[d.rs1] + <int64_t>d.imm)
        if not can_store(h, _t13, 4):    # device, outside RAM, code or hooked line
            return ST_CAREFUL
        st32(h, _t13, <uint32_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_FENCE:
        # fence: 'pass'
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_MUL:
        # mul: 'X[rd] = X[rs1] * X[rs2]'
        h.x[d.rd] = <uint32_t>(<uint64_t>h.x[d.rs1] * <uint64_t>h.x[d.rs2])
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_MULH:
        # mulh: 'X[rd] = (s32(X[rs1]) * s32(X[rs2])) >> 32'
        h.x[d.rd] = <uint32_t>(((<int64_t><int32_t>h.x[d.rs1]) * (<int64_t><int32_t>h.x[d.rs2])) >> 32)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_MULHSU:
        # mulhsu: 'X[rd] = (s32(X[rs1]) * s64(X[rs2])) >> 32'
        h.x[d.rd] = <uint32_t>(((<int64_t><int32_t>h.x[d.rs1]) * (<int64_t>h.x[d.rs2])) >> 32)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_MULHU:
        # mulhu: 'X[rd] = (u64(X[rs1]) * X[rs2]) >> 32'
        h.x[d.rd] = <uint32_t>(((<uint64_t>h.x[d.rs1]) * <uint64_t>h.x[d.rs2]) >> 32)
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_DIV:
        # div: 'X[rd] = 0xFFFFFFFF if X[rs2] == 0 else tdiv(s32(X[rs1]), s32(X[rs2]))'
        h.x[d.rd] = <uint32_t>((<int64_t>0xffffffff) if (h.x[d.rs2] == 0) else ((<int64_t><int32_t>h.x[d.rs1]) // (<int64_t><int32_t>h.x[d.rs2])))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_DIVU:
        # divu: 'X[rd] = 0xFFFFFFFF if X[rs2] == 0 else X[rs1] // X[rs2]'
        h.x[d.rd] = <uint32_t>((<int64_t>0xffffffff) if (h.x[d.rs2] == 0) else (<int64_t>h.x[d.rs1] // <int64_t>h.x[d.rs2]))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_REM:
        # rem: 'X[rd] = X[rs1] if X[rs2] == 0 else trem(s32(X[rs1]), s32(X[rs2]))'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] if (h.x[d.rs2] == 0) else ((<int64_t><int32_t>h.x[d.rs1]) % (<int64_t><int32_t>h.x[d.rs2])))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_REMU:
        # remu: 'X[rd] = X[rs1] if X[rs2] == 0 else X[rs1] % X[rs2]'
        h.x[d.rd] = <uint32_t>(<int64_t>h.x[d.rs1] if (h.x[d.rs2] == 0) else (<int64_t>h.x[d.rs1] % <int64_t>h.x[d.rs2]))
        h.pc = h.pc + 4
        return ST_NEXT
    elif op == OP_CAREFUL:
        return ST_CAREFUL
    elif op == OP_BREAK:
        return ST_BREAK
    elif op == OP_STOP:
        return ST_STOP
    else:
        unreachable()                      # ops come from decode_word only: no range check
    return ST_CAREFUL
