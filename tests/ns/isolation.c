/* Payload "iso": the normal world cannot reach secure memory or devices. Each
 * access must raise a synchronous external abort that the payload handles. */
#include "ns.h"

const char ns_payload_name[] = "iso";

#define FS_SYNC_EXTERNAL 0x8u
#define FSR_WNR (1u << 11)

static uint32_t fsr_fs(uint32_t fsr)
{
	return (fsr & 0xfu) | ((fsr >> 6) & 0x10u);
}

static const struct {
	uint32_t addr;
	const char *name;
	const char *what;
} targets[] = {
	{ 0x0e000000u, "secure_ram_0e000000", "secure RAM base 0x0e000000" },
	{ 0x0e800000u, "secure_ram_0e800000", "secure RAM middle 0x0e800000" },
	{ 0x09040000u, "secure_uart", "secure UART 0x09040000" },
	{ 0x00000000u, "secure_flash", "secure flash 0x00000000" },
};

static void access_case(unsigned i, bool write)
{
	char id[64], what[128];
	uint32_t addr = targets[i].addr;
	uint32_t value = 0x5eed0000u | i;

	ns_snprintf(id, sizeof(id), "ns.iso.%s_%s", write ? "write" : "read", targets[i].name);
	ns_snprintf(what, sizeof(what), "NS %s of %s raises a synchronous external data abort",
		    write ? "write" : "read", targets[i].what);

	ns_expect_fault();
	if (write)
		__asm__ volatile("str %0, [%1]" : : "r"(value), "r"(addr) : "memory");
	else
		__asm__ volatile("ldr %0, [%1]" : "+r"(value) : "r"(addr) : "memory");
	if (!ns_fault_taken()) {
		if (write)
			ns_fail(id, what, "no abort: the write went through");
		else
			ns_fail(id, what, "no abort: read 0x%08x", value);
		return;
	}
	const struct ns_fault *f = &ns_fault;
	uint32_t fs = fsr_fs(f->fsr);
	bool wnr = (f->fsr & FSR_WNR) != 0;
	if (f->type != NS_EXC_DABT)
		ns_fail(id, what, "exception type %u, expected data abort (%u)", f->type, NS_EXC_DABT);
	else if (fs != FS_SYNC_EXTERNAL)
		ns_fail(id, what, "DFSR 0x%08x: FS 0x%x, expected 0x8", f->fsr, fs);
	else if (f->far != addr)
		ns_fail(id, what, "DFAR 0x%08x, expected 0x%08x", f->far, addr);
	else if (wnr != write)
		ns_fail(id, what, "DFSR 0x%08x: WnR %u, expected %u", f->fsr, wnr, write);
	else
		ns_pass(id, what);
}

static void exec_case(void)
{
	const char *id = "ns.iso.exec_secure_ram";
	const char *what = "NS instruction fetch from secure RAM 0x0e000000 raises a synchronous external prefetch abort";
	uint32_t addr = 0x0e000000u;

	ns_expect_fault();
	ns_exec_at(addr);
	if (!ns_fault_taken()) {
		ns_fail(id, what, "no abort: execution at 0x%08x returned", addr);
		return;
	}
	const struct ns_fault *f = &ns_fault;
	uint32_t fs = fsr_fs(f->fsr);
	if (f->type != NS_EXC_PABT)
		ns_fail(id, what, "exception type %u at pc 0x%08x, expected prefetch abort (%u)", f->type, f->pc,
			NS_EXC_PABT);
	else if (fs != FS_SYNC_EXTERNAL)
		ns_fail(id, what, "IFSR 0x%08x: FS 0x%x, expected 0x8", f->fsr, fs);
	else if (f->far != addr)
		ns_fail(id, what, "IFAR 0x%08x, expected 0x%08x", f->far, addr);
	else
		ns_pass(id, what);
}

/* The device secret (HUK) sits in the firmware's rodata in secure flash, at
 * an address that moves with the build: every 1 KiB of the first 256 KiB
 * (the whole image, at about 120 KiB today) must abort. */
static void flash_image_case(void)
{
	const char *id = "ns.iso.read_flash_image";
	const char *what = "NS reads of every 1 KiB of secure flash 0..256 KiB (the image, device key included) abort";

	for (uint32_t addr = 0; addr < 0x40000u; addr += 0x400u) {
		uint32_t value = 0;

		ns_expect_fault();
		__asm__ volatile("ldr %0, [%1]" : "+r"(value) : "r"(addr) : "memory");
		if (!ns_fault_taken()) {
			ns_fail(id, what, "no abort at 0x%08x: read 0x%08x", addr, value);
			return;
		}
		if (ns_fault.type != NS_EXC_DABT || fsr_fs(ns_fault.fsr) != FS_SYNC_EXTERNAL ||
		    ns_fault.far != addr) {
			ns_fail(id, what, "at 0x%08x: exception %u, FSR 0x%08x, FAR 0x%08x", addr,
				ns_fault.type, ns_fault.fsr, ns_fault.far);
			return;
		}
	}
	ns_pass(id, what);
}

void ns_payload_run(void)
{
	for (unsigned i = 0; i < NS_ARRAY_SIZE(targets); i++) {
		access_case(i, false);
		access_case(i, true);
	}
	exec_case();
	flash_image_case();
}
