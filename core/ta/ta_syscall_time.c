/*
 * Time, waiting and cancellation syscalls of user TAs (ta-abi.md E.6, F).
 *
 * Cancellation: a CANCEL message flags the session's call in progress
 * (core/session.c); the flag is cleared when the entry point returns. The
 * TA sees it only with cancellation unmasked (every entry starts masked).
 * TEE_Wait sleeps in the normal world (RPC SUSPEND) in slices of at most
 * WAIT_SLICE_MS and looks at the flag between slices. A call that is still
 * running in user mode TA_CANCEL_GRACE_MS after its CANCEL was first seen,
 * masked or not, is ended as a dead TA: a TA in an endless loop cannot hold
 * its thread and its client for ever.
 */
#include <string.h>
#include <console.h>
#include <mintee_ta_abi.h>
#include <optee_msg.h>
#include <rpc.h>
#include <ta_syscall.h>

#define WAIT_SLICE_MS 100u

uint32_t ta_sys_get_time(struct ta_call *call, const uint32_t a[6])
{
	struct mta_time t;
	uint32_t res = TEE_SUCCESS, ns;

	if (a[0] == MTA_TIME_SYSTEM) {
		uint64_t c = ta_read_cntpct(), f = ta_read_cntfrq();

		if (!f)
			return TEE_ERROR_NOT_SUPPORTED;
		t.seconds = (uint32_t)(c / f);
		t.millis = (uint32_t)((c % f) * 1000 / f);
	} else if (a[0] == MTA_TIME_REE) {
		res = rpc_get_time(&t.seconds, &ns);
		t.millis = ns / 1000000;
		ta_mmu_activate(&call->inst->as);	/* the RPC may have moved us */
	} else {
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (res)
		return res;
	if (!ta_user_ok(call, a[1], sizeof(t), TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy((void *)a[1], &t, sizeof(t));
	return TEE_SUCCESS;
}

static bool cancelled(const struct ta_call *call)
{
	return call->sess && call->sess->cancel && !call->cancel_masked;
}

uint32_t ta_sys_wait(struct ta_call *call, const uint32_t a[6])
{
	uint64_t f = ta_read_cntfrq(), start = ta_read_cntpct();
	uint32_t ms = a[0], done, res;

	for (;;) {
		if (cancelled(call))
			return TEE_ERROR_CANCEL;
		done = f ? (uint32_t)((ta_read_cntpct() - start) * 1000 / f) : ms;
		if (done >= ms)
			return TEE_SUCCESS;
		res = rpc_suspend(ms - done < WAIT_SLICE_MS ? ms - done : WAIT_SLICE_MS);
		if (res && res != TEE_ERROR_CANCEL)
			return res;
	}
}

uint32_t ta_sys_get_cancel_flag(struct ta_call *call, const uint32_t a[6])
{
	(void)a;
	return cancelled(call);
}

uint32_t ta_sys_mask_cancel(struct ta_call *call, const uint32_t a[6])
{
	bool was = call->cancel_masked;

	(void)a;
	call->cancel_masked = true;
	return was;
}

uint32_t ta_sys_unmask_cancel(struct ta_call *call, const uint32_t a[6])
{
	bool was = call->cancel_masked;

	(void)a;
	call->cancel_masked = false;
	return was;
}

void ta_cancel_check(struct ta_call *call)
{
	uint64_t now = ta_read_cntpct() | 1, grace = (uint64_t)ta_read_cntfrq() * TA_CANCEL_GRACE_MS / 1000;
	char name[37];

	if (!call || !call->sess || !call->sess->cancel)
		return;
	if (!call->cancel_seen) {
		call->cancel_seen = now;
		return;
	}
	if (now - call->cancel_seen < grace)
		return;
	log_msg("ta %s: still running %u ms after its call was cancelled: killed", ta_call_name(call, name),
		TA_CANCEL_GRACE_MS);
	ta_kill_current();
}
