# The crypto layer (lib/crypto) over mbedTLS 2.28, and the build-time keys.
# Included by the top-level Makefile right after FW_OBJS; adds to FW_OBJS and
# FW_CPPFLAGS. Also provides the host build of the same layer for the unit
# tier (tests/unit/unit.mk links $(CRYPTO_HOST_OBJS)).
#
# mbedTLS comes from Debian bookworm's source package, downloaded once by
# tools/setup.sh into /var/cache/mintee/mbedtls and unpacked here into
# $(O)/mbedtls at build time; nothing of it is committed. Only the modules
# below are compiled, with lib/crypto/mbedtls_config.h.
#
# Keys (README "Device key", "TA signing key"); never committed, never printed:
#   HUK=<file>          32-byte device secret; default $(O)/huk.bin, made once
#                       from /dev/urandom. Compiled into secure flash only.
#   TA_SIGN_KEY=<pem>   RSA key whose public half verifies TAs; default
#                       $(O)/ta_sign_key.pem, an RSA-3072 key made once.
#   make fw-huk2        a second dynamic-mode firmware, $(O)/fw-dynamic-huk2,
#                       with another device secret ($(O)/huk-test2.bin), for
#                       the "sealed under another device key" tests.
MBEDTLS_SRC_TAR ?= $(firstword $(wildcard /var/cache/mintee/mbedtls/mbedtls_2.28.*.orig.tar.*))
MBEDTLS_DIR     := $(O)/mbedtls
MBEDTLS_SRCS    := aes.c asn1parse.c bignum.c chacha20.c chachapoly.c cipher.c cipher_wrap.c \
	constant_time.c gcm.c hkdf.c md.c memory_buffer_alloc.c oid.c pk.c pk_wrap.c pkparse.c \
	platform.c platform_util.c poly1305.c rsa.c rsa_internal.c sha256.c threading.c
CRYPTO_SRCS     := lib/crypto/crypto.c lib/crypto/rsa.c lib/crypto/ta_key.c
CRYPTO_MBEDTLS_CPPFLAGS := -I$(MBEDTLS_DIR)/include -Ilib/crypto \
	-DMBEDTLS_CONFIG_FILE='"mbedtls_config.h"'
CRYPTO_CONFIG_HDRS := lib/crypto/mbedtls_config.h lib/crypto/threading_alt.h

HUK         ?=
TA_SIGN_KEY ?=
CRYPTO_HUK_FILE    := $(if $(HUK),$(HUK),$(O)/huk.bin)
CRYPTO_TA_KEY_FILE := $(if $(TA_SIGN_KEY),$(TA_SIGN_KEY),$(O)/ta_sign_key.pem)
CRYPTO_TA_KEY_BITS ?= 3072

# ---------------------------------------------------------------- firmware
CRYPTO_FW_OWN_OBJS := $(patsubst %.c,$(FW_O)/%.o,$(CRYPTO_SRCS))
CRYPTO_FW_MBEDTLS_OBJS := $(patsubst %.c,$(FW_O)/mbedtls/%.o,$(MBEDTLS_SRCS))
CRYPTO_FW_GEN_OBJS := $(FW_O)/gen/huk.o $(FW_O)/gen/ta_pub_key.o
FW_OBJS     += $(CRYPTO_FW_OWN_OBJS) $(CRYPTO_FW_MBEDTLS_OBJS) $(CRYPTO_FW_GEN_OBJS)
# crypto.h is on every layer's path: INC_lib in the top Makefile.

# No tail calls: newlib is Thumb, this code ARM, and an ARM tail call into
# newlib (mbedTLS's `b memset`) needs a linker veneer whose place can differ
# between the two firmware links (tools/mksymtab.py then refuses the image);
# a plain call becomes a BLX and needs none.
CRYPTO_FW_CFLAGS := -fno-optimize-sibling-calls

# The wrapper is project code (-Werror, the generic rule); only it sees mbedTLS.
$(CRYPTO_FW_OWN_OBJS): FW_CPPFLAGS += $(CRYPTO_MBEDTLS_CPPFLAGS)
$(CRYPTO_FW_OWN_OBJS): FW_CFLAGS += $(CRYPTO_FW_CFLAGS)
$(CRYPTO_FW_OWN_OBJS): $(CRYPTO_CONFIG_HDRS) | $(MBEDTLS_DIR)/.extracted

$(CRYPTO_FW_MBEDTLS_OBJS): $(FW_O)/mbedtls/%.o: $(MBEDTLS_DIR)/.extracted $(CRYPTO_CONFIG_HDRS)
	@echo "  CC      mbedtls/$*.c"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CRYPTO_MBEDTLS_CPPFLAGS) -std=gnu11 -O2 -g -ffreestanding -ffunction-sections \
		-fdata-sections $(CRYPTO_FW_CFLAGS) $(ARCH_FLAGS) -w -c $(MBEDTLS_DIR)/library/$*.c -o $@

$(CRYPTO_FW_GEN_OBJS): $(FW_O)/gen/%.o: $(FW_O)/gen/%.c
	@echo "  CC      $(<F) (generated)"
	$(Q)$(CC) -std=c11 -O2 -ffreestanding -fdata-sections $(ARCH_FLAGS) -c $< -o $@

# Regenerated on every make, rewritten only when the content changes.
$(FW_O)/gen/huk.c: $(CRYPTO_HUK_FILE) tools/crypto/gen_c.py FORCE
	$(Q)mkdir -p $(@D)
	$(Q)python3 tools/crypto/gen_c.py huk $< $@
$(FW_O)/gen/ta_pub_key.c: $(CRYPTO_TA_KEY_FILE) tools/crypto/gen_c.py FORCE
	$(Q)mkdir -p $(@D)
	$(Q)python3 tools/crypto/gen_c.py ta-key $< $@

# Given files must exist (a clearer message than make's "no rule"); those
# the build makes itself have their rules below.
CRYPTO_MADE_KEYS := $(O)/huk.bin $(O)/huk-test2.bin $(O)/ta_sign_key.pem
ifneq ($(filter-out $(CRYPTO_MADE_KEYS),$(HUK)),)
$(HUK):
	@echo "HUK=$(HUK): no such file (a 32-byte device secret)" >&2; exit 1
endif
ifneq ($(filter-out $(CRYPTO_MADE_KEYS),$(TA_SIGN_KEY)),)
$(TA_SIGN_KEY):
	@echo "TA_SIGN_KEY=$(TA_SIGN_KEY): no such file (an RSA key in PEM)" >&2; exit 1
endif

# Made once; `make clean` removes them (and so every blob sealed before).
$(O)/huk.bin $(O)/huk-test2.bin:
	@echo "  KEYGEN  $@ (device secret, 32 random bytes)"
	$(Q)mkdir -p $(@D)
	$(Q)umask 077 && head -c 32 /dev/urandom > $@.tmp && mv $@.tmp $@
$(O)/ta_sign_key.pem:
	@echo "  KEYGEN  $@ (TA signing key, RSA-$(CRYPTO_TA_KEY_BITS))"
	$(Q)mkdir -p $(@D)
	$(Q)umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$(CRYPTO_TA_KEY_BITS) \
		-out $@.tmp 2>/dev/null && mv $@.tmp $@

$(MBEDTLS_DIR)/.extracted: $(MBEDTLS_SRC_TAR)
	@echo "  EXTRACT mbedtls from $(MBEDTLS_SRC_TAR)"
	$(Q)test -n "$(MBEDTLS_SRC_TAR)" || { echo "mbedtls source missing: run tools/setup.sh" >&2; exit 1; }
	$(Q)rm -rf $(MBEDTLS_DIR) && mkdir -p $(MBEDTLS_DIR)
	$(Q)tar -xf $(MBEDTLS_SRC_TAR) -C $(MBEDTLS_DIR) --strip-components=1 \
		--wildcards '*/include/*' '*/library/*' '*/LICENSE'
	$(Q)touch $@

.PHONY: fw-huk2
fw-huk2: $(O)/huk-test2.bin
	$(Q)$(MAKE) --no-print-directory CFG_SHM=dynamic CFG_TEST_PTA=1 FW_O=$(O)/fw-dynamic-huk2 \
		HUK=$(O)/huk-test2.bin $(O)/fw-dynamic-huk2/mintee.bin

-include $(CRYPTO_FW_OWN_OBJS:.o=.d)

# ---------------------------------------------------------------- host (unit tier)
# The same wrapper and modules for the host, with MBEDTLS_MEMORY_DEBUG (heap
# peak figures). $(CRYPTO_HOST_OBJS) are the mbedTLS objects; the wrapper's
# sources go through unit.mk's own rules (see the pattern variables below).
CRYPTO_HOST_O    := $(O)/unit/mbedtls
CRYPTO_HOST_OBJS := $(patsubst %.c,$(CRYPTO_HOST_O)/%.o,$(MBEDTLS_SRCS))

$(CRYPTO_HOST_OBJS): $(CRYPTO_HOST_O)/%.o: $(MBEDTLS_DIR)/.extracted $(CRYPTO_CONFIG_HDRS)
	@echo "  HOSTCC  mbedtls/$*.c"
	$(Q)mkdir -p $(@D)
	$(Q)$(HOSTCC) $(CRYPTO_MBEDTLS_CPPFLAGS) -DMINTEE_CRYPTO_HOST -std=gnu11 -O1 -g -w \
		$(UNIT_SAN) -c $(MBEDTLS_DIR)/library/$*.c -o $@

$(O)/unit/obj/lib/crypto/%.o: UNIT_CPPFLAGS += $(CRYPTO_MBEDTLS_CPPFLAGS) -DMINTEE_CRYPTO_HOST
$(patsubst %.c,$(O)/unit/obj/%.o,$(CRYPTO_SRCS)): | $(MBEDTLS_DIR)/.extracted

# Unit-tier data: signatures made by the build's signing tool with the
# committed test keys (tests/unit/data), plus keys the layer must refuse.
CRYPTO_UD := $(O)/unit/crypto
CRYPTO_UNIT_DATA := $(CRYPTO_UD)/msg.txt \
	$(foreach k,rsa2048 rsa4096 rsa1024 rsa2048e3,$(CRYPTO_UD)/$(k).pub.der \
		$(CRYPTO_UD)/$(k).pkcs1.sig $(CRYPTO_UD)/$(k).pss.sig)
# The unit build's "TA key" is the 2048-bit test key.
CRYPTO_UNIT_TA_KEY_OBJ := $(O)/unit/gen/ta_pub_key.o

$(CRYPTO_UD)/msg.txt:
	$(Q)mkdir -p $(@D)
	$(Q)printf 'mintee test message\n' > $@
$(CRYPTO_UD)/rsa2048.pem: tests/unit/data/rsa2048-test.pem
	$(Q)mkdir -p $(@D) && cp $< $@
$(CRYPTO_UD)/rsa4096.pem: tests/unit/data/rsa4096-test.pem
	$(Q)mkdir -p $(@D) && cp $< $@
$(CRYPTO_UD)/rsa1024.pem:
	$(Q)mkdir -p $(@D)
	$(Q)openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out $@ 2>/dev/null
$(CRYPTO_UD)/rsa2048e3.pem:
	$(Q)mkdir -p $(@D)
	$(Q)openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
		-pkeyopt rsa_keygen_pubexp:3 -out $@ 2>/dev/null
$(CRYPTO_UD)/%.pub.der: $(CRYPTO_UD)/%.pem
	$(Q)openssl pkey -in $< -pubout -outform DER -out $@
$(CRYPTO_UD)/%.pkcs1.sig: $(CRYPTO_UD)/%.pem $(CRYPTO_UD)/msg.txt tools/crypto/sign.sh
	@echo "  SIGN    $@"
	$(Q)tools/crypto/sign.sh $< pkcs1 $(CRYPTO_UD)/msg.txt $@
$(CRYPTO_UD)/%.pss.sig: $(CRYPTO_UD)/%.pem $(CRYPTO_UD)/msg.txt tools/crypto/sign.sh
	@echo "  SIGN    $@"
	$(Q)tools/crypto/sign.sh $< pss $(CRYPTO_UD)/msg.txt $@

$(O)/unit/gen/ta_pub_key.c: tests/unit/data/rsa2048-test.pem tools/crypto/gen_c.py
	$(Q)mkdir -p $(@D)
	$(Q)python3 tools/crypto/gen_c.py ta-key $< $@
$(CRYPTO_UNIT_TA_KEY_OBJ): $(O)/unit/gen/ta_pub_key.c
	$(Q)$(HOSTCC) -std=c11 -O1 -c $< -o $@
.SECONDARY: $(CRYPTO_UD)/rsa1024.pem $(CRYPTO_UD)/rsa2048e3.pem $(CRYPTO_UD)/rsa2048.pem \
	$(CRYPTO_UD)/rsa4096.pem
