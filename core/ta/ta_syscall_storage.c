/*
 * Persistent-object syscalls (include/mintee_ta_abi.h, MTA_SYS_STORAGE_*):
 * the TA's side of core/storage/. The storage is always the calling
 * instance's own (its UUID); handles are small numbers of the instance,
 * closed when it ends. Inputs are copied into secure memory before the
 * storage runs (it suspends in RPCs, and may resume on another CPU), and
 * outputs written after the TA's mapping is active again.
 */
#include <stdlib.h>
#include <string.h>
#include <console.h>
#include <mintee_ta_abi.h>
#include <storage.h>
#include <ta_mmu.h>
#include <ta_syscall.h>

/* The handle h of the calling instance, or NULL. */
static struct storage_handle *obj_of(struct ta_call *call, uint32_t h)
{
	if (h < 1 || h > MTA_MAX_OBJECTS || !call->inst->objs[h - 1]) {
		log_reject("ta: storage handle %u unknown", (unsigned)h);
		return NULL;
	}
	return call->inst->objs[h - 1];
}

static int free_slot(struct ta_call *call)
{
	for (int i = 0; i < MTA_MAX_OBJECTS; i++)
		if (!call->inst->objs[i])
			return i;
	return -1;
}

/* Copies the object id in: 0..64 bytes from the TA. */
static uint32_t id_in(struct ta_call *call, uint32_t va, uint32_t len,
		      uint8_t id[TEE_OBJECT_ID_MAX_LEN])
{
	if (len > TEE_OBJECT_ID_MAX_LEN)
		return TEE_ERROR_BAD_PARAMETERS;
	if (len && !ta_user_ok(call, va, len, TA_MMU_R))
		return TEE_ERROR_ACCESS_DENIED;
	memcpy(id, (const void *)va, len);
	return TEE_SUCCESS;
}

/* Stores a new handle in a free slot and writes its number to out (0: none
 * wanted: the handle is closed). */
static uint32_t handle_out(struct ta_call *call, int slot, struct storage_handle *h, uint32_t out)
{
	ta_mmu_activate(&call->inst->as);
	if (!out) {
		storage_close(h);
		return TEE_SUCCESS;
	}
	if (!ta_user_ok(call, out, sizeof(uint32_t), TA_MMU_W)) {
		storage_close(h);
		return TEE_ERROR_ACCESS_DENIED;
	}
	call->inst->objs[slot] = h;
	*(uint32_t *)out = (uint32_t)slot + 1;
	return TEE_SUCCESS;
}

uint32_t ta_sys_storage_open(struct ta_call *call, const uint32_t a[6])
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	struct storage_handle *h;
	int slot = free_slot(call);
	uint32_t res = id_in(call, a[1], a[2], id);

	if (!res && slot < 0)
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (!res && !ta_user_ok(call, a[4], sizeof(uint32_t), TA_MMU_W))
		res = TEE_ERROR_ACCESS_DENIED;
	if (!res)
		res = storage_open(call->inst->uuid, a[0], id, a[2], a[3], &h);
	if (!res)
		res = handle_out(call, slot, h, a[4]);
	ta_mmu_activate(&call->inst->as);
	return res;
}

uint32_t ta_sys_storage_create(struct ta_call *call, const uint32_t a[6])
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN], *data = NULL;
	struct storage_handle *h;
	struct mta_data init;
	int slot = free_slot(call);
	uint32_t res = id_in(call, a[1], a[2], id);

	if (!res && (slot < 0 && a[5]))
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (!res && (!ta_user_ok(call, a[4], sizeof(init), TA_MMU_R) ||
		     (a[5] && !ta_user_ok(call, a[5], sizeof(uint32_t), TA_MMU_W))))
		res = TEE_ERROR_ACCESS_DENIED;
	if (!res) {
		memcpy(&init, (const void *)a[4], sizeof(init));
		if (init.len > STORAGE_MAX_DATA)
			res = TEE_ERROR_STORAGE_NO_SPACE;
		else if (init.len && !ta_user_ok(call, (uint32_t)init.buf, init.len, TA_MMU_R))
			res = TEE_ERROR_ACCESS_DENIED;
	}
	if (!res && init.len && !(data = malloc(init.len)))
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (!res) {
		if (init.len)
			memcpy(data, init.buf, init.len);
		res = storage_create(call->inst->uuid, a[0], id, a[2], a[3], data, init.len, &h);
	}
	free(data);
	if (!res)
		res = handle_out(call, slot, h, a[5]);
	ta_mmu_activate(&call->inst->as);
	return res;
}

uint32_t ta_sys_storage_close(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	storage_close(h);
	call->inst->objs[a[0] - 1] = NULL;
	return TEE_SUCCESS;
}

uint32_t ta_sys_storage_read(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);
	struct storage_info info;
	size_t n = a[2], count = 0;
	uint8_t *buf = NULL;
	uint32_t res;

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	if ((n && !ta_user_ok(call, a[1], n, TA_MMU_W)) ||
	    !ta_user_ok(call, a[3], sizeof(uint32_t), TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	storage_get_info(h, &info);
	if (n > info.data_size)
		n = info.data_size; /* no more can come: bounds the copy */
	if (n && !(buf = malloc(n)))
		return TEE_ERROR_OUT_OF_MEMORY;
	res = storage_read(h, buf, n, &count);
	if (!res) {
		memcpy((void *)a[1], buf, count);
		*(uint32_t *)a[3] = (uint32_t)count;
	}
	free(buf);
	return res;
}

uint32_t ta_sys_storage_write(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);
	uint8_t *buf = NULL;
	uint32_t res;

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	if (a[2] > STORAGE_MAX_DATA)
		return TEE_ERROR_STORAGE_NO_SPACE;
	if (a[2] && !ta_user_ok(call, a[1], a[2], TA_MMU_R))
		return TEE_ERROR_ACCESS_DENIED;
	if (a[2] && !(buf = malloc(a[2])))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (a[2])
		memcpy(buf, (const void *)a[1], a[2]);
	res = storage_write(h, buf, a[2]);
	free(buf);
	ta_mmu_activate(&call->inst->as);
	return res;
}

uint32_t ta_sys_storage_truncate(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);
	uint32_t res;

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	res = storage_truncate(h, a[1]);
	ta_mmu_activate(&call->inst->as);
	return res;
}

uint32_t ta_sys_storage_seek(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);

	return h ? storage_seek(h, (int32_t)a[1], a[2]) : TEE_ERROR_BAD_PARAMETERS;
}

uint32_t ta_sys_storage_rename(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	uint32_t res;

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	res = id_in(call, a[1], a[2], id);
	if (!res)
		res = storage_rename(h, id, a[2]);
	ta_mmu_activate(&call->inst->as);
	return res;
}

uint32_t ta_sys_storage_delete(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);
	uint32_t res;

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	res = storage_close_and_delete(h);
	if (res != TEE_ERROR_BUSY) /* BUSY: not closed, the TA may retry */
		call->inst->objs[a[0] - 1] = NULL;
	ta_mmu_activate(&call->inst->as);
	return res;
}

static void info_out(const struct storage_info *i, struct mta_obj_info *o)
{
	o->type = i->obj_type;
	o->usage = i->obj_usage;
	o->data_size = i->data_size;
	o->data_pos = i->data_pos;
	o->handle_flags = i->handle_flags;
}

uint32_t ta_sys_storage_info(struct ta_call *call, const uint32_t a[6])
{
	struct storage_handle *h = obj_of(call, a[0]);
	struct storage_info info;

	if (!h)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!ta_user_ok(call, a[1], sizeof(struct mta_obj_info), TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	storage_get_info(h, &info);
	info_out(&info, (struct mta_obj_info *)a[1]);
	return TEE_SUCCESS;
}

uint32_t ta_sys_storage_enum(struct ta_call *call, const uint32_t a[6])
{
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	struct storage_info info;
	size_t id_len = sizeof(id);
	uint32_t pos, room, res;

	if (!ta_user_ok(call, a[1], sizeof(uint32_t), TA_MMU_R | TA_MMU_W) ||
	    !ta_user_ok(call, a[3], sizeof(uint32_t), TA_MMU_R | TA_MMU_W) ||
	    !ta_user_ok(call, a[4], sizeof(struct mta_obj_info), TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	pos = *(const uint32_t *)a[1];
	room = *(const uint32_t *)a[3];
	if (room < TEE_OBJECT_ID_MAX_LEN)
		return TEE_ERROR_SHORT_BUFFER;
	if (!ta_user_ok(call, a[2], TEE_OBJECT_ID_MAX_LEN, TA_MMU_W))
		return TEE_ERROR_ACCESS_DENIED;
	res = storage_enum_next(call->inst->uuid, a[0], &pos, id, &id_len, &info);
	ta_mmu_activate(&call->inst->as);
	if (res)
		return res;
	memcpy((void *)a[2], id, id_len);
	*(uint32_t *)a[1] = pos;
	*(uint32_t *)a[3] = (uint32_t)id_len;
	info_out(&info, (struct mta_obj_info *)a[4]);
	return TEE_SUCCESS;
}

void ta_storage_close_all(struct ta_instance *inst)
{
	for (int i = 0; i < MTA_MAX_OBJECTS; i++) {
		if (inst->objs[i])
			storage_close(inst->objs[i]);
		inst->objs[i] = NULL;
	}
}
