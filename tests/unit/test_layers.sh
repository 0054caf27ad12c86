#!/bin/bash
# unit.layers: the layers point one way. For every firmware layer, every
# header of its own layer and of the layers below it must preprocess with the
# layer's include path (INC_<layer> of the top Makefile), and no header of a
# layer above it may be found. Run by check-unit through $(UNIT_O)/test_layers,
# which sets CC, LAYERS (bottom to top), LAYER_DIRS_<layer>, INC_<layer> and
# FW_CPPFLAGS.
set -u
pass=0; fail=0
headers_of() {
	local d
	for d in $1; do
		[ -d "$d" ] && find "$d" -maxdepth 2 -name '*.h' -printf '%f\n'
	done
}
probe() {	# $1 = include flags, $2 = header: 0 if it preprocesses
	echo "#include <$2>" | $CC $1 $FW_CPPFLAGS -x c -E -o /dev/null - 2>/dev/null
}
below=""
set -- $LAYERS
for layer in "$@"; do
	dirs_var=LAYER_DIRS_$layer; inc_var=INC_$layer
	own=$(headers_of "${!dirs_var}")
	above=""
	seen=0
	for l in "$@"; do
		[ "$l" = "$layer" ] && { seen=1; continue; }
		[ $seen = 1 ] && { v=LAYER_DIRS_$l; above="$above $(headers_of "${!v}")"; }
	done
	bad=""
	n_ok=0
	for h in $own $below; do
		if probe "${!inc_var}" "$h"; then n_ok=$((n_ok + 1)); else bad="$bad $h(not found)"; fi
	done
	n_up=0
	for h in $above; do
		# A name that also exists in this layer or below is not an upward reference.
		case " $own $below " in *" $h "*) continue;; esac
		if probe "${!inc_var}" "$h"; then bad="$bad $h(upward, found)"; else n_up=$((n_up + 1)); fi
	done
	if [ -z "$bad" ]; then
		echo "PASS unit.layers.$layer: $n_ok headers of its own and lower layers found, $n_up of higher layers not found"
		pass=$((pass + 1))
	else
		echo "FAIL unit.layers.$layer:$bad"
		fail=$((fail + 1))
	fi
	below="$below $own"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
