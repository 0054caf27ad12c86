/* An in-memory file system behind struct storage_fs for the storage tests
 * (test_storage_fs.c), with upstream tee-supplicant's answers (ta-abi.md
 * G.1), power cuts after N operations, and access to the files for tampering. */
#ifndef TEST_STORAGE_FS_H
#define TEST_STORAGE_FS_H
#include <stdbool.h>
#include <stdint.h>
#include <storage_fs.h>

#define FFS_MAX_FILES 512

struct ffs_file {
	bool used;
	char name[STORAGE_FS_NAME_MAX];
	uint8_t *data;
	uint32_t len;
};

extern const struct storage_fs fake_fs;
extern struct ffs_file ffs_files[FFS_MAX_FILES];
extern long ffs_ops;		/* operations done since ffs_reset_counters() */
extern long ffs_cut_after;	/* >= 0: every operation after this many fails */
extern bool ffs_torn;		/* the first failing WRITE writes half its bytes */
extern bool ffs_rename_lies;	/* RENAME renames, then reports an error */
extern long ffs_space;		/* bytes the FS may hold; < 0: unlimited */

void ffs_format(void);		/* empty, counters reset */
void ffs_reset_counters(void);	/* also closes every fd: a reboot */
struct ffs_file *ffs_find(const char *name);
/* Files whose name starts with prefix, in table order; returns how many. */
unsigned int ffs_list(const char *prefix, struct ffs_file **out, unsigned int max);
void ffs_remove(struct ffs_file *f);
/* Snapshot and restore of the whole FS (deep copies). */
struct ffs_snap;
struct ffs_snap *ffs_snapshot(void);
void ffs_restore(const struct ffs_snap *s);
void ffs_snap_free(struct ffs_snap *s);
/* One file's bytes from a snapshot (NULL if absent), len set. */
const uint8_t *ffs_snap_file(const struct ffs_snap *s, const char *name, uint32_t *len);
void ffs_put(const char *name, const uint8_t *data, uint32_t len);
#endif
