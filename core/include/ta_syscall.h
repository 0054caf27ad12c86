/* The syscall handlers of user TAs, by concern (core/ta/ta_syscall*.c). */
#ifndef TA_SYSCALL_H
#define TA_SYSCALL_H
#include <stdbool.h>
#include <stdint.h>
#include <ta_instance.h>

/* true when the TA may access [va, va + len) with attr (TA_MMU_R/W). */
bool ta_user_ok(const struct ta_call *call, uint32_t va, uint32_t len, uint32_t attr);
/* The TA's UUID as text. */
const char *ta_call_name(const struct ta_call *call, char buf[37]);
/* The secure counter and its frequency. */
uint64_t ta_read_cntpct(void);
uint32_t ta_read_cntfrq(void);

/* ta_syscall_time.c */
uint32_t ta_sys_get_time(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_wait(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_get_cancel_flag(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_mask_cancel(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_unmask_cancel(struct ta_call *call, const uint32_t a[6]);
/* A call that still runs in user mode this long after its CANCEL is ended
 * (checked whenever a foreign interrupt returns to it). */
#define TA_CANCEL_GRACE_MS 500
void ta_cancel_check(struct ta_call *call);

/* ta_syscall_session.c */
uint32_t ta_sys_open_ta_session(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_invoke_ta_command(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_close_ta_session(struct ta_call *call, const uint32_t a[6]);

/* ta_syscall_storage.c */
uint32_t ta_sys_storage_open(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_create(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_close(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_read(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_write(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_truncate(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_seek(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_rename(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_delete(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_info(struct ta_call *call, const uint32_t a[6]);
uint32_t ta_sys_storage_enum(struct ta_call *call, const uint32_t a[6]);
/* Closes the instance's object handles (when it ends). */
void ta_storage_close_all(struct ta_instance *inst);

/* ta_syscall_prop.c */
uint32_t ta_sys_get_property(struct ta_call *call, const uint32_t a[6]);
#endif
