#!/bin/bash
# Runs each test tier (make check-<tier>) in turn, then prints the total.
# A tier that fails to build or run, or ends without its "N passed, N failed"
# line, counts as one failure.
set -u
cd "$(dirname "$0")/.."
O=${O:-build}
mkdir -p "$O"
total_p=0 total_f=0 status=0
for tier in "$@"; do
    echo "=== tier: $tier"
    log=$O/check-$tier.log
    make --no-print-directory "check-$tier" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    if [ -z "$line" ]; then
        echo "FAIL check.$tier: the tier printed no 'N passed, N failed' line (make exit $rc)"
        total_f=$((total_f + 1)); status=1; continue
    fi
    p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/')
    f=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/')
    total_p=$((total_p + p)); total_f=$((total_f + f))
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "FAIL check.$tier: make exited $rc although the tier reported no failure"
        total_f=$((total_f + 1))
    fi
    [ "$rc" = 0 ] && [ "$f" = 0 ] || status=1
    echo "=== tier $tier: $p passed, $f failed"
done
echo "$total_p passed, $total_f failed"
exit $status
