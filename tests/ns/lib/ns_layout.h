/* Layouts shared by the payload runtime's assembly and C.
 * The C structures in ns.h are checked against these offsets with
 * _Static_assert (lib/layout.c); the .S files use only these names. */
#ifndef NS_LAYOUT_H
#define NS_LAYOUT_H

/* Processor modes and CPSR bits. */
#define NS_MODE_USR   0x10
#define NS_MODE_FIQ   0x11
#define NS_MODE_IRQ   0x12
#define NS_MODE_SVC   0x13
#define NS_MODE_ABT   0x17
#define NS_MODE_UND   0x1b
#define NS_MODE_SYS   0x1f
#define NS_MODE_MASK  0x1f
#define NS_CPSR_T     (1 << 5)
#define NS_CPSR_F     (1 << 6)
#define NS_CPSR_I     (1 << 7)

/* struct smc_regs: r0..r7 */
#define SMC_REGS_SIZE        32

/* struct ns_bank: every register an SMC must hand back unchanged. */
#define BANK_R4              0x00   /* r4..r12, 9 words */
#define BANK_USR_SP          0x24
#define BANK_USR_LR          0x28
#define BANK_SVC_SP          0x2c
#define BANK_SVC_LR          0x30
#define BANK_SVC_SPSR        0x34
#define BANK_ABT_SP          0x38
#define BANK_ABT_LR          0x3c
#define BANK_ABT_SPSR        0x40
#define BANK_UND_SP          0x44
#define BANK_UND_LR          0x48
#define BANK_UND_SPSR        0x4c
#define BANK_IRQ_SP          0x50
#define BANK_IRQ_LR          0x54
#define BANK_IRQ_SPSR        0x58
#define BANK_FIQ_SP          0x5c
#define BANK_FIQ_LR          0x60
#define BANK_FIQ_SPSR        0x64
#define BANK_FIQ_R8          0x68   /* FIQ r8..r12, 5 words */
#define BANK_CPSR            0x7c   /* set: NZCVQ/GE flags to apply; got: CPSR after the smc */
#define BANK_SIZE            0x80
#define BANK_WORDS           (BANK_SIZE / 4)

/* struct ns_regs_probe */
#define PROBE_ARGS           0x00   /* r0..r3 handed to the smc */
#define PROBE_RES            0x10   /* r0..r3 as the smc returned them */
#define PROBE_SET            0x20   /* struct ns_bank: values loaded before the smc */
#define PROBE_GOT            (PROBE_SET + BANK_SIZE) /* struct ns_bank: values read after it */
#define PROBE_CPSR_BEFORE    (PROBE_GOT + BANK_SIZE) /* CPSR right before the smc */
#define PROBE_SAVED_SP       (PROBE_CPSR_BEFORE + 4) /* the payload's own SVC sp */
#define PROBE_SAVED_TPIDRURW (PROBE_SAVED_SP + 4)
#define PROBE_SAVED_TPIDRPRW (PROBE_SAVED_TPIDRURW + 4)
#define PROBE_SIZE           (PROBE_SAVED_TPIDRPRW + 4)

/* struct ns_exc_frame, built on the exception stack by lib/vectors.S */
#define FRAME_SPSR           0x00
#define FRAME_PAD            0x04
#define FRAME_R0             0x08   /* r0..r12, 13 words */
#define FRAME_PC             0x3c   /* where the exception returns to */
#define FRAME_SIZE           0x40

/* struct ns_entry_state, filled by crt0 before anything else runs */
#define ENTRY_R0             0x00
#define ENTRY_R1             0x04
#define ENTRY_R2             0x08
#define ENTRY_CPSR           0x0c
#define ENTRY_SCTLR          0x10
#define ENTRY_SIZE           0x14

/* struct ns_fault: see ns_expect_fault() */
#define FAULT_RESUME_PC      0x00

/* Exception types passed to ns_exception() */
#define NS_EXC_RESET         0
#define NS_EXC_UNDEF         1
#define NS_EXC_SVC           2
#define NS_EXC_PABT          3
#define NS_EXC_DABT          4
#define NS_EXC_HYP           5
#define NS_EXC_IRQ           6
#define NS_EXC_FIQ           7

/* Semihosting (ARM state): svc 0x123456 with r0 = operation, r1 = argument */
#define SEMIHOST_SYS_EXIT            0x18
#define SEMIHOST_EXIT_OK             0x20026  /* ADP_Stopped_ApplicationExit: QEMU exits 0 */
#define SEMIHOST_EXIT_ERROR          0x20024  /* ADP_Stopped_InternalError: QEMU exits 1 */

/* r0 value an smc "returns" when the instruction was UNDEFINED (no monitor). */
#define NS_SMC_UNDEFINED     0xdeadc0de

#endif
