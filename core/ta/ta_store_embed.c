/*
 * TEMPORARY test store (CFG_TA_EMBED=1 builds only, never the default
 * firmware): the test TAs' ELF files are linked into the firmware
 * ($(FW_O)/ta_embed.S, made by the top Makefile) and loaded with the ELF
 * loader (ta_elf_load) without the signed-image check, so that the NS tier
 * can exercise the user-TA runtime before the real store (LOAD_TA RPC +
 * signature, ta_image_load) is merged. To be removed then, the NS tier
 * switching to the payload that serves LOAD_TA.
 */
#include <string.h>
#include <console.h>
#include <optee_msg.h>
#include <ta_elf.h>
#include <ta_runtime.h>

#if CFG_TA_EMBED
struct ta_embed {
	const uint8_t *start, *end;
};
extern const struct ta_embed ta_embed_table[];
extern const uint32_t ta_embed_count;

uint32_t ta_store_load(const uint8_t uuid[16], uint32_t load_va, struct ta_image *image)
{
	for (uint32_t i = 0; i < ta_embed_count; i++) {
		const struct ta_embed *e = &ta_embed_table[i];
		uint32_t res = ta_elf_load(e->start, (size_t)(e->end - e->start), load_va, image);

		if (res == TEE_ERROR_OUT_OF_MEMORY)
			return res;
		if (res)
			continue;
		if (!memcmp(image->head.uuid, uuid, 16))
			return TEE_SUCCESS;
		ta_image_free(image);
	}
	log_reject("ta: no embedded TA with that UUID");
	return TEE_ERROR_ITEM_NOT_FOUND;
}
#endif
