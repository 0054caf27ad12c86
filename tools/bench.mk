# make bench: deterministic instruction counts of SMC round trips (tools/bench.sh).
# Builds the default firmware flavour ($(O)/mintee.bin, CFG_SHM=$(CFG_SHM)) and
# the bench payload (tests/ns/ns.mk). Rows live in tests/ns/bench.c.
.PHONY: bench
bench: firmware $(O)/ns/bench.bin
	$(Q)O=$(O) tools/bench.sh --bios $(O)/mintee.bin --payload $(O)/ns/bench.bin --log-dir $(O)/bench
