/*
 * Syscalls of user TAs (include/mintee_ta_abi.h) and the end of a TA that
 * faults. Every pointer a TA passes is checked against its own mappings
 * (ta_mmu_check_access) before the core touches it; the core then accesses
 * it through the TA's mapping, which is this CPU's window while the syscall
 * runs (re-activated after anything that may have moved the thread: RPCs).
 */
#include <string.h>
#include <arm.h>
#include <console.h>
#include <drbg.h>
#include <mintee_ta_abi.h>
#include <optee_msg.h>
#include <ta_runtime.h>
#include <ta_syscall.h>

#define TA_SYSCALL_SLOTS 64
#define TA_LOG_MAX 256

typedef uint32_t (*ta_syscall_t)(struct ta_call *call, const uint32_t a[6]);

const char *ta_call_name(const struct ta_call *call, char buf[37])
{
	ta_uuid_str(call->inst->uuid, buf);
	return buf;
}

bool ta_user_ok(const struct ta_call *call, uint32_t va, uint32_t len, uint32_t attr)
{
	return ta_mmu_check_access(&call->inst->as, va, len, attr);
}

uint64_t ta_read_cntpct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb; mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

uint32_t ta_read_cntfrq(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

static uint32_t sys_unknown(struct ta_call *call, const uint32_t a[6])
{
	(void)call;
	(void)a;
	return TEE_ERROR_NOT_SUPPORTED;	/* not reached: caught in ta_svc */
}

static uint32_t sys_return(struct ta_call *call, const uint32_t a[6])
{
	call->ret = a[0];
	call->ret_ctx = a[1];
	call->returned = true;
	thread_user_exit(0);
}

static uint32_t sys_log(struct ta_call *call, const uint32_t a[6])
{
	char line[TA_LOG_MAX + 1], name[37];
	uint32_t len = a[1] < TA_LOG_MAX ? a[1] : TA_LOG_MAX;

	if (!ta_user_ok(call, a[0], len, TA_MMU_R))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy(line, (const void *)a[0], len);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	for (uint32_t i = 0; i < len; i++)	/* one line, no terminal escapes */
		if ((uint8_t)line[i] < 0x20 || (uint8_t)line[i] > 0x7e)
			line[i] = '.';
	line[len] = 0;
	log_msg("TA %s: %s", ta_call_name(call, name), line);
	return TEE_SUCCESS;
}

static uint32_t sys_panic(struct ta_call *call, const uint32_t a[6])
{
	char name[37];

	log_msg("ta %s: TEE_Panic(0x%x): killed", ta_call_name(call, name), (unsigned)a[0]);
	ta_kill_current();
}

static uint32_t sys_get_random(struct ta_call *call, const uint32_t a[6])
{
	if (!ta_user_ok(call, a[0], a[1], TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	drbg_generate((void *)a[0], a[1]);
	return TEE_SUCCESS;
}

static uint32_t sys_check_access(struct ta_call *call, const uint32_t a[6])
{
	uint32_t f = a[0], attr = 0;

	if (f & ~(MTA_ACCESS_READ | MTA_ACCESS_WRITE | MTA_ACCESS_ANY_OWNER))
		return TEE_ERROR_BAD_PARAMETERS;
	if (f & MTA_ACCESS_READ)
		attr |= TA_MMU_R;
	if (f & MTA_ACCESS_WRITE)
		attr |= TA_MMU_W;
	if (!ta_user_ok(call, a[1], a[2], attr))
		return TEE_ERROR_ACCESS_DENIED;
	/* Without ANY_OWNER the memory must be the TA's own, not a client's
	 * buffer (GP): the parameter window is the clients'. */
	if (!(f & MTA_ACCESS_ANY_OWNER) && a[2] && a[1] < TA_USER_PARAM_VA + TA_USER_PARAM_SIZE &&
	    a[1] + a[2] > TA_USER_PARAM_VA)
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

static const ta_syscall_t syscalls[TA_SYSCALL_SLOTS] = {
	[0 ... TA_SYSCALL_SLOTS - 1] = sys_unknown,
	[MTA_SYS_RETURN] = sys_return,
	[MTA_SYS_LOG] = sys_log,
	[MTA_SYS_PANIC] = sys_panic,
	[MTA_SYS_GET_RANDOM] = sys_get_random,
	[MTA_SYS_GET_TIME] = ta_sys_get_time,
	[MTA_SYS_CHECK_ACCESS] = sys_check_access,
	[MTA_SYS_WAIT] = ta_sys_wait,
	[MTA_SYS_GET_CANCEL_FLAG] = ta_sys_get_cancel_flag,
	[MTA_SYS_MASK_CANCEL] = ta_sys_mask_cancel,
	[MTA_SYS_UNMASK_CANCEL] = ta_sys_unmask_cancel,
	[MTA_SYS_GET_PROPERTY] = ta_sys_get_property,
	[MTA_SYS_OPEN_TA_SESSION] = ta_sys_open_ta_session,
	[MTA_SYS_INVOKE_TA_COMMAND] = ta_sys_invoke_ta_command,
	[MTA_SYS_CLOSE_TA_SESSION] = ta_sys_close_ta_session,
	[MTA_SYS_STORAGE_OPEN] = ta_sys_storage_open,
	[MTA_SYS_STORAGE_CREATE] = ta_sys_storage_create,
	[MTA_SYS_STORAGE_CLOSE] = ta_sys_storage_close,
	[MTA_SYS_STORAGE_READ] = ta_sys_storage_read,
	[MTA_SYS_STORAGE_WRITE] = ta_sys_storage_write,
	[MTA_SYS_STORAGE_TRUNCATE] = ta_sys_storage_truncate,
	[MTA_SYS_STORAGE_SEEK] = ta_sys_storage_seek,
	[MTA_SYS_STORAGE_RENAME] = ta_sys_storage_rename,
	[MTA_SYS_STORAGE_DELETE] = ta_sys_storage_delete,
	[MTA_SYS_STORAGE_INFO] = ta_sys_storage_info,
	[MTA_SYS_STORAGE_ENUM] = ta_sys_storage_enum,
};
_Static_assert(MTA_SYS_COUNT <= TA_SYSCALL_SLOTS, "syscall table");

/* DFSR/IFSR status (short descriptors): FS[4] = bit 10, FS[3:0] = bits 3:0. */
static const char *fault_status(uint32_t fsr)
{
	switch (((fsr >> 6) & 0x10) | (fsr & 0xf)) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: case 0x06: return "access flag fault";
	case 0x05: return "translation fault (section)";
	case 0x07: return "translation fault (page)";
	case 0x09: case 0x0b: return "domain fault";
	case 0x0d: return "permission fault (section)";
	case 0x0f: return "permission fault (page)";
	case 0x08: return "synchronous external abort";
	default: return "other fault";
	}
}

/* "ELF offset 0x..." for addr2line -e <ta>.elf (the ELF is linked at 0), or
 * "outside the TA". */
static const char *elf_off(const struct ta_call *call, uint32_t va, char buf[32])
{
	const struct ta_image *img = &call->inst->img;

	if (va - img->load_va < img->span)
		mt_snprintf(buf, 32, "ELF offset 0x%x", (unsigned)(va - img->load_va));
	else
		mt_snprintf(buf, 32, "outside the TA");
	return buf;
}

static void ta_fault(struct thread_user_regs *regs, unsigned int kind, uint32_t fsr, uint32_t far)
{
	struct ta_call *call = ta_call_current();
	char name[37], o1[32], o2[32];

	ta_call_name(call, name);
	if (kind == THREAD_USER_FAULT_UNDEF)
		log_msg("ta %s: undefined instruction at pc 0x%x (%s): killed", name,
			(unsigned)regs->pc, elf_off(call, regs->pc, o1));
	else
		log_msg("ta %s: %s abort at pc 0x%x (%s), address 0x%x, %s%s: killed",
			name, kind == THREAD_USER_FAULT_PABT ? "prefetch" : "data", (unsigned)regs->pc,
			elf_off(call, regs->pc, o1), (unsigned)far, fault_status(fsr),
			kind == THREAD_USER_FAULT_DABT && (fsr & (1u << 11)) ? ", write" : "");
	log_msg("ta %s: sp 0x%x lr 0x%x (%s) cpsr 0x%x", name, (unsigned)regs->usr_sp,
		(unsigned)regs->usr_lr, elf_off(call, regs->usr_lr, o2), (unsigned)regs->cpsr);
	ta_kill_current();
}

static void ta_svc(struct thread_user_regs *regs)
{
	struct ta_call *call = ta_call_current();
	uint32_t n = regs->r[7];
	char name[37];

	if (n >= MTA_SYS_COUNT || syscalls[n] == sys_unknown) {
		char o[32];

		log_msg("ta %s: unknown syscall %u at pc 0x%x (%s): killed", ta_call_name(call, name),
			(unsigned)n, (unsigned)(regs->pc - 4), elf_off(call, regs->pc - 4, o));
		ta_kill_current();
	}
	regs->r[0] = syscalls[n](call, regs->r);
}

/* A foreign interrupt is about to return to the TA. */
static void ta_resume(void)
{
	ta_cancel_check(ta_call_current());
}

void ta_runtime_init(void)
{
	thread_user_set_handlers(ta_svc, ta_fault, ta_resume);
}
