/*
 * The file operations secure storage needs, as OPTEE_RPC_CMD_FS offers them
 * (ta-abi.md G.1): storage_rpc.c sends them to tee-supplicant; host tests
 * plug in a fake. Names are relative to the supplicant's FS root, NUL
 * terminated, at most STORAGE_FS_NAME_MAX bytes with the NUL. Every answer
 * is normal-world input. Results are TEE results.
 */
#ifndef STORAGE_FS_H
#define STORAGE_FS_H
#include <stdbool.h>
#include <stdint.h>

#define STORAGE_FS_NAME_MAX 64

/* OPTEE_RPC_CMD_FS and its sub-ops in p[0].value.a (optee_rpc_cmd.h). */
#define OPTEE_RPC_CMD_FS      2u
#define OPTEE_RPC_FS_OPEN     0u
#define OPTEE_RPC_FS_CREATE   1u
#define OPTEE_RPC_FS_CLOSE    2u
#define OPTEE_RPC_FS_READ     3u
#define OPTEE_RPC_FS_WRITE    4u
#define OPTEE_RPC_FS_TRUNCATE 5u
#define OPTEE_RPC_FS_REMOVE   6u
#define OPTEE_RPC_FS_RENAME   7u
#define OPTEE_RPC_FS_OPENDIR  8u
#define OPTEE_RPC_FS_CLOSEDIR 9u
#define OPTEE_RPC_FS_READDIR  10u

struct storage_fs {
	void *ctx;
	/* OPEN (create: CREATE, which truncates); *fd: a handle for the calls below. */
	uint32_t (*open)(void *ctx, const char *name, bool create, uint32_t *fd);
	uint32_t (*close)(void *ctx, uint32_t fd);
	/* *len in: bytes wanted; out: bytes read (short at the end of file). */
	uint32_t (*read)(void *ctx, uint32_t fd, uint32_t offs, void *buf, uint32_t *len);
	uint32_t (*write)(void *ctx, uint32_t fd, uint32_t offs, const void *buf, uint32_t len);
	uint32_t (*remove)(void *ctx, const char *name);
	uint32_t (*rename)(void *ctx, const char *from, const char *to, bool overwrite);
	/* ITEM_NOT_FOUND: no such folder, or an empty one. */
	uint32_t (*opendir)(void *ctx, const char *name, uint32_t *dh);
	/* The next name (without the folder), NUL terminated, into name[size];
	 * ITEM_NOT_FOUND at the end. */
	uint32_t (*readdir)(void *ctx, uint32_t dh, char *name, uint32_t size);
	uint32_t (*closedir)(void *ctx, uint32_t dh);
};

/* The firmware's transport: OPTEE_RPC_CMD_FS through APPL buffers. */
extern const struct storage_fs storage_rpc_fs;
#endif
