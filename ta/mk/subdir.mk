# sub.mk processing for the TA dev kit (ta_dev_kit.mk): reads <dir>/sub.mk
# and, recursively, those of its subdirs-y, collecting the sources with their
# per-directory and per-file flags.
#
#   ta-srcs            every source, as a path relative to the TA directory
#   ta-global-incdirs  global-incdirs-y of every sub.mk
#   <src>__cflags, <src>__cppflags, <src>__aflags, <src>__cflags_remove

ta-srcs :=
ta-global-incdirs :=

# "dir/" for a subdirectory, "" for the TA directory itself.
ta-prefix = $(if $(filter .,$(1)),,$(patsubst ./%,%,$(1))/)

define ta-read-submk
srcs-y :=
global-incdirs-y :=
incdirs-y :=
cflags-y :=
cppflags-y :=
aflags-y :=
cflags-remove-y :=
subdirs-y :=
include $(call ta-prefix,$(1))sub.mk
$(1)__subdirs := $$(addprefix $(call ta-prefix,$(1)),$$(subdirs-y))
ta-global-incdirs += $$(addprefix $(call ta-prefix,$(1)),$$(global-incdirs-y))
ta-srcs += $$(addprefix $(call ta-prefix,$(1)),$$(srcs-y))
$$(foreach f,$$(srcs-y),$$(eval $$(call ta-file-flags,$(call ta-prefix,$(1))$$(f),$$(f),$(1))))
endef

# $(1) = source path, $(2) = its name in its sub.mk, $(3) = its directory.
define ta-file-flags
$(1)__cflags := $$(cflags-y) $$(cflags-$(2)-y)
$(1)__cflags_remove := $$(cflags-remove-y) $$(cflags-remove-$(2)-y)
$(1)__cppflags := $$(cppflags-y) $$(cppflags-$(2)-y) $$(addprefix -I$(call ta-prefix,$(3)),$$(incdirs-y))
$(1)__aflags := $$(aflags-y) $$(aflags-$(2)-y)
endef

define ta-process-dir
$(eval $(call ta-read-submk,$(1)))
$(foreach d,$($(1)__subdirs),$(call ta-process-dir,$(d)))
endef

ta-obj = $(O)/$(basename $(1)).o

# $(1) = source path
define ta-compile-rule
$(call ta-obj,$(1)): $(1)
	@$$(if $$(filter 1,$$(V)),:,echo "  CC      $$@")
	$$(q)mkdir -p $$(@D)
	$$(q)$$(ta-cc) $$(if $$(filter %.S,$(1)),$$(ta-aflags) $$($(1)__aflags),\
		$$(filter-out $$($(1)__cflags_remove),$$(ta-cflags) $$($(1)__cflags))) \
		$$(ta-cppflags) $$(addprefix -I,$$(ta-global-incdirs)) $$($(1)__cppflags) \
		-MMD -MP -c $$< -o $$@
endef
