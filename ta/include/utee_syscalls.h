/* The syscall stubs (ta/lib/syscalls_a32.S): include/mintee_ta_abi.h says
 * what each does. */
#ifndef UTEE_SYSCALLS_H
#define UTEE_SYSCALLS_H
#include <stddef.h>
#include <stdint.h>
#include <mintee_ta_abi.h>

void _utee_return(uint32_t res, uint32_t session_ctx) __attribute__((noreturn));
uint32_t _utee_log(const void *buf, size_t len);
void _utee_panic(uint32_t code) __attribute__((noreturn));
uint32_t _utee_get_random(void *buf, size_t len);
uint32_t _utee_get_time(uint32_t which, struct mta_time *t);
uint32_t _utee_check_access(uint32_t flags, const void *buf, size_t len);
uint32_t _utee_wait(uint32_t ms);
uint32_t _utee_get_cancel_flag(void);
uint32_t _utee_mask_cancel(void);
uint32_t _utee_unmask_cancel(void);
uint32_t _utee_get_property(uint32_t set, const char *name, size_t name_len, void *buf,
			    uint32_t *len, uint32_t *type);
uint32_t _utee_open_ta_session(const void *uuid, struct mta_params *params, uint32_t *origin,
				uint32_t *session);
uint32_t _utee_invoke_ta_command(uint32_t session, uint32_t cmd, struct mta_params *params,
				 uint32_t *origin);
uint32_t _utee_close_ta_session(uint32_t session);
uint32_t _utee_storage_open(uint32_t storage, const void *id, size_t id_len, uint32_t flags,
			    uint32_t *h);
uint32_t _utee_storage_create(uint32_t storage, const void *id, size_t id_len, uint32_t flags,
			      const struct mta_data *initial, uint32_t *h);
uint32_t _utee_storage_close(uint32_t h);
uint32_t _utee_storage_read(uint32_t h, void *buf, size_t len, uint32_t *count);
uint32_t _utee_storage_write(uint32_t h, const void *buf, size_t len);
uint32_t _utee_storage_truncate(uint32_t h, uint32_t size);
uint32_t _utee_storage_seek(uint32_t h, int32_t offset, uint32_t whence);
uint32_t _utee_storage_rename(uint32_t h, const void *id, size_t id_len);
uint32_t _utee_storage_delete(uint32_t h);
uint32_t _utee_storage_info(uint32_t h, struct mta_obj_info *info);
uint32_t _utee_storage_enum(uint32_t storage, uint32_t *pos, void *id, uint32_t *id_len,
			    struct mta_obj_info *info);
/* Any number, for tests of the syscall table's default. */
uint32_t _utee_syscall(uint32_t nr, uint32_t a0, uint32_t a1);
#endif
