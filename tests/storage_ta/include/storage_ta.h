#ifndef STORAGE_TA_H
#define STORAGE_TA_H
#define STORAGE_TA_UUID \
	{ 0x73746f72, 0x6167, 0x4554, { 0xa1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 } }
/* p0 VALUE_INOUT in every command. */
#define STORAGE_TA_SELFTEST 0	/* out: a = checks passed, b = line of the first failure (0: none) */
#define STORAGE_TA_PUT      1	/* in: a = key, b = value: object "key-<a>", 4 KiB from b */
#define STORAGE_TA_GET      2	/* in: a = key; out: b = value (data checked) */
#define STORAGE_TA_DEL      3	/* in: a = key */
#endif
