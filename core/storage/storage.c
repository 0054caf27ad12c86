/*
 * GP persistent objects over the files of storage_dir.c: which TA's storage,
 * handles and their flags, GP's sharing rules, the data stream (read, write,
 * truncate, seek), rename, delete and enumeration. An open object keeps its
 * data in secure memory, shared by its handles; every change is one atomic
 * commit, and memory changes only when the commit succeeded.
 */
#include <stdlib.h>
#include <string.h>
#include <console.h>
#include <huk.h>
#include <spinlock.h>
#include <storage_priv.h>

#define FLAGS_ACCESS \
	(TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE | TEE_DATA_FLAG_ACCESS_WRITE_META)
#define FLAGS_OPEN (FLAGS_ACCESS | TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE)
#define NO_FILE    UINT32_MAX

struct storage_obj {
	struct storage_ta *ta;
	struct storage_obj *next;
	uint32_t id_len;
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	struct storage_objhdr oh;
	uint8_t *data; /* oh.data_size bytes (at least 1 allocated) */
	struct storage_handle *handles;
};

struct storage_handle {
	struct storage_obj *obj;
	struct storage_handle *next;
	uint32_t flags;
	uint32_t pos;
};

static struct storage_ta *tas[STORAGE_MAX_TAS];
static unsigned int num_handles;
static int busy;
/*
 * The lists of open objects and handles: storage_close() takes no
 * storage_lock (an instance that ends closes its handles whatever runs
 * elsewhere), so every walk and change of the lists holds this one, briefly
 * and never across an RPC.
 */
static unsigned int list_lock;

/* One operation at a time: they suspend in RPCs, and a second one would see
 * a half-made commit. A waiting lock comes with the TA runtime's mutexes. */
static uint32_t storage_lock(void)
{
	if (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE))
		return TEE_ERROR_BUSY;
	return TEE_SUCCESS;
}

static void storage_unlock(void)
{
	__atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
}

static void obj_free(struct storage_obj *o)
{
	if (o->data)
		crypto_wipe(o->data, o->oh.data_size);
	free(o->data);
	free(o);
}

static void ta_free(struct storage_ta *ta)
{
	while (ta->objs) {
		struct storage_obj *o = ta->objs;

		ta->objs = o->next;
		while (o->handles) {
			struct storage_handle *h = o->handles;

			o->handles = h->next;
			free(h);
			num_handles--;
		}
		obj_free(o);
	}
	crypto_wipe(ta->key, sizeof(ta->key));
	free(ta->dir);
	free(ta);
}

void storage_init(const struct storage_fs *fs)
{
	for (unsigned int i = 0; i < STORAGE_MAX_TAS; i++) {
		if (tas[i])
			ta_free(tas[i]);
		tas[i] = NULL;
	}
	sdir_set_fs(fs);
}

/* A free slot, or the slot of a TA with nothing open (forgotten: it is
 * read again from disk when next used). */
static int ta_slot(void)
{
	for (unsigned int i = 0; i < STORAGE_MAX_TAS; i++)
		if (!tas[i])
			return (int)i;
	for (unsigned int i = 0; i < STORAGE_MAX_TAS; i++)
		if (!tas[i]->objs) {
			ta_free(tas[i]);
			tas[i] = NULL;
			return (int)i;
		}
	return -1;
}

static struct storage_ta *ta_new(const uint8_t uuid[16])
{
	struct storage_ta *ta = calloc(1, sizeof(*ta));

	if (!ta)
		return NULL;
	ta->dir = calloc(1, sizeof(*ta->dir));
	memcpy(ta->uuid, uuid, 16);
	if (!ta->dir || huk_derive_key(HUK_SECURE_STORAGE, uuid, 16, ta->key, sizeof(ta->key))) {
		ta_free(ta);
		return NULL;
	}
	return ta;
}

/* The TA's storage, mounted. */
static uint32_t ta_get(const uint8_t uuid[16], uint32_t storage_id, struct storage_ta **out)
{
	struct storage_ta *ta = NULL;
	int slot;

	if (storage_id != TEE_STORAGE_PRIVATE && storage_id != TEE_STORAGE_PRIVATE_REE)
		return TEE_ERROR_ITEM_NOT_FOUND;
	for (unsigned int i = 0; i < STORAGE_MAX_TAS && !ta; i++)
		if (tas[i] && !memcmp(tas[i]->uuid, uuid, 16))
			ta = tas[i];
	if (!ta) {
		slot = ta_slot();
		if (slot < 0)
			return TEE_ERROR_OUT_OF_MEMORY;
		ta = tas[slot] = ta_new(uuid);
		if (!ta)
			return TEE_ERROR_OUT_OF_MEMORY;
	}
	*out = ta;
	return sdir_mount(ta);
}

static struct storage_obj *obj_find(struct storage_ta *ta, const void *id, size_t id_len)
{
	struct storage_obj *o;

	cpu_spin_lock(&list_lock);
	for (o = ta->objs; o; o = o->next)
		if (o->id_len == id_len && !memcmp(o->id, id, id_len))
			break;
	cpu_spin_unlock(&list_lock);
	return o;
}

/* GP: WRITE_META is exclusive; if either handle reads (writes), both must
 * share reading (writing). */
static bool conflict(uint32_t a, uint32_t b)
{
	if ((a | b) & TEE_DATA_FLAG_ACCESS_WRITE_META)
		return true;
	if ((a | b) & TEE_DATA_FLAG_ACCESS_READ && !(a & b & TEE_DATA_FLAG_SHARE_READ))
		return true;
	return (a | b) & TEE_DATA_FLAG_ACCESS_WRITE && !(a & b & TEE_DATA_FLAG_SHARE_WRITE);
}

static uint32_t check_sharing(const struct storage_obj *o, uint32_t flags)
{
	uint32_t res = TEE_SUCCESS;

	cpu_spin_lock(&list_lock);
	for (const struct storage_handle *h = o ? o->handles : NULL; h; h = h->next)
		if (conflict(h->flags, flags))
			res = TEE_ERROR_ACCESS_CONFLICT;
	cpu_spin_unlock(&list_lock);
	return res;
}

static uint32_t check_args(size_t id_len, uint32_t flags, uint32_t allowed)
{
	if (id_len > TEE_OBJECT_ID_MAX_LEN || flags & ~allowed) {
		log_reject("storage: object id of %u bytes (at most %u), flags 0x%x (allowed 0x%x)",
			   (unsigned)id_len, TEE_OBJECT_ID_MAX_LEN, (unsigned)flags,
			   (unsigned)allowed);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

/* A handle on o (made by the caller or found open), linked in. */
static uint32_t handle_new(struct storage_obj *o, uint32_t flags, struct storage_handle **out)
{
	struct storage_handle *h;

	if (num_handles >= STORAGE_MAX_HANDLES)
		return TEE_ERROR_OUT_OF_MEMORY;
	h = calloc(1, sizeof(*h));
	if (!h)
		return TEE_ERROR_OUT_OF_MEMORY;
	h->obj = o;
	h->flags = flags & FLAGS_OPEN;
	cpu_spin_lock(&list_lock);
	h->next = o->handles;
	o->handles = h;
	num_handles++;
	cpu_spin_unlock(&list_lock);
	*out = h;
	return TEE_SUCCESS;
}

static struct storage_obj *obj_new(struct storage_ta *ta, const void *id, size_t id_len)
{
	struct storage_obj *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->ta = ta;
	o->id_len = (uint32_t)id_len;
	memcpy(o->id, id, id_len);
	return o;
}

static void obj_link(struct storage_obj *o)
{
	cpu_spin_lock(&list_lock);
	o->next = o->ta->objs;
	o->ta->objs = o;
	cpu_spin_unlock(&list_lock);
}

/* Reads o's file if it was not yet: needed for data access and rename. */
static uint32_t obj_load(struct storage_obj *o)
{
	struct storage_entry *e;

	if (o->data)
		return TEE_SUCCESS;
	e = sdir_find(o->ta->dir, o->id, o->id_len);
	if (!e)
		return TEE_ERROR_CORRUPT_OBJECT;
	return sdir_load_obj(o->ta, e, &o->oh, &o->data);
}

/*
 * A handle that asks for neither reading nor writing does not read the file:
 * the directory says all it needs. So an object whose file is corrupt can
 * still be opened with WRITE_META alone and deleted (or replaced by a
 * create with OVERWRITE), while reading it is CORRUPT_OBJECT.
 */
static uint32_t open_locked(const uint8_t uuid[16], uint32_t storage_id, const void *id,
			    size_t id_len, uint32_t flags, struct storage_handle **h)
{
	const uint32_t data_access = TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE;
	struct storage_ta *ta;
	struct storage_entry *e;
	struct storage_obj *o;
	bool fresh = false;
	uint32_t res = ta_get(uuid, storage_id, &ta);

	if (res)
		return res;
	e = sdir_find(ta->dir, id, id_len);
	if (!e)
		return TEE_ERROR_ITEM_NOT_FOUND;
	o = obj_find(ta, id, id_len);
	if (o && (res = check_sharing(o, flags)))
		return res;
	if (!o) {
		o = obj_new(ta, id, id_len);
		if (!o)
			return TEE_ERROR_OUT_OF_MEMORY;
		o->oh = (struct storage_objhdr){ TEE_TYPE_DATA, TEE_USAGE_DEFAULT, e->data_size };
		fresh = true;
	}
	if (flags & data_access)
		res = obj_load(o);
	if (!res)
		res = handle_new(o, flags, h);
	if (res && fresh)
		obj_free(o);
	else if (fresh)
		obj_link(o);
	return res;
}

uint32_t storage_open(const uint8_t uuid[16], uint32_t storage_id, const void *id, size_t id_len,
		      uint32_t flags, struct storage_handle **h)
{
	uint32_t res = check_args(id_len, flags, FLAGS_OPEN);

	if (!res)
		res = storage_lock();
	if (res)
		return res;
	res = open_locked(uuid, storage_id, id, id_len, flags, h);
	storage_unlock();
	return res;
}

/* A heap copy of the committed directory, to become the next one. */
static struct storage_dir *dir_copy(const struct storage_ta *ta)
{
	struct storage_dir *nd = malloc(sizeof(*nd));

	if (nd)
		memcpy(nd, ta->dir, sizeof(*nd));
	return nd;
}

/*
 * Commits new contents for the object at entry idx of nd (a dir_copy): data
 * of size bytes. nd is consumed. The entry's old file goes after the switch.
 */
static uint32_t commit_obj(struct storage_ta *ta, struct storage_dir *nd, int idx,
			   uint32_t old_fileno, const uint8_t *data, uint32_t size)
{
	struct storage_objhdr oh = { TEE_TYPE_DATA, TEE_USAGE_DEFAULT, size };
	uint32_t res = sdir_commit(ta, nd, idx, &oh, data, old_fileno);

	if (res)
		free(nd);
	return res;
}

static uint32_t create_locked(struct storage_ta *ta, const void *id, size_t id_len, uint32_t flags,
			      const void *data, size_t len, struct storage_handle **h)
{
	struct storage_entry *e = sdir_find(ta->dir, id, id_len);
	uint32_t old = e ? e->fileno : NO_FILE, res;
	struct storage_dir *nd;
	struct storage_obj *o;
	int idx;

	if (e && (!(flags & TEE_DATA_FLAG_OVERWRITE) || obj_find(ta, id, id_len)))
		return TEE_ERROR_ACCESS_CONFLICT;
	if (!e && ta->dir->count >= STORAGE_MAX_OBJECTS)
		return TEE_ERROR_STORAGE_NO_SPACE;
	o = obj_new(ta, id, id_len);
	nd = o ? dir_copy(ta) : NULL;
	if (o)
		o->data = malloc(len ? len : 1);
	if (!nd || !o->data) {
		free(nd);
		if (o)
			free(o->data);
		free(o);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	if (len)
		memcpy(o->data, data, len);
	o->oh = (struct storage_objhdr){ TEE_TYPE_DATA, TEE_USAGE_DEFAULT, (uint32_t)len };
	idx = e ? (int)(e - ta->dir->e) : (int)nd->count++;
	memset(&nd->e[idx], 0, sizeof(nd->e[idx]));
	nd->e[idx].id_len = (uint32_t)id_len;
	memcpy(nd->e[idx].id, id, id_len);
	res = commit_obj(ta, nd, idx, old, o->data, (uint32_t)len);
	if (!res)
		res = handle_new(o, flags, h); /* committed: a failure here closes only */
	if (res && !o->handles) {
		obj_free(o);
		return res;
	}
	obj_link(o);
	return res;
}

uint32_t storage_create(const uint8_t uuid[16], uint32_t storage_id, const void *id, size_t id_len,
			uint32_t flags, const void *data, size_t len, struct storage_handle **h)
{
	struct storage_ta *ta;
	uint32_t res = check_args(id_len, flags, FLAGS_OPEN | TEE_DATA_FLAG_OVERWRITE);

	if (!res && len > STORAGE_MAX_DATA)
		res = TEE_ERROR_STORAGE_NO_SPACE;
	if (!res)
		res = storage_lock();
	if (res)
		return res;
	res = ta_get(uuid, storage_id, &ta);
	if (!res)
		res = create_locked(ta, id, id_len, flags, data, len, h);
	storage_unlock();
	return res;
}

/* Unlinks h, and its object with the last handle (an object in a commit
 * has the committing handle, so it is never the one freed here). */
static void handle_unlink(struct storage_handle *h)
{
	struct storage_obj *o = h->obj, *gone = NULL;
	struct storage_handle **pp;

	cpu_spin_lock(&list_lock);
	for (pp = &o->handles; *pp != h;)
		pp = &(*pp)->next;
	*pp = h->next;
	num_handles--;
	if (!o->handles) {
		struct storage_obj **po = &o->ta->objs;

		while (*po != o)
			po = &(*po)->next;
		*po = o->next;
		gone = o;
	}
	cpu_spin_unlock(&list_lock);
	free(h);
	if (gone)
		obj_free(gone);
}

void storage_close(struct storage_handle *h)
{
	handle_unlink(h);
}

uint32_t storage_read(struct storage_handle *h, void *buf, size_t len, size_t *count)
{
	struct storage_obj *o = h->obj;
	size_t n = 0;

	if (!(h->flags & TEE_DATA_FLAG_ACCESS_READ))
		return TEE_ERROR_ACCESS_CONFLICT;
	/* A write through another handle swaps o->data under the same lock. */
	cpu_spin_lock(&list_lock);
	if (h->pos < o->oh.data_size) {
		n = o->oh.data_size - h->pos;
		if (n > len)
			n = len;
		memcpy(buf, o->data + h->pos, n);
		h->pos += (uint32_t)n;
	}
	cpu_spin_unlock(&list_lock);
	*count = n;
	return TEE_SUCCESS;
}

/* The committed entry of an open object (NULL: the directory lost it, i.e.
 * the disk changed under a re-mount). */
static int entry_index(struct storage_obj *o, const void *id, size_t id_len)
{
	struct storage_entry *e = sdir_find(o->ta->dir, id, id_len);

	return e ? (int)(e - o->ta->dir->e) : -1;
}

/* Replaces o's data with data (size bytes, malloc'd; consumed) and, with
 * new_id, its id too: one commit. */
static uint32_t obj_replace(struct storage_obj *o, uint8_t *data, uint32_t size, const void *new_id,
			    size_t new_id_len)
{
	struct storage_dir *nd;
	uint8_t *old_data;
	uint32_t old_size, res = sdir_mount(o->ta);
	int idx = res ? -1 : entry_index(o, o->id, o->id_len);

	if (!res && idx < 0)
		res = TEE_ERROR_CORRUPT_OBJECT;
	nd = res ? NULL : dir_copy(o->ta);
	if (!res && !nd)
		res = TEE_ERROR_OUT_OF_MEMORY;
	if (!res) {
		if (new_id) {
			nd->e[idx].id_len = (uint32_t)new_id_len;
			memset(nd->e[idx].id, 0, sizeof(nd->e[idx].id));
			memcpy(nd->e[idx].id, new_id, new_id_len);
		}
		res = commit_obj(o->ta, nd, idx, o->ta->dir->e[idx].fileno, data, size);
	}
	if (res) {
		crypto_wipe(data, size);
		free(data);
		return res;
	}
	cpu_spin_lock(&list_lock); /* readers copy under it (storage_read) */
	old_data = o->data;
	old_size = o->oh.data_size;
	o->data = data;
	o->oh.data_size = size;
	cpu_spin_unlock(&list_lock);
	if (old_data)
		crypto_wipe(old_data, old_size);
	free(old_data);
	return TEE_SUCCESS;
}

/* A copy of o's data resized to size (zeros beyond the old end). */
static uint8_t *data_resized(const struct storage_obj *o, uint32_t size)
{
	uint8_t *d = calloc(1, size ? size : 1);

	if (d)
		memcpy(d, o->data, size < o->oh.data_size ? size : o->oh.data_size);
	return d;
}

static uint32_t write_locked(struct storage_handle *h, const void *buf, size_t len)
{
	struct storage_obj *o = h->obj;
	uint64_t end = (uint64_t)h->pos + len;
	uint32_t size, res;
	uint8_t *d;

	if (end > TEE_DATA_MAX_POSITION)
		return TEE_ERROR_OVERFLOW;
	if (end > STORAGE_MAX_DATA)
		return TEE_ERROR_STORAGE_NO_SPACE;
	size = end > o->oh.data_size ? (uint32_t)end : o->oh.data_size;
	d = data_resized(o, size);
	if (!d)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (len)
		memcpy(d + h->pos, buf, len);
	res = obj_replace(o, d, size, NULL, 0);
	if (!res)
		h->pos = (uint32_t)end;
	return res;
}

uint32_t storage_write(struct storage_handle *h, const void *buf, size_t len)
{
	uint32_t res;

	if (!(h->flags & TEE_DATA_FLAG_ACCESS_WRITE))
		return TEE_ERROR_ACCESS_CONFLICT;
	res = storage_lock();
	if (res)
		return res;
	res = write_locked(h, buf, len);
	storage_unlock();
	return res;
}

uint32_t storage_truncate(struct storage_handle *h, size_t size)
{
	uint8_t *d;
	uint32_t res;

	if (!(h->flags & TEE_DATA_FLAG_ACCESS_WRITE))
		return TEE_ERROR_ACCESS_CONFLICT;
	if (size > STORAGE_MAX_DATA)
		return TEE_ERROR_STORAGE_NO_SPACE;
	res = storage_lock();
	if (res)
		return res;
	d = data_resized(h->obj, (uint32_t)size);
	res = d ? obj_replace(h->obj, d, (uint32_t)size, NULL, 0) : TEE_ERROR_OUT_OF_MEMORY;
	storage_unlock();
	return res;
}

uint32_t storage_seek(struct storage_handle *h, int32_t offset, uint32_t whence)
{
	int64_t pos;

	switch (whence) {
	case TEE_DATA_SEEK_SET:
		pos = offset;
		break;
	case TEE_DATA_SEEK_CUR:
		pos = (int64_t)h->pos + offset;
		break;
	case TEE_DATA_SEEK_END:
		pos = (int64_t)h->obj->oh.data_size + offset;
		break;
	default:
		log_reject("storage: seek whence %u", (unsigned)whence);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (pos > (int64_t)TEE_DATA_MAX_POSITION)
		return TEE_ERROR_OVERFLOW;
	h->pos = pos < 0 ? 0 : (uint32_t)pos; /* GP: a negative position becomes 0 */
	return TEE_SUCCESS;
}

static uint32_t rename_locked(struct storage_handle *h, const void *id, size_t id_len)
{
	struct storage_obj *o = h->obj;
	uint32_t res = sdir_mount(o->ta);
	uint8_t *d;

	if (res)
		return res;
	if (sdir_find(o->ta->dir, id, id_len))
		return TEE_ERROR_ACCESS_CONFLICT;
	/* The file's AD binds the id: a rename is a new file. */
	res = obj_load(o);
	if (res)
		return res;
	d = data_resized(o, o->oh.data_size);
	if (!d)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = obj_replace(o, d, o->oh.data_size, id, id_len);
	if (!res) {
		o->id_len = (uint32_t)id_len;
		memset(o->id, 0, sizeof(o->id));
		memcpy(o->id, id, id_len);
	}
	return res;
}

uint32_t storage_rename(struct storage_handle *h, const void *id, size_t id_len)
{
	uint32_t res;

	if (!(h->flags & TEE_DATA_FLAG_ACCESS_WRITE_META))
		return TEE_ERROR_ACCESS_CONFLICT;
	res = check_args(id_len, 0, 0);
	if (res)
		return res;
	res = storage_lock();
	if (res)
		return res;
	res = rename_locked(h, id, id_len);
	storage_unlock();
	return res;
}

static uint32_t delete_locked(struct storage_obj *o)
{
	struct storage_dir *nd;
	uint32_t res = sdir_mount(o->ta), fileno;
	int idx = res ? -1 : entry_index(o, o->id, o->id_len);

	if (res)
		return res;
	if (idx < 0)
		return TEE_SUCCESS; /* already gone from the directory */
	nd = dir_copy(o->ta);
	if (!nd)
		return TEE_ERROR_OUT_OF_MEMORY;
	fileno = nd->e[idx].fileno;
	nd->e[idx] = nd->e[--nd->count];
	res = sdir_commit(o->ta, nd, -1, NULL, NULL, fileno);
	if (res)
		free(nd);
	return res;
}

uint32_t storage_close_and_delete(struct storage_handle *h)
{
	uint32_t res;

	if (!(h->flags & TEE_DATA_FLAG_ACCESS_WRITE_META)) {
		handle_unlink(h);
		return TEE_ERROR_ACCESS_CONFLICT;
	}
	res = storage_lock();
	if (res)
		return res; /* h stays open: the caller may retry */
	res = delete_locked(h->obj);
	handle_unlink(h);
	storage_unlock();
	return res;
}

void storage_get_info(const struct storage_handle *h, struct storage_info *info)
{
	info->obj_type = h->obj->oh.obj_type;
	info->obj_usage = h->obj->oh.obj_usage;
	info->data_size = h->obj->oh.data_size;
	info->data_pos = h->pos;
	info->handle_flags = h->flags | TEE_HANDLE_FLAG_PERSISTENT | TEE_HANDLE_FLAG_INITIALIZED;
}

uint32_t storage_enum_next(const uint8_t uuid[16], uint32_t storage_id, uint32_t *pos, void *id,
			   size_t *id_len, struct storage_info *info)
{
	struct storage_ta *ta;
	const struct storage_entry *e;
	uint32_t res = storage_lock();

	if (res)
		return res;
	res = ta_get(uuid, storage_id, &ta);
	if (!res && *pos >= ta->dir->count)
		res = TEE_ERROR_ITEM_NOT_FOUND;
	if (!res && *id_len < TEE_OBJECT_ID_MAX_LEN)
		res = TEE_ERROR_SHORT_BUFFER;
	if (!res) {
		e = &ta->dir->e[(*pos)++];
		memcpy(id, e->id, e->id_len);
		*id_len = e->id_len;
		*info = (struct storage_info){ TEE_TYPE_DATA, TEE_USAGE_DEFAULT, e->data_size, 0,
					       TEE_HANDLE_FLAG_PERSISTENT |
						       TEE_HANDLE_FLAG_INITIALIZED };
	}
	storage_unlock();
	return res;
}
