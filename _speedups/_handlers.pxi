# AUTO-GENERATED from vmlab/isa — DO NOT EDIT
# Regenerate with:  python -m vmlab.isa.codegen_cython
# (the decoder and the instruction handlers of the compiled core, vmlab/isa/codegen_cython.py)

# Compiled to C: lui auipc addi slti sltiu xori ori andi slli srli srai add sub sll slt sltu xor srl sra or and jal jalr beq bne blt bge bltu bgeu lb lh lw lbu lhu sb sh sw fence ecall ebreak mul mulh mulhsu mulhu div divu rem remu
# Run by the reference interpreter (OP_CAREFUL):
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

OP_NAMES = ('(decode)', '(careful)', '(breakpoint)', '(stop)', 'lui', 'auipc', 'addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'lb', 'lh', 'lw', 'lbu', 'lhu', 'sb', 'sh', 'sw', 'fence', 'ecall', 'ebreak', 'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'addi+addi', 'addi+beq', 'lw+lw', 'add+lw', 'slli+add', 'addi+bne', 'sw+sw', 'lbu+bne', 'lw+addi', 'lw+slli', 'lbu+lbu', 'addi+jal', 'sub+add', 'sb+addi', 'addi+bgeu', 'addi+sw', 'sw+addi', 'addi+blt', 'lbu+addi', 'add+add', 'slli+slli', 'lbu+sub', 'add+addi', 'andi+bne', 'add+lbu', 'add+sb', 'addi+lw', 'add+andi', 'slli+lbu', 'sub+sub', 'slli+sub', 'addi+bltu', '(branch over)+lui', '(branch over)+auipc', '(branch over)+addi', '(branch over)+slti', '(branch over)+sltiu', '(branch over)+xori', '(branch over)+ori', '(branch over)+andi', '(branch over)+slli', '(branch over)+srli', '(branch over)+srai', '(branch over)+add', '(branch over)+sub', '(branch over)+sll', '(branch over)+slt', '(branch over)+sltu', '(branch over)+xor', '(branch over)+srl', '(branch over)+sra', '(branch over)+or', '(branch over)+and', '(branch over)+mul', '(branch over)+mulh', '(branch over)+mulhsu', '(branch over)+mulhu', '(branch over)+div', '(branch over)+divu', '(branch over)+rem', '(branch over)+remu',)
CAREFUL_INSNS = ('csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci', 'fence.i', 'mret', 'sret', 'wfi', 'sfence.vma',)

cdef extern from *:
    """
    #if (defined(__GNUC__) || defined(__clang__)) && !defined(VM_NO_THREADING)
    #define VM_THREADED 1           /* each case jumps to the next through labels[] */
    #else
    #define VM_THREADED 0           /* one switch (compilers without computed goto) */
    #endif

    enum {
        OP_DECODE = 0,    /* not decoded yet (a zeroed cache entry) */
        OP_CAREFUL = 1,   /* leave the loop; the reference interpreter executes it */
        OP_BREAK = 2,     /* a breakpoint: stop before executing */
        OP_STOP = 3,      /* put in place by the loop where its budget ends, then taken away */
        OP_LUI = 4,
        OP_AUIPC = 5,
        OP_ADDI = 6,
        OP_SLTI = 7,
        OP_SLTIU = 8,
        OP_XORI = 9,
        OP_ORI = 10,
        OP_ANDI = 11,
        OP_SLLI = 12,
        OP_SRLI = 13,
        OP_SRAI = 14,
        OP_ADD = 15,
        OP_SUB = 16,
        OP_SLL = 17,
        OP_SLT = 18,
        OP_SLTU = 19,
        OP_XOR = 20,
        OP_SRL = 21,
        OP_SRA = 22,
        OP_OR = 23,
        OP_AND = 24,
        OP_JAL = 25,
        OP_JALR = 26,
        OP_BEQ = 27,
        OP_BNE = 28,
        OP_BLT = 29,
        OP_BGE = 30,
        OP_BLTU = 31,
        OP_BGEU = 32,
        OP_LB = 33,
        OP_LH = 34,
        OP_LW = 35,
        OP_LBU = 36,
        OP_LHU = 37,
        OP_SB = 38,
        OP_SH = 39,
        OP_SW = 40,
        OP_FENCE = 41,
        OP_ECALL = 42,
        OP_EBREAK = 43,
        OP_MUL = 44,
        OP_MULH = 45,
        OP_MULHSU = 46,
        OP_MULHU = 47,
        OP_DIV = 48,
        OP_DIVU = 49,
        OP_REM = 50,
        OP_REMU = 51,
        OP_ADDI_ADDI = 52,
        OP_ADDI_BEQ = 53,
        OP_LW_LW = 54,
        OP_ADD_LW = 55,
        OP_SLLI_ADD = 56,
        OP_ADDI_BNE = 57,
        OP_SW_SW = 58,
        OP_LBU_BNE = 59,
        OP_LW_ADDI = 60,
        OP_LW_SLLI = 61,
        OP_LBU_LBU = 62,
        OP_ADDI_JAL = 63,
        OP_SUB_ADD = 64,
        OP_SB_ADDI = 65,
        OP_ADDI_BGEU = 66,
        OP_ADDI_SW = 67,
        OP_SW_ADDI = 68,
        OP_ADDI_BLT = 69,
        OP_LBU_ADDI = 70,
        OP_ADD_ADD = 71,
        OP_SLLI_SLLI = 72,
        OP_LBU_SUB = 73,
        OP_ADD_ADDI = 74,
        OP_ANDI_BNE = 75,
        OP_ADD_LBU = 76,
        OP_ADD_SB = 77,
        OP_ADDI_LW = 78,
        OP_ADD_ANDI = 79,
        OP_SLLI_LBU = 80,
        OP_SUB_SUB = 81,
        OP_SLLI_SUB = 82,
        OP_ADDI_BLTU = 83,
        OP_OVER_LUI = 84,
        OP_OVER_AUIPC = 85,
        OP_OVER_ADDI = 86,
        OP_OVER_SLTI = 87,
        OP_OVER_SLTIU = 88,
        OP_OVER_XORI = 89,
        OP_OVER_ORI = 90,
        OP_OVER_ANDI = 91,
        OP_OVER_SLLI = 92,
        OP_OVER_SRLI = 93,
        OP_OVER_SRAI = 94,
        OP_OVER_ADD = 95,
        OP_OVER_SUB = 96,
        OP_OVER_SLL = 97,
        OP_OVER_SLT = 98,
        OP_OVER_SLTU = 99,
        OP_OVER_XOR = 100,
        OP_OVER_SRL = 101,
        OP_OVER_SRA = 102,
        OP_OVER_OR = 103,
        OP_OVER_AND = 104,
        OP_OVER_MUL = 105,
        OP_OVER_MULH = 106,
        OP_OVER_MULHSU = 107,
        OP_OVER_MULHU = 108,
        OP_OVER_DIV = 109,
        OP_OVER_DIVU = 110,
        OP_OVER_REM = 111,
        OP_OVER_REMU = 112,
        VM_POLL = 4096     /* instructions between looks at the pause flag */
    };

    /* Fill d for the instruction word at pc: opcode and operands, once per address. */
    static void decode_word(uint32_t pc, uint32_t word, vm_decoded* d, uint32_t base, uint32_t size)
    {
        uint32_t csr;
        uint32_t fm;
        int64_t imm;
        uint32_t pred;
        uint32_t rd;
        uint32_t rs1;
        uint32_t rs2;
        uint32_t shamt;
        uint32_t succ;
        uint32_t zimm;
        uint32_t target;
        (void)csr;
        (void)fm;
        (void)imm;
        (void)pred;
        (void)rd;
        (void)rs1;
        (void)rs2;
        (void)shamt;
        (void)succ;
        (void)zimm;
        (void)target;
        d->rd = X0_SLOT;
        d->rs1 = 0;
        d->rs2 = 0;
        d->imm = 0;
        d->tgt = 0;
        switch (word & 0x7F) {
        case 0x3:
            if ((word & 0x0000707fu) == 0x00000003u) {    /* lb */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_LB;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00001003u) {    /* lh */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_LH;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00002003u) {    /* lw */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_LW;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00004003u) {    /* lbu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_LBU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00005003u) {    /* lhu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_LHU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            break;
        case 0xf:
            if ((word & 0x0000707fu) == 0x0000000fu) {    /* fence */
                d->op = OP_FENCE;
                return;
            }
            if ((word & 0x0000707fu) == 0x0000100fu) {    /* fence.i */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            break;
        case 0x13:
            if ((word & 0x0000707fu) == 0x00000013u) {    /* addi */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_ADDI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00002013u) {    /* slti */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_SLTI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00003013u) {    /* sltiu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_SLTIU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00004013u) {    /* xori */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_XORI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00006013u) {    /* ori */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_ORI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00007013u) {    /* andi */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_ANDI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00001013u) {    /* slli */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                shamt = ((word >> 20) & 0x1f);
                d->op = OP_SLLI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)shamt;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00005013u) {    /* srli */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                shamt = ((word >> 20) & 0x1f);
                d->op = OP_SRLI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)shamt;
                return;
            }
            if ((word & 0xfe00707fu) == 0x40005013u) {    /* srai */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                shamt = ((word >> 20) & 0x1f);
                d->op = OP_SRAI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)shamt;
                return;
            }
            break;
        case 0x17:
            if ((word & 0x0000007fu) == 0x00000017u) {    /* auipc */
                rd = ((word >> 7) & 0x1f);
                imm = ((word >> 12) & 0xfffff);
                d->op = OP_AUIPC;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->imm = (int32_t)imm;
                return;
            }
            break;
        case 0x23:
            if ((word & 0x0000707fu) == 0x00000023u) {    /* sb */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 25) & 0x7f) << 5) | ((word >> 7) & 0x1f)) ^ 0x800) - 0x800;
                d->op = OP_SB;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00001023u) {    /* sh */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 25) & 0x7f) << 5) | ((word >> 7) & 0x1f)) ^ 0x800) - 0x800;
                d->op = OP_SH;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                return;
            }
            if ((word & 0x0000707fu) == 0x00002023u) {    /* sw */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 25) & 0x7f) << 5) | ((word >> 7) & 0x1f)) ^ 0x800) - 0x800;
                d->op = OP_SW;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                return;
            }
            break;
        case 0x33:
            if ((word & 0xfe00707fu) == 0x00000033u) {    /* add */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_ADD;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x40000033u) {    /* sub */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_SUB;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00001033u) {    /* sll */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_SLL;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00002033u) {    /* slt */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_SLT;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00003033u) {    /* sltu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_SLTU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00004033u) {    /* xor */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_XOR;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00005033u) {    /* srl */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_SRL;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x40005033u) {    /* sra */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_SRA;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00006033u) {    /* or */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_OR;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x00007033u) {    /* and */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_AND;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02000033u) {    /* mul */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_MUL;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02001033u) {    /* mulh */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_MULH;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02002033u) {    /* mulhsu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_MULHSU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02003033u) {    /* mulhu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_MULHU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02004033u) {    /* div */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_DIV;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02005033u) {    /* divu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_DIVU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02006033u) {    /* rem */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_REM;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            if ((word & 0xfe00707fu) == 0x02007033u) {    /* remu */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                d->op = OP_REMU;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                return;
            }
            break;
        case 0x37:
            if ((word & 0x0000007fu) == 0x00000037u) {    /* lui */
                rd = ((word >> 7) & 0x1f);
                imm = ((word >> 12) & 0xfffff);
                d->op = OP_LUI;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->imm = (int32_t)imm;
                return;
            }
            break;
        case 0x63:
            if ((word & 0x0000707fu) == 0x00000063u) {    /* beq */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000;
                d->op = OP_BEQ;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            if ((word & 0x0000707fu) == 0x00001063u) {    /* bne */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000;
                d->op = OP_BNE;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            if ((word & 0x0000707fu) == 0x00004063u) {    /* blt */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000;
                d->op = OP_BLT;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            if ((word & 0x0000707fu) == 0x00005063u) {    /* bge */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000;
                d->op = OP_BGE;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            if ((word & 0x0000707fu) == 0x00006063u) {    /* bltu */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000;
                d->op = OP_BLTU;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            if ((word & 0x0000707fu) == 0x00007063u) {    /* bgeu */
                rs1 = ((word >> 15) & 0x1f);
                rs2 = ((word >> 20) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 12) | (((word >> 7) & 0x1) << 11) | (((word >> 25) & 0x3f) << 5) | (((word >> 8) & 0xf) << 1)) ^ 0x1000) - 0x1000;
                d->op = OP_BGEU;
                d->rs1 = (uint8_t)rs1;
                d->rs2 = (uint8_t)rs2;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            break;
        case 0x67:
            if ((word & 0x0000707fu) == 0x00000067u) {    /* jalr */
                rd = ((word >> 7) & 0x1f);
                rs1 = ((word >> 15) & 0x1f);
                imm = ((int64_t)((word >> 20) & 0xfff) ^ 0x800) - 0x800;
                d->op = OP_JALR;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->rs1 = (uint8_t)rs1;
                d->imm = (int32_t)imm;
                return;
            }
            break;
        case 0x6f:
            if ((word & 0x0000007fu) == 0x0000006fu) {    /* jal */
                rd = ((word >> 7) & 0x1f);
                imm = ((int64_t)((((word >> 31) & 0x1) << 20) | (((word >> 12) & 0xff) << 12) | (((word >> 20) & 0x1) << 11) | (((word >> 21) & 0x3ff) << 1)) ^ 0x100000) - 0x100000;
                d->op = OP_JAL;
                d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;
                d->imm = (int32_t)imm;
                target = (uint32_t)((int64_t)pc + imm);
                if (!target_ok(target, base, size))
                    d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */
                else
                    d->tgt = (int32_t)(target - pc) / 4;   /* entries away */
                return;
            }
            break;
        case 0x73:
            if ((word & 0xffffffffu) == 0x00000073u) {    /* ecall */
                d->op = OP_ECALL;
                return;
            }
            if ((word & 0xffffffffu) == 0x00100073u) {    /* ebreak */
                d->op = OP_EBREAK;
                return;
            }
            if ((word & 0x0000707fu) == 0x00001073u) {    /* csrrw */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0x0000707fu) == 0x00002073u) {    /* csrrs */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0x0000707fu) == 0x00003073u) {    /* csrrc */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0x0000707fu) == 0x00005073u) {    /* csrrwi */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0x0000707fu) == 0x00006073u) {    /* csrrsi */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0x0000707fu) == 0x00007073u) {    /* csrrci */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0xffffffffu) == 0x30200073u) {    /* mret */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0xffffffffu) == 0x10200073u) {    /* sret */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0xffffffffu) == 0x10500073u) {    /* wfi */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            if ((word & 0xfe007fffu) == 0x12000073u) {    /* sfence.vma */
                d->op = OP_CAREFUL;        /* system: needs the machine's state written back */
                return;
            }
            break;
        }
        d->op = OP_CAREFUL;                  /* illegal: the interpreter raises the trap */
    }

    /* Does a straight-line run end here (control transfer, or the loop stops before it)? */
    static inline int ends_run(int op)
    {
        return op == OP_CAREFUL || op == OP_BREAK
            || op == OP_JAL || op == OP_JALR || op == OP_BEQ || op == OP_BNE
            || op == OP_BLT || op == OP_BGE || op == OP_BLTU || op == OP_BGEU
            || op == OP_ECALL || op == OP_EBREAK
            || (op >= OP_OVER_LUI && op <= OP_OVER_REMU);
    }

    /* The superinstruction for the entry of opcode a followed by one of opcode b, or a. */
    static inline int vm_fuse(int a, int b)
    {
        switch (a) {
        case OP_ADDI:
            if (b == OP_ADDI) return OP_ADDI_ADDI;
            if (b == OP_BEQ) return OP_ADDI_BEQ;
            if (b == OP_BNE) return OP_ADDI_BNE;
            if (b == OP_JAL) return OP_ADDI_JAL;
            if (b == OP_BGEU) return OP_ADDI_BGEU;
            if (b == OP_SW) return OP_ADDI_SW;
            if (b == OP_BLT) return OP_ADDI_BLT;
            if (b == OP_LW) return OP_ADDI_LW;
            if (b == OP_BLTU) return OP_ADDI_BLTU;
            break;
        case OP_LW:
            if (b == OP_LW) return OP_LW_LW;
            if (b == OP_ADDI) return OP_LW_ADDI;
            if (b == OP_SLLI) return OP_LW_SLLI;
            break;
        case OP_ADD:
            if (b == OP_LW) return OP_ADD_LW;
            if (b == OP_ADD) return OP_ADD_ADD;
            if (b == OP_ADDI) return OP_ADD_ADDI;
            if (b == OP_LBU) return OP_ADD_LBU;
            if (b == OP_SB) return OP_ADD_SB;
            if (b == OP_ANDI) return OP_ADD_ANDI;
            break;
        case OP_SLLI:
            if (b == OP_ADD) return OP_SLLI_ADD;
            if (b == OP_SLLI) return OP_SLLI_SLLI;
            if (b == OP_LBU) return OP_SLLI_LBU;
            if (b == OP_SUB) return OP_SLLI_SUB;
            break;
        case OP_SW:
            if (b == OP_SW) return OP_SW_SW;
            if (b == OP_ADDI) return OP_SW_ADDI;
            break;
        case OP_LBU:
            if (b == OP_BNE) return OP_LBU_BNE;
            if (b == OP_LBU) return OP_LBU_LBU;
            if (b == OP_ADDI) return OP_LBU_ADDI;
            if (b == OP_SUB) return OP_LBU_SUB;
            break;
        case OP_SUB:
            if (b == OP_ADD) return OP_SUB_ADD;
            if (b == OP_SUB) return OP_SUB_SUB;
            break;
        case OP_SB:
            if (b == OP_ADDI) return OP_SB_ADDI;
            break;
        case OP_ANDI:
            if (b == OP_BNE) return OP_ANDI_BNE;
            break;
        }
        return a;
    }

    /* The opcode of an entry's own instruction (a superinstruction's first one). */
    static const uint8_t vm_first_op[] = {
        OP_DECODE, OP_CAREFUL, OP_BREAK, OP_STOP, OP_LUI, OP_AUIPC,
        OP_ADDI, OP_SLTI, OP_SLTIU, OP_XORI, OP_ORI, OP_ANDI,
        OP_SLLI, OP_SRLI, OP_SRAI, OP_ADD, OP_SUB, OP_SLL,
        OP_SLT, OP_SLTU, OP_XOR, OP_SRL, OP_SRA, OP_OR,
        OP_AND, OP_JAL, OP_JALR, OP_BEQ, OP_BNE, OP_BLT,
        OP_BGE, OP_BLTU, OP_BGEU, OP_LB, OP_LH, OP_LW,
        OP_LBU, OP_LHU, OP_SB, OP_SH, OP_SW, OP_FENCE,
        OP_ECALL, OP_EBREAK, OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU,
        OP_DIV, OP_DIVU, OP_REM, OP_REMU, OP_ADDI, OP_ADDI,
        OP_LW, OP_ADD, OP_SLLI, OP_ADDI, OP_SW, OP_LBU,
        OP_LW, OP_LW, OP_LBU, OP_ADDI, OP_SUB, OP_SB,
        OP_ADDI, OP_ADDI, OP_SW, OP_ADDI, OP_LBU, OP_ADD,
        OP_SLLI, OP_LBU, OP_ADD, OP_ANDI, OP_ADD, OP_ADD,
        OP_ADDI, OP_ADD, OP_SLLI, OP_SUB, OP_SLLI, OP_ADDI,
        OP_OVER_LUI, OP_OVER_AUIPC, OP_OVER_ADDI, OP_OVER_SLTI, OP_OVER_SLTIU, OP_OVER_XORI,
        OP_OVER_ORI, OP_OVER_ANDI, OP_OVER_SLLI, OP_OVER_SRLI, OP_OVER_SRAI, OP_OVER_ADD,
        OP_OVER_SUB, OP_OVER_SLL, OP_OVER_SLT, OP_OVER_SLTU, OP_OVER_XOR, OP_OVER_SRL,
        OP_OVER_SRA, OP_OVER_OR, OP_OVER_AND, OP_OVER_MUL, OP_OVER_MULH, OP_OVER_MULHSU,
        OP_OVER_MULHU, OP_OVER_DIV, OP_OVER_DIVU, OP_OVER_REM, OP_OVER_REMU,
    };

    /* A branch that may become OP_OVER_*: its entry has bit (a == b) | (a < b signed) << 1
       | (a < b unsigned) << 2 set when it is taken; every other opcode has 0. */
    static const uint8_t vm_taken[] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0x2, 0x55, 0x44, 0x13, 0x50, 0x7, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0,
    };

    /* The OP_OVER_* opcode for a branch over one instruction of opcode op, or 0. */
    static inline int vm_over(int op)
    {
        switch (op) {
        case OP_LUI: return OP_OVER_LUI;
        case OP_AUIPC: return OP_OVER_AUIPC;
        case OP_ADDI: return OP_OVER_ADDI;
        case OP_SLTI: return OP_OVER_SLTI;
        case OP_SLTIU: return OP_OVER_SLTIU;
        case OP_XORI: return OP_OVER_XORI;
        case OP_ORI: return OP_OVER_ORI;
        case OP_ANDI: return OP_OVER_ANDI;
        case OP_SLLI: return OP_OVER_SLLI;
        case OP_SRLI: return OP_OVER_SRLI;
        case OP_SRAI: return OP_OVER_SRAI;
        case OP_ADD: return OP_OVER_ADD;
        case OP_SUB: return OP_OVER_SUB;
        case OP_SLL: return OP_OVER_SLL;
        case OP_SLT: return OP_OVER_SLT;
        case OP_SLTU: return OP_OVER_SLTU;
        case OP_XOR: return OP_OVER_XOR;
        case OP_SRL: return OP_OVER_SRL;
        case OP_SRA: return OP_OVER_SRA;
        case OP_OR: return OP_OVER_OR;
        case OP_AND: return OP_OVER_AND;
        case OP_MUL: return OP_OVER_MUL;
        case OP_MULH: return OP_OVER_MULH;
        case OP_MULHSU: return OP_OVER_MULHSU;
        case OP_MULHU: return OP_OVER_MULHU;
        case OP_DIV: return OP_OVER_DIV;
        case OP_DIVU: return OP_OVER_DIVU;
        case OP_REM: return OP_OVER_REM;
        case OP_REMU: return OP_OVER_REMU;
        }
        return 0;
    }

    /* Is op one of the OP_OVER_* (whose entry keeps the branch's own opcode in rd)? */
    static inline int vm_is_over(int op)
    {
        return op >= OP_OVER_LUI && op <= OP_OVER_REMU;
    }

    /* Run at most n instructions from h->pc; *done = how many retired; ST_* says why it returned.
       h->pc is written back; registers live in h->x throughout. */
    static VM_LOOP_ATTRS int vm_exec(vm_hart* h, Py_ssize_t n, const volatile int* pause,
                                     vm_decode_fn decode_run, void* ctx, Py_ssize_t* done)
    {
        uint32_t* const x = h->x;
        const uint32_t base = h->base, size = h->size;
        const vm_mem mem = vm_mem_of(h);
        const uintptr_t bias = (uintptr_t)h->cache - ((uintptr_t)base << 2);
        vm_decoded* d = (vm_decoded*)(bias + ((uintptr_t)h->pc << 2));
        vm_decoded* stop = NULL;      /* the entry made OP_STOP, in a run cut short by the budget */
        vm_decoded* split = NULL;     /* the entry before it, made its own instruction alone */
        vm_decoded* _nd;
        uint8_t saved = 0, split_op = 0;
        Py_ssize_t total = 0;         /* instructions of the finished windows */
        int32_t window = (int32_t)(n < VM_POLL ? n : VM_POLL);
        int32_t left = window;        /* budget left in this window */
        uint32_t _r, _npc, _a, _b, _skip;
        int st;
        uint32_t _t0;
        uint32_t _t1;
        int64_t _t2;
        uint32_t _t3;
        int64_t _t4;
        uint32_t _t5;
        uint32_t _t6;
        uint32_t _t7;
        uint32_t _t8;
        uint32_t _t9;
        uint32_t _t10;
        uint32_t _t11;
        uint32_t _t12;
        uint32_t _t13;
    #if VM_THREADED
        static const void* const labels[] = {
            &&L_DECODE, &&L_CAREFUL, &&L_BREAK, &&L_STOP, &&L_LUI, &&L_AUIPC,
            &&L_ADDI, &&L_SLTI, &&L_SLTIU, &&L_XORI, &&L_ORI, &&L_ANDI,
            &&L_SLLI, &&L_SRLI, &&L_SRAI, &&L_ADD, &&L_SUB, &&L_SLL,
            &&L_SLT, &&L_SLTU, &&L_XOR, &&L_SRL, &&L_SRA, &&L_OR,
            &&L_AND, &&L_JAL, &&L_JALR, &&L_BEQ, &&L_BNE, &&L_BLT,
            &&L_BGE, &&L_BLTU, &&L_BGEU, &&L_LB, &&L_LH, &&L_LW,
            &&L_LBU, &&L_LHU, &&L_SB, &&L_SH, &&L_SW, &&L_FENCE,
            &&L_ECALL, &&L_EBREAK, &&L_MUL, &&L_MULH, &&L_MULHSU, &&L_MULHU,
            &&L_DIV, &&L_DIVU, &&L_REM, &&L_REMU, &&L_ADDI_ADDI, &&L_ADDI_BEQ,
            &&L_LW_LW, &&L_ADD_LW, &&L_SLLI_ADD, &&L_ADDI_BNE, &&L_SW_SW, &&L_LBU_BNE,
            &&L_LW_ADDI, &&L_LW_SLLI, &&L_LBU_LBU, &&L_ADDI_JAL, &&L_SUB_ADD, &&L_SB_ADDI,
            &&L_ADDI_BGEU, &&L_ADDI_SW, &&L_SW_ADDI, &&L_ADDI_BLT, &&L_LBU_ADDI, &&L_ADD_ADD,
            &&L_SLLI_SLLI, &&L_LBU_SUB, &&L_ADD_ADDI, &&L_ANDI_BNE, &&L_ADD_LBU, &&L_ADD_SB,
            &&L_ADDI_LW, &&L_ADD_ANDI, &&L_SLLI_LBU, &&L_SUB_SUB, &&L_SLLI_SUB, &&L_ADDI_BLTU,
            &&L_OVER_LUI, &&L_OVER_AUIPC, &&L_OVER_ADDI, &&L_OVER_SLTI, &&L_OVER_SLTIU, &&L_OVER_XORI,
            &&L_OVER_ORI, &&L_OVER_ANDI, &&L_OVER_SLLI, &&L_OVER_SRLI, &&L_OVER_SRAI, &&L_OVER_ADD,
            &&L_OVER_SUB, &&L_OVER_SLL, &&L_OVER_SLT, &&L_OVER_SLTU, &&L_OVER_XOR, &&L_OVER_SRL,
            &&L_OVER_SRA, &&L_OVER_OR, &&L_OVER_AND, &&L_OVER_MUL, &&L_OVER_MULH, &&L_OVER_MULHSU,
            &&L_OVER_MULHU, &&L_OVER_DIV, &&L_OVER_DIVU, &&L_OVER_REM, &&L_OVER_REMU,
        };
    #endif
        /* the address of the instruction at entry d, and the entry of address a */
    #define PC ((uint32_t)(((uintptr_t)d - bias) >> 2))
    #define ENTRY(a) ((vm_decoded*)(bias + ((uintptr_t)(a) << 2)))
    #if VM_THREADED
    #define DISPATCH() goto *labels[d->op]
    #else
    #define DISPATCH() goto dispatch
    #endif
    #define NEXT() do { d++; DISPATCH(); } while (0)
    #define ENTER(p) do { d = (p); left -= (int32_t)d->run; if (VM_UNLIKELY(left < 0)) goto overshoot; DISPATCH(); } while (0)
    #define EXIT(s) do { st = (s); goto leave_before; } while (0)
    #define LEAVE_TO(a) do { h->pc = (a); goto leave_after; } while (0)
        (void)_nd; (void)_npc; (void)_a; (void)_b; (void)_skip;
        goto slow;                      /* h->pc starts a run */

    #if !VM_THREADED
    dispatch:
        switch (d->op) {
        case 0: goto L_DECODE;
        case 1: goto L_CAREFUL;
        case 2: goto L_BREAK;
        case 3: goto L_STOP;
        case 4: goto L_LUI;
        case 5: goto L_AUIPC;
        case 6: goto L_ADDI;
        case 7: goto L_SLTI;
        case 8: goto L_SLTIU;
        case 9: goto L_XORI;
        case 10: goto L_ORI;
        case 11: goto L_ANDI;
        case 12: goto L_SLLI;
        case 13: goto L_SRLI;
        case 14: goto L_SRAI;
        case 15: goto L_ADD;
        case 16: goto L_SUB;
        case 17: goto L_SLL;
        case 18: goto L_SLT;
        case 19: goto L_SLTU;
        case 20: goto L_XOR;
        case 21: goto L_SRL;
        case 22: goto L_SRA;
        case 23: goto L_OR;
        case 24: goto L_AND;
        case 25: goto L_JAL;
        case 26: goto L_JALR;
        case 27: goto L_BEQ;
        case 28: goto L_BNE;
        case 29: goto L_BLT;
        case 30: goto L_BGE;
        case 31: goto L_BLTU;
        case 32: goto L_BGEU;
        case 33: goto L_LB;
        case 34: goto L_LH;
        case 35: goto L_LW;
        case 36: goto L_LBU;
        case 37: goto L_LHU;
        case 38: goto L_SB;
        case 39: goto L_SH;
        case 40: goto L_SW;
        case 41: goto L_FENCE;
        case 42: goto L_ECALL;
        case 43: goto L_EBREAK;
        case 44: goto L_MUL;
        case 45: goto L_MULH;
        case 46: goto L_MULHSU;
        case 47: goto L_MULHU;
        case 48: goto L_DIV;
        case 49: goto L_DIVU;
        case 50: goto L_REM;
        case 51: goto L_REMU;
        case 52: goto L_ADDI_ADDI;
        case 53: goto L_ADDI_BEQ;
        case 54: goto L_LW_LW;
        case 55: goto L_ADD_LW;
        case 56: goto L_SLLI_ADD;
        case 57: goto L_ADDI_BNE;
        case 58: goto L_SW_SW;
        case 59: goto L_LBU_BNE;
        case 60: goto L_LW_ADDI;
        case 61: goto L_LW_SLLI;
        case 62: goto L_LBU_LBU;
        case 63: goto L_ADDI_JAL;
        case 64: goto L_SUB_ADD;
        case 65: goto L_SB_ADDI;
        case 66: goto L_ADDI_BGEU;
        case 67: goto L_ADDI_SW;
        case 68: goto L_SW_ADDI;
        case 69: goto L_ADDI_BLT;
        case 70: goto L_LBU_ADDI;
        case 71: goto L_ADD_ADD;
        case 72: goto L_SLLI_SLLI;
        case 73: goto L_LBU_SUB;
        case 74: goto L_ADD_ADDI;
        case 75: goto L_ANDI_BNE;
        case 76: goto L_ADD_LBU;
        case 77: goto L_ADD_SB;
        case 78: goto L_ADDI_LW;
        case 79: goto L_ADD_ANDI;
        case 80: goto L_SLLI_LBU;
        case 81: goto L_SUB_SUB;
        case 82: goto L_SLLI_SUB;
        case 83: goto L_ADDI_BLTU;
        case 84: goto L_OVER_LUI;
        case 85: goto L_OVER_AUIPC;
        case 86: goto L_OVER_ADDI;
        case 87: goto L_OVER_SLTI;
        case 88: goto L_OVER_SLTIU;
        case 89: goto L_OVER_XORI;
        case 90: goto L_OVER_ORI;
        case 91: goto L_OVER_ANDI;
        case 92: goto L_OVER_SLLI;
        case 93: goto L_OVER_SRLI;
        case 94: goto L_OVER_SRAI;
        case 95: goto L_OVER_ADD;
        case 96: goto L_OVER_SUB;
        case 97: goto L_OVER_SLL;
        case 98: goto L_OVER_SLT;
        case 99: goto L_OVER_SLTU;
        case 100: goto L_OVER_XOR;
        case 101: goto L_OVER_SRL;
        case 102: goto L_OVER_SRA;
        case 103: goto L_OVER_OR;
        case 104: goto L_OVER_AND;
        case 105: goto L_OVER_MUL;
        case 106: goto L_OVER_MULH;
        case 107: goto L_OVER_MULHSU;
        case 108: goto L_OVER_MULHU;
        case 109: goto L_OVER_DIV;
        case 110: goto L_OVER_DIVU;
        case 111: goto L_OVER_REM;
        case 112: goto L_OVER_REMU;
        default: goto L_CAREFUL;
        }
    #endif

    L_LUI:
        /* lui: X[rd] = imm << 12 */
        x[d->rd] = (uint32_t)((int64_t)d->imm << 12);
        NEXT();

    L_AUIPC:
        /* auipc: X[rd] = PC + (imm << 12) */
        x[d->rd] = (uint32_t)((int64_t)PC + ((int64_t)d->imm << 12));
        NEXT();

    L_ADDI:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_SLTI:
        /* slti: X[rd] = 1 if s32(X[rs1]) < imm else 0 */
        x[d->rd] = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) < (int64_t)d->imm) ? 1 : 0);
        NEXT();

    L_SLTIU:
        /* sltiu: X[rd] = 1 if X[rs1] < (imm & 0xFFFFFFFF) else 0 */
        x[d->rd] = (uint32_t)(((int64_t)x[d->rs1] < ((int64_t)d->imm & ((int64_t)0xffffffffLL))) ? 1 : 0);
        NEXT();

    L_XORI:
        /* xori: X[rd] = X[rs1] ^ imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] ^ (int64_t)d->imm);
        NEXT();

    L_ORI:
        /* ori: X[rd] = X[rs1] | imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] | (int64_t)d->imm);
        NEXT();

    L_ANDI:
        /* andi: X[rd] = X[rs1] & imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] & (int64_t)d->imm);
        NEXT();

    L_SLLI:
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        NEXT();

    L_SRLI:
        /* srli: X[rd] = X[rs1] >> shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] >> d->imm);
        NEXT();

    L_SRAI:
        /* srai: X[rd] = s32(X[rs1]) >> shamt */
        x[d->rd] = (uint32_t)(((int64_t)(int32_t)x[d->rs1]) >> d->imm);
        NEXT();

    L_ADD:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        NEXT();

    L_SUB:
        /* sub: X[rd] = X[rs1] - X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        NEXT();

    L_SLL:
        /* sll: X[rd] = X[rs1] << (X[rs2] & 31) */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << ((int64_t)x[d->rs2] & 31));
        NEXT();

    L_SLT:
        /* slt: X[rd] = 1 if s32(X[rs1]) < s32(X[rs2]) else 0 */
        x[d->rd] = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) < ((int64_t)(int32_t)x[d->rs2])) ? 1 : 0);
        NEXT();

    L_SLTU:
        /* sltu: X[rd] = 1 if X[rs1] < X[rs2] else 0 */
        x[d->rd] = (uint32_t)((x[d->rs1] < x[d->rs2]) ? 1 : 0);
        NEXT();

    L_XOR:
        /* xor: X[rd] = X[rs1] ^ X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] ^ (int64_t)x[d->rs2]);
        NEXT();

    L_SRL:
        /* srl: X[rd] = X[rs1] >> (X[rs2] & 31) */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] >> ((int64_t)x[d->rs2] & 31));
        NEXT();

    L_SRA:
        /* sra: X[rd] = s32(X[rs1]) >> (X[rs2] & 31) */
        x[d->rd] = (uint32_t)(((int64_t)(int32_t)x[d->rs1]) >> ((int64_t)x[d->rs2] & 31));
        NEXT();

    L_OR:
        /* or: X[rd] = X[rs1] | X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] | (int64_t)x[d->rs2]);
        NEXT();

    L_AND:
        /* and: X[rd] = X[rs1] & X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] & (int64_t)x[d->rs2]);
        NEXT();

    L_JAL:
        /* jal: jump(PC + imm); X[rd] = PC + 4 */
        _nd = d + d->tgt;
        x[d->rd] = (uint32_t)((int64_t)PC + 4);
        ENTER(_nd);

    L_JALR:
        /* jalr: jump((X[rs1] + imm) & ~1); X[rd] = PC + 4 */
        _t0 = (uint32_t)(((int64_t)x[d->rs1] + (int64_t)d->imm) & -2);
        if (_t0 & 3) {                  /* misaligned: trap before any write */
            h->cause = 0;
            h->tval = _t0;
            EXIT(ST_TRAP);
        }
        _npc = _t0;
        x[d->rd] = (uint32_t)((int64_t)PC + 4);
        if ((uint32_t)(_npc - base) >= size)
            LEAVE_TO(_npc);           /* retired; the next fetch is outside RAM */
        ENTER(ENTRY(_npc));

    L_BEQ:
        /* beq: if X[rs1] == X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] == x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_BNE:
        /* bne: if X[rs1] != X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] != x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_BLT:
        /* blt: if s32(X[rs1]) < s32(X[rs2]): jump(PC + imm) */
        _nd = d + 1;
        if (((int64_t)(int32_t)x[d->rs1]) < ((int64_t)(int32_t)x[d->rs2])) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_BGE:
        /* bge: if s32(X[rs1]) >= s32(X[rs2]): jump(PC + imm) */
        _nd = d + 1;
        if (((int64_t)(int32_t)x[d->rs1]) >= ((int64_t)(int32_t)x[d->rs2])) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_BLTU:
        /* bltu: if X[rs1] < X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] < x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_BGEU:
        /* bgeu: if X[rs1] >= X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] >= x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_LB:
        /* lb: X[rd] = load(X[rs1] + imm, 1, True) */
        _t1 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t1, 1)) EXIT(ST_CAREFUL);
        _t2 = (int64_t)(int8_t)ld8(&mem, _t1);
        x[d->rd] = (uint32_t)_t2;
        NEXT();

    L_LH:
        /* lh: X[rd] = load(X[rs1] + imm, 2, True) */
        _t3 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t3, 2)) EXIT(ST_CAREFUL);
        _t4 = (int64_t)(int16_t)ld16(&mem, _t3);
        x[d->rd] = (uint32_t)_t4;
        NEXT();

    L_LW:
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        NEXT();

    L_LBU:
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        NEXT();

    L_LHU:
        /* lhu: X[rd] = load(X[rs1] + imm, 2, False) */
        _t9 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t9, 2)) EXIT(ST_CAREFUL);
        _t10 = ld16(&mem, _t9);
        x[d->rd] = (uint32_t)_t10;
        NEXT();

    L_SB:
        /* sb: store(X[rs1] + imm, 1, X[rs2]) */
        _t11 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t11, 1))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st8(&mem, _t11, (uint8_t)x[d->rs2]);
        NEXT();

    L_SH:
        /* sh: store(X[rs1] + imm, 2, X[rs2]) */
        _t12 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t12, 2))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st16(&mem, _t12, (uint16_t)x[d->rs2]);
        NEXT();

    L_SW:
        /* sw: store(X[rs1] + imm, 4, X[rs2]) */
        _t13 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t13, 4))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st32(&mem, _t13, (uint32_t)x[d->rs2]);
        NEXT();

    L_FENCE:
        /* fence: pass */
        NEXT();

    L_ECALL:
        /* ecall: ecall() */
        h->cause = h->ecall_cause;
        h->tval = 0;
        EXIT(ST_TRAP);

    L_EBREAK:
        /* ebreak: ebreak() */
        h->cause = 3;
        h->tval = PC;
        EXIT(ST_TRAP);

    L_MUL:
        /* mul: X[rd] = X[rs1] * X[rs2] */
        x[d->rd] = (uint32_t)((uint64_t)x[d->rs1] * (uint64_t)x[d->rs2]);
        NEXT();

    L_MULH:
        /* mulh: X[rd] = (s32(X[rs1]) * s32(X[rs2])) >> 32 */
        x[d->rd] = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) * ((int64_t)(int32_t)x[d->rs2])) >> 32);
        NEXT();

    L_MULHSU:
        /* mulhsu: X[rd] = (s32(X[rs1]) * s64(X[rs2])) >> 32 */
        x[d->rd] = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) * ((int64_t)x[d->rs2])) >> 32);
        NEXT();

    L_MULHU:
        /* mulhu: X[rd] = (u64(X[rs1]) * X[rs2]) >> 32 */
        x[d->rd] = (uint32_t)((((uint64_t)x[d->rs1]) * (uint64_t)x[d->rs2]) >> 32);
        NEXT();

    L_DIV:
        /* div: X[rd] = 0xFFFFFFFF if X[rs2] == 0 else tdiv(s32(X[rs1]), s32(X[rs2])) */
        x[d->rd] = (uint32_t)((x[d->rs2] == 0) ? ((int64_t)0xffffffffLL) : (((int64_t)(int32_t)x[d->rs1]) / ((int64_t)(int32_t)x[d->rs2])));
        NEXT();

    L_DIVU:
        /* divu: X[rd] = 0xFFFFFFFF if X[rs2] == 0 else X[rs1] // X[rs2] */
        x[d->rd] = (uint32_t)((x[d->rs2] == 0) ? ((int64_t)0xffffffffLL) : ((int64_t)x[d->rs1] / (int64_t)x[d->rs2]));
        NEXT();

    L_REM:
        /* rem: X[rd] = X[rs1] if X[rs2] == 0 else trem(s32(X[rs1]), s32(X[rs2])) */
        x[d->rd] = (uint32_t)((x[d->rs2] == 0) ? (int64_t)x[d->rs1] : (((int64_t)(int32_t)x[d->rs1]) % ((int64_t)(int32_t)x[d->rs2])));
        NEXT();

    L_REMU:
        /* remu: X[rd] = X[rs1] if X[rs2] == 0 else X[rs1] % X[rs2] */
        x[d->rd] = (uint32_t)((x[d->rs2] == 0) ? (int64_t)x[d->rs1] : ((int64_t)x[d->rs1] % (int64_t)x[d->rs2]));
        NEXT();

    L_ADDI_ADDI:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_ADDI_BEQ:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* beq: if X[rs1] == X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] == x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_LW_LW:
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        d++;
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        NEXT();

    L_ADD_LW:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        d++;
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        NEXT();

    L_SLLI_ADD:
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        d++;
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        NEXT();

    L_ADDI_BNE:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* bne: if X[rs1] != X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] != x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_SW_SW:
        /* sw: store(X[rs1] + imm, 4, X[rs2]) */
        _t13 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t13, 4))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st32(&mem, _t13, (uint32_t)x[d->rs2]);
        d++;
        /* sw: store(X[rs1] + imm, 4, X[rs2]) */
        _t13 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t13, 4))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st32(&mem, _t13, (uint32_t)x[d->rs2]);
        NEXT();

    L_LBU_BNE:
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        d++;
        /* bne: if X[rs1] != X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] != x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_LW_ADDI:
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_LW_SLLI:
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        d++;
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        NEXT();

    L_LBU_LBU:
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        d++;
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        NEXT();

    L_ADDI_JAL:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* jal: jump(PC + imm); X[rd] = PC + 4 */
        _nd = d + d->tgt;
        x[d->rd] = (uint32_t)((int64_t)PC + 4);
        ENTER(_nd);

    L_SUB_ADD:
        /* sub: X[rd] = X[rs1] - X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        d++;
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        NEXT();

    L_SB_ADDI:
        /* sb: store(X[rs1] + imm, 1, X[rs2]) */
        _t11 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t11, 1))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st8(&mem, _t11, (uint8_t)x[d->rs2]);
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_ADDI_BGEU:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* bgeu: if X[rs1] >= X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] >= x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_ADDI_SW:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* sw: store(X[rs1] + imm, 4, X[rs2]) */
        _t13 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t13, 4))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st32(&mem, _t13, (uint32_t)x[d->rs2]);
        NEXT();

    L_SW_ADDI:
        /* sw: store(X[rs1] + imm, 4, X[rs2]) */
        _t13 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t13, 4))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st32(&mem, _t13, (uint32_t)x[d->rs2]);
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_ADDI_BLT:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* blt: if s32(X[rs1]) < s32(X[rs2]): jump(PC + imm) */
        _nd = d + 1;
        if (((int64_t)(int32_t)x[d->rs1]) < ((int64_t)(int32_t)x[d->rs2])) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_LBU_ADDI:
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_ADD_ADD:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        d++;
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        NEXT();

    L_SLLI_SLLI:
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        d++;
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        NEXT();

    L_LBU_SUB:
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        d++;
        /* sub: X[rd] = X[rs1] - X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        NEXT();

    L_ADD_ADDI:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        NEXT();

    L_ANDI_BNE:
        /* andi: X[rd] = X[rs1] & imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] & (int64_t)d->imm);
        d++;
        /* bne: if X[rs1] != X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] != x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_ADD_LBU:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        d++;
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        NEXT();

    L_ADD_SB:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        d++;
        /* sb: store(X[rs1] + imm, 1, X[rs2]) */
        _t11 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_store(&mem, _t11, 1))    /* device, outside RAM, code or hooked */
            EXIT(ST_CAREFUL);
        st8(&mem, _t11, (uint8_t)x[d->rs2]);
        NEXT();

    L_ADDI_LW:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* lw: X[rd] = load(X[rs1] + imm, 4, False) */
        _t5 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t5, 4)) EXIT(ST_CAREFUL);
        _t6 = ld32(&mem, _t5);
        x[d->rd] = (uint32_t)_t6;
        NEXT();

    L_ADD_ANDI:
        /* add: X[rd] = X[rs1] + X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        d++;
        /* andi: X[rd] = X[rs1] & imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] & (int64_t)d->imm);
        NEXT();

    L_SLLI_LBU:
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        d++;
        /* lbu: X[rd] = load(X[rs1] + imm, 1, False) */
        _t7 = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        if (!can_load(&mem, _t7, 1)) EXIT(ST_CAREFUL);
        _t8 = ld8(&mem, _t7);
        x[d->rd] = (uint32_t)_t8;
        NEXT();

    L_SUB_SUB:
        /* sub: X[rd] = X[rs1] - X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        d++;
        /* sub: X[rd] = X[rs1] - X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        NEXT();

    L_SLLI_SUB:
        /* slli: X[rd] = X[rs1] << shamt */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        d++;
        /* sub: X[rd] = X[rs1] - X[rs2] */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        NEXT();

    L_ADDI_BLTU:
        /* addi: X[rd] = X[rs1] + imm */
        x[d->rd] = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        d++;
        /* bltu: if X[rs1] < X[rs2]: jump(PC + imm) */
        _nd = d + 1;
        if (x[d->rs1] < x[d->rs2]) {
            _nd = d + d->tgt;
        }
        ENTER(_nd);

    L_OVER_LUI:
        /* a branch over one lui (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* lui: X[rd] = imm << 12 */
        _r = (uint32_t)((int64_t)d->imm << 12);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_AUIPC:
        /* a branch over one auipc (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* auipc: X[rd] = PC + (imm << 12) */
        _r = (uint32_t)((int64_t)PC + ((int64_t)d->imm << 12));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_ADDI:
        /* a branch over one addi (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* addi: X[rd] = X[rs1] + imm */
        _r = (uint32_t)((int64_t)x[d->rs1] + (int64_t)d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SLTI:
        /* a branch over one slti (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* slti: X[rd] = 1 if s32(X[rs1]) < imm else 0 */
        _r = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) < (int64_t)d->imm) ? 1 : 0);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SLTIU:
        /* a branch over one sltiu (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* sltiu: X[rd] = 1 if X[rs1] < (imm & 0xFFFFFFFF) else 0 */
        _r = (uint32_t)(((int64_t)x[d->rs1] < ((int64_t)d->imm & ((int64_t)0xffffffffLL))) ? 1 : 0);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_XORI:
        /* a branch over one xori (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* xori: X[rd] = X[rs1] ^ imm */
        _r = (uint32_t)((int64_t)x[d->rs1] ^ (int64_t)d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_ORI:
        /* a branch over one ori (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* ori: X[rd] = X[rs1] | imm */
        _r = (uint32_t)((int64_t)x[d->rs1] | (int64_t)d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_ANDI:
        /* a branch over one andi (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* andi: X[rd] = X[rs1] & imm */
        _r = (uint32_t)((int64_t)x[d->rs1] & (int64_t)d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SLLI:
        /* a branch over one slli (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* slli: X[rd] = X[rs1] << shamt */
        _r = (uint32_t)((int64_t)x[d->rs1] << d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SRLI:
        /* a branch over one srli (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* srli: X[rd] = X[rs1] >> shamt */
        _r = (uint32_t)((int64_t)x[d->rs1] >> d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SRAI:
        /* a branch over one srai (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* srai: X[rd] = s32(X[rs1]) >> shamt */
        _r = (uint32_t)(((int64_t)(int32_t)x[d->rs1]) >> d->imm);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_ADD:
        /* a branch over one add (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* add: X[rd] = X[rs1] + X[rs2] */
        _r = (uint32_t)((int64_t)x[d->rs1] + (int64_t)x[d->rs2]);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SUB:
        /* a branch over one sub (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* sub: X[rd] = X[rs1] - X[rs2] */
        _r = (uint32_t)((int64_t)x[d->rs1] - (int64_t)x[d->rs2]);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SLL:
        /* a branch over one sll (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* sll: X[rd] = X[rs1] << (X[rs2] & 31) */
        _r = (uint32_t)((int64_t)x[d->rs1] << ((int64_t)x[d->rs2] & 31));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SLT:
        /* a branch over one slt (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* slt: X[rd] = 1 if s32(X[rs1]) < s32(X[rs2]) else 0 */
        _r = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) < ((int64_t)(int32_t)x[d->rs2])) ? 1 : 0);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SLTU:
        /* a branch over one sltu (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* sltu: X[rd] = 1 if X[rs1] < X[rs2] else 0 */
        _r = (uint32_t)((x[d->rs1] < x[d->rs2]) ? 1 : 0);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_XOR:
        /* a branch over one xor (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* xor: X[rd] = X[rs1] ^ X[rs2] */
        _r = (uint32_t)((int64_t)x[d->rs1] ^ (int64_t)x[d->rs2]);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SRL:
        /* a branch over one srl (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* srl: X[rd] = X[rs1] >> (X[rs2] & 31) */
        _r = (uint32_t)((int64_t)x[d->rs1] >> ((int64_t)x[d->rs2] & 31));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_SRA:
        /* a branch over one sra (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* sra: X[rd] = s32(X[rs1]) >> (X[rs2] & 31) */
        _r = (uint32_t)(((int64_t)(int32_t)x[d->rs1]) >> ((int64_t)x[d->rs2] & 31));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_OR:
        /* a branch over one or (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* or: X[rd] = X[rs1] | X[rs2] */
        _r = (uint32_t)((int64_t)x[d->rs1] | (int64_t)x[d->rs2]);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_AND:
        /* a branch over one and (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* and: X[rd] = X[rs1] & X[rs2] */
        _r = (uint32_t)((int64_t)x[d->rs1] & (int64_t)x[d->rs2]);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_MUL:
        /* a branch over one mul (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* mul: X[rd] = X[rs1] * X[rs2] */
        _r = (uint32_t)((uint64_t)x[d->rs1] * (uint64_t)x[d->rs2]);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_MULH:
        /* a branch over one mulh (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* mulh: X[rd] = (s32(X[rs1]) * s32(X[rs2])) >> 32 */
        _r = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) * ((int64_t)(int32_t)x[d->rs2])) >> 32);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_MULHSU:
        /* a branch over one mulhsu (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* mulhsu: X[rd] = (s32(X[rs1]) * s64(X[rs2])) >> 32 */
        _r = (uint32_t)((((int64_t)(int32_t)x[d->rs1]) * ((int64_t)x[d->rs2])) >> 32);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_MULHU:
        /* a branch over one mulhu (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* mulhu: X[rd] = (u64(X[rs1]) * X[rs2]) >> 32 */
        _r = (uint32_t)((((uint64_t)x[d->rs1]) * (uint64_t)x[d->rs2]) >> 32);
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_DIV:
        /* a branch over one div (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* div: X[rd] = 0xFFFFFFFF if X[rs2] == 0 else tdiv(s32(X[rs1]), s32(X[rs2])) */
        _r = (uint32_t)((x[d->rs2] == 0) ? ((int64_t)0xffffffffLL) : (((int64_t)(int32_t)x[d->rs1]) / ((int64_t)(int32_t)x[d->rs2])));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_DIVU:
        /* a branch over one divu (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* divu: X[rd] = 0xFFFFFFFF if X[rs2] == 0 else X[rs1] // X[rs2] */
        _r = (uint32_t)((x[d->rs2] == 0) ? ((int64_t)0xffffffffLL) : ((int64_t)x[d->rs1] / (int64_t)x[d->rs2]));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_REM:
        /* a branch over one rem (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* rem: X[rd] = X[rs1] if X[rs2] == 0 else trem(s32(X[rs1]), s32(X[rs2])) */
        _r = (uint32_t)((x[d->rs2] == 0) ? (int64_t)x[d->rs1] : (((int64_t)(int32_t)x[d->rs1]) % ((int64_t)(int32_t)x[d->rs2])));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    L_OVER_REMU:
        /* a branch over one remu (the branch's opcode is in rd) */
        _a = x[d->rs1];
        _b = x[d->rs2];
        _skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;
        _r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */
        if (VM_UNLIKELY((int32_t)_r > left))
            ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */
        left -= (int32_t)_r;
        d++;
        /* remu: X[rd] = X[rs1] if X[rs2] == 0 else X[rs1] % X[rs2] */
        _r = (uint32_t)((x[d->rs2] == 0) ? (int64_t)x[d->rs1] : ((int64_t)x[d->rs1] % (int64_t)x[d->rs2]));
        _skip = 0u - _skip;                     /* all ones when taken: keep rd */
        x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */
        d++;
        DISPATCH();

    overshoot:                          /* ENTER took more than the window had left */
        left += (int32_t)d->run;
    slow:                               /* d starts a run that is not decoded or does not fit */
        _r = d->run;
        if (_r - 1 < (uint32_t)left) {
            left -= (int32_t)_r;
            DISPATCH();
        }
        if (left == 0) {                /* end of a window: the budget, then the pause flag */
            total += window;
            window = 0;
            if (total >= n) {
                st = ST_DONE;
                h->pc = PC;
                goto out;
            }
            if (*pause) {
                st = ST_PAUSED;
                h->pc = PC;
                goto out;
            }
            window = (int32_t)(n - total < VM_POLL ? n - total : VM_POLL);
            left = window;
            goto slow;
        }
        if (_r == 0) {                  /* not decoded (an entry has run 0 exactly when it is OP_DECODE) */
            decode_run(ctx, PC);
            goto slow;
        }
        stop = d + left;                /* inside this run, which is decoded to its end */
        saved = stop->op;
        stop->op = OP_STOP;
        split = stop - 1;               /* a superinstruction there would run past the stop */
        split_op = split->op;
        split->op = vm_first_op[split_op];
        left = 0;
        DISPATCH();

    L_STOP:                             /* the window ends before this entry */
        stop->op = saved;
        split->op = split_op;
        stop = NULL;
        goto slow;

    L_DECODE:                           /* a run starts here (ENTER took its run, 0): decode it.
                                           Never inside a run: a decoded entry that does not end
                                           its run is followed by a decoded one (core.pyx) */
        goto slow;

    L_CAREFUL:
        EXIT(ST_CAREFUL);

    L_BREAK:
        EXIT(ST_BREAK);

    leave_before:                       /* the instruction at d did not run: give back the rest */
        left += (int32_t)d->run;
        if (stop) {
            left -= (int32_t)stop->run;
            stop->op = saved;
            split->op = split_op;
        }
        h->pc = PC;
        goto out;

    leave_after:                        /* a jump retired; the next fetch needs Python */
        st = (left == 0 && total + window >= n) ? ST_DONE : ST_CAREFUL;

    out:
        *done = total + window - left;
        return st;
    #undef PC
    #undef ENTRY
    #undef DISPATCH
    #undef NEXT
    #undef ENTER
    #undef EXIT
    #undef LEAVE_TO
    }
    """
    enum:
        OP_DECODE
        OP_CAREFUL
        OP_BREAK
        OP_STOP
    void decode_word(uint32_t pc, uint32_t word, Decoded* d, uint32_t base,
                     uint32_t size) noexcept nogil
    bint ends_run(int op) noexcept nogil
    int vm_fuse(int a, int b) noexcept nogil
    const uint8_t* vm_first_op
    const uint8_t* vm_taken
    int vm_over(int op) noexcept nogil
    bint vm_is_over(int op) noexcept nogil
    int vm_exec(Hart* h, Py_ssize_t n, const volatile int* pause, vm_decode_fn decode_run,
                void* ctx, Py_ssize_t* done) noexcept nogil
