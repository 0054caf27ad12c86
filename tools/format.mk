# make format-check: the firmware's C files against .clang-format (docs/STYLE.md,
# "Layout"). Files written before the style guide are listed in
# tools/format-legacy.txt and left out; the list only shrinks: the check fails
# while a listed file already matches (take it off the list) or is gone.
CLANG_FORMAT  ?= clang-format
FORMAT_DIRS   := lib arch platform kernel mm thread sm core include
FORMAT_LEGACY := $(shell grep -v '^\#' tools/format-legacy.txt)
FORMAT_ALL    := $(sort $(shell find $(FORMAT_DIRS) -name '*.[ch]'))
FORMAT_FILES  := $(filter-out $(FORMAT_LEGACY),$(FORMAT_ALL))

.PHONY: format-check
format-check:
	@command -v $(CLANG_FORMAT) >/dev/null || \
		{ echo "format-check: $(CLANG_FORMAT) missing (tools/setup.sh installs it)" >&2; exit 1; }
	$(Q)$(CLANG_FORMAT) --dry-run -Werror $(FORMAT_FILES)
	$(Q)for f in $(FORMAT_LEGACY); do \
		[ -f $$f ] || { echo "format-check: $$f is gone: take it off tools/format-legacy.txt" >&2; exit 1; }; \
		! $(CLANG_FORMAT) --dry-run -Werror $$f 2>/dev/null || \
			{ echo "format-check: $$f matches now: take it off tools/format-legacy.txt" >&2; exit 1; }; \
	done
	@echo "format-check: $(words $(FORMAT_FILES)) files match .clang-format" \
		"($(words $(FORMAT_LEGACY)) legacy files left out: tools/format-legacy.txt)"
