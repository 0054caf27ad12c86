#!/bin/sh
# mintee Linux test tier, guest side. Runs inside the normal world (busybox sh)
# from /init when the kernel command line has mintee.test=1.
#
# Output: one line per case
#   PASS <id>: <what>
#   FAIL <id>: <what> (<why>)
#   SKIP <id>: <what> (<why>)
# and a last line "N passed, N failed" (", N skipped" when some were).
# tests/linux/run.sh on the host collects these lines.
#
# Kernel command line switches read here:
#   mintee.ncpus=N       CPU count the host asked QEMU for (-smp N)
#   mintee.expect_rng=1  the firmware offers the OP-TEE RNG: test /dev/hwrng
#   mintee.cases=a,b     run only these cases (e.g. tk_export, tk_import: the
#                        two-boot trusted-keys cases run.sh drives)
#   mintee.supplicant=debian  /init started Debian's tee-supplicant (else
#                        mintee's): linux.supplicant checks that one runs
#
# Adding a case: write a function t_<name> that ends by calling exactly one of
# pass/fail/skip with the case id, and add <name> to CASES.
CASES="probe devnodes nproc hotplug hwrng dynlink supplicant keyctl ctl_list teec abi raw trusted taload ta ta_supp_killed kit examples storage_ta supplicant_alive"

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
npass=0 nfail=0 nskip=0

pass() { echo "PASS $1: $2"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2 ($3)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP $1: $2 ($3)"; nskip=$((nskip + 1)); }

# Value of NAME=VALUE on the kernel command line (empty when absent).
cmdline_param() {
    for w in $(cat /proc/cmdline); do
        case "$w" in "$1"=*) echo "${w#*=}"; return 0;; esac
    done
    return 1
}

NCPUS=$(cmdline_param mintee.ncpus)
EXPECT_RNG=$(cmdline_param mintee.expect_rng)
SUPPLICANT=$(cmdline_param mintee.supplicant)
case "$SUPPLICANT" in debian) SUPP_EXE=/usr/sbin/tee-supplicant.debian;; *) SUPP_EXE=/usr/sbin/tee-supplicant;; esac
LIBTEEC=/usr/lib/libteec.so.1.0.0
case "$NCPUS" in ''|*[!0-9]*) NCPUS=;; esac
ONLY=$(cmdline_param mintee.cases) && CASES=$(echo "$ONLY" | tr , ' ')

# Expected content of /sys/devices/system/cpu/online for CPUs 0..N-1.
cpu_range() { if [ "$1" -le 1 ]; then echo 0; else echo "0-$(($1 - 1))"; fi; }

# ---------------------------------------------------------------------------
t_probe() {
    local id=linux.probe what="OP-TEE driver probed"
    if dmesg | grep -q "optee: initialized driver"; then
        pass $id "$what"
    else
        local last
        last=$(dmesg | grep -i -E 'optee|tee:' | tail -n 1)
        fail $id "$what" "no 'optee: initialized driver' in dmesg${last:+; last: $last}"
    fi
}

t_devnodes() {
    local id=linux.devnodes what="/dev/tee0 and /dev/teepriv0 exist"
    local n missing=
    for n in /dev/tee0 /dev/teepriv0; do
        [ -c "$n" ] || missing="$missing $n"
    done
    if [ -z "$missing" ]; then pass $id "$what"
    else fail $id "$what" "missing:$missing"; fi
}

t_nproc() {
    local id=linux.nproc what="all CPUs online"
    if [ -z "$NCPUS" ]; then
        fail $id "$what" "no mintee.ncpus=N on the kernel command line"; return
    fi
    local got online
    got=$(nproc)
    online=$(cat /sys/devices/system/cpu/online)
    if [ "$got" = "$NCPUS" ] && [ "$online" = "$(cpu_range "$NCPUS")" ]; then
        pass $id "$what ($NCPUS)"
    else
        fail $id "$what" "nproc $got, online '$online', expected $NCPUS"
    fi
}

# The last kernel message about CPU1, to explain a hotplug failure.
cpu1_msg() {
    local m
    m=$(dmesg | grep -E 'CPU1|cpu1' | tail -n 1)
    [ -n "$m" ] && echo "; dmesg: $m"
}

t_hotplug() {
    local id=linux.hotplug what="CPU1 offline and back online"
    local f=/sys/devices/system/cpu/cpu1/online
    if [ -z "$NCPUS" ]; then
        fail $id "$what" "no mintee.ncpus=N on the kernel command line"; return
    fi
    if [ "$NCPUS" -le 1 ]; then
        skip $id "$what" "single CPU"; return
    fi
    if [ ! -w $f ]; then
        fail $id "$what" "$f missing"; return
    fi
    local before after cpu
    before=$(nproc)
    if ! timeout 30 sh -c "echo 0 > $f"; then
        fail $id "$what" "writing 0 to $f failed$(cpu1_msg)"; return
    fi
    after=$(nproc)
    if [ "$(cat $f)" != 0 ] || [ "$after" != $((before - 1)) ]; then
        fail $id "$what" "after offline: online=$(cat $f), nproc $after (was $before)$(cpu1_msg)"; return
    fi
    if ! timeout 30 sh -c "echo 1 > $f"; then
        fail $id "$what" "writing 1 to $f failed$(cpu1_msg)"; return
    fi
    after=$(nproc)
    if [ "$(cat $f)" != 1 ] || [ "$after" != "$before" ]; then
        fail $id "$what" "after online: online=$(cat $f), nproc $after (was $before)$(cpu1_msg)"; return
    fi
    # The CPU must really run tasks again: field 39 of /proc/self/stat is
    # the CPU the reading process (awk, pinned to CPU1) last ran on.
    cpu=$(timeout 10 taskset 0x2 awk '{ print $39 }' /proc/self/stat 2>&1)
    if [ "$cpu" != 1 ]; then
        fail $id "$what" "a task pinned to CPU1 ran on '$cpu'"; return
    fi
    pass $id "$what"
}

t_hwrng() {
    local id=linux.hwrng what="/dev/hwrng served by optee-rng"
    if [ "$EXPECT_RNG" != 1 ]; then
        skip $id "$what" "mintee.expect_rng=1 not given"; return
    fi
    local cur=/sys/class/misc/hw_random/rng_current
    if [ ! -c /dev/hwrng ] || [ ! -r $cur ]; then
        fail $id "$what" "no /dev/hwrng"; return
    fi
    if [ "$(cat $cur)" != optee-rng ]; then
        fail $id "$what" "rng_current is '$(cat $cur)'"; return
    fi
    local hex
    hex=$(timeout 20 dd if=/dev/hwrng bs=32 count=1 2>/dev/null | hexdump -v -e '1/1 "%02x"')
    if [ ${#hex} != 64 ]; then
        fail $id "$what" "read ${#hex} hex digits instead of 64"; return
    fi
    case "$hex" in
    *[!0]*) pass $id "$what" ;;
    *) fail $id "$what" "32 zero bytes" ;;
    esac
}

# The project's programs are dynamically linked (glibc's loader and
# mintee's libteec.so.1 from the initramfs), and a program needing a
# library that is not there fails to start.
t_dynlink() {
    local id=linux.dynlink what="programs run dynamically linked against /usr/lib/libteec.so.1"
    local p bad= out
    for p in /usr/bin/hello_world /usr/bin/random /usr/bin/mintee-ctl /usr/sbin/tee-supplicant \
             /tests/teec_tests /tests/tee_raw_tests /tests/teec_abi_client /bin/keyctl; do
        [ -x $p ] || { bad="$bad $p:missing"; continue; }
        grep -q /lib/ld-linux-armhf.so.3 $p || bad="$bad $p:static"
    done
    [ -e /lib/ld-linux-armhf.so.3 ] || bad="$bad no-loader"
    [ -f $LIBTEEC ] && [ "$(readlink /usr/lib/libteec.so.1)" = libteec.so.1.0.0 ] || bad="$bad no-$LIBTEEC"
    if [ -n "$bad" ]; then fail $id "$what" "${bad# }"; return; fi
    # The loader resolves libteec: list what the example maps at run time.
    out=$(LD_TRACE_LOADED_OBJECTS=1 /usr/bin/hello_world 2>&1)
    case "$out" in
    *"libteec.so.1 => /usr/lib/libteec.so.1"*) ;;
    *) fail $id "$what" "loader trace of hello_world: $(echo $out)"; return;;
    esac
    # libteec.so.2 (optee_client >= 4.2 programs) is the same library.
    [ "$(readlink /usr/lib/libteec.so.2)" = libteec.so.1.0.0 ] ||
        { fail $id "$what" "no /usr/lib/libteec.so.2 alias"; return; }
    pass $id "$what"
}

# The supplicant /init started (mintee's, or Debian's with
# mintee.supplicant=debian) holds /dev/teepriv0, and, being dynamically
# linked, has mintee's libteec.so.1 mapped (Debian's imports _dprintf and
# dump_buffer from it).
supp_pid() {
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink $p/exe 2>/dev/null)" = "$SUPP_EXE" ] && { echo ${p#/proc/}; return 0; }
    done
    return 1
}
t_supplicant() {
    local id=linux.supplicant what="$SUPP_EXE (dynamically linked) holds /dev/teepriv0" pid fd held=
    pid=$(supp_pid) || { fail $id "$what" "not running; console: $(dmesg | tail -n 1)"; return; }
    for fd in /proc/$pid/fd/*; do
        case "$(readlink $fd)" in /dev/teepriv*) held=1;; esac
    done
    [ -n "$held" ] || { fail $id "$what" "pid $pid holds no /dev/teepriv*"; return; }
    # mintee's own supplicant uses the TEE ioctls directly (it links no
    # libteec function); Debian's imports the trace helpers.
    if [ "$SUPPLICANT" = debian ] && ! grep -q " $LIBTEEC\$" /proc/$pid/maps; then
        fail $id "$what" "pid $pid does not map $LIBTEEC"; return
    fi
    grep -q " /lib/arm-linux-gnueabihf/libc.so.6\$" /proc/$pid/maps ||
        { fail $id "$what" "pid $pid does not map glibc's libc.so.6"; return; }
    pass $id "$what (pid $pid)"
}
# ... and is still there after all the client tests.
# tee-supplicant killed while a TA load waits on it: the open fails (the
# driver answers the pending request), nothing is left behind, and with a
# new supplicant the TA loads again.
t_ta_supp_killed() {
    local id=linux.ta.supplicant_killed what="tee-supplicant killed during a TA load: the open fails, the pool is back at baseline, a restarted supplicant serves the next load"
    local pid out ok=1 why=
    pid=$(supp_pid) || { fail $id "$what" "no supplicant running"; return; }
    kill -STOP $pid
    mintee-ctl invoke $TA_10 1 41 > /tmp/ta_killed.out 2>&1 &
    local client=$!
    sleep 1
    kill -KILL $pid
    if ! timeout 20 sh -c "while kill -0 $client 2>/dev/null; do sleep 0.2; done"; then
        ok=0; why="the client still waits 20 s after the kill"
    fi
    wait $client 2>/dev/null
    out=$(head -n 1 /tmp/ta_killed.out)
    echo "$out" | grep -q "^TEEC_OpenSession: " || { ok=0; why="${why:-the open did not fail: $out}"; }
    "$SUPP_EXE" &
    echo $! > /run/tee-supplicant.pid
    sleep 1
    ta_pool_is_baseline || { ok=0; why="${why:-pool not at baseline: $(mintee-ctl invoke $TA_TEST 7 out 2>&1 | grep '^p0')}"; }
    mintee-ctl invoke $TA_10 1 41 2>&1 | grep -q "^p0: a = 42 " || { ok=0; why="${why:-no load with the new supplicant}"; }
    if [ $ok = 1 ]; then pass $id "$what ($out)"; else fail $id "$what" "$why"; fi
}

t_supplicant_alive() {
    local id=linux.supplicant_alive what="$SUPP_EXE still running after the client tests" pid
    if pid=$(supp_pid); then pass $id "$what (pid $pid)"
    else fail $id "$what" "it exited"; fi
}

# Debian's keyctl (dynamically linked with libkeyutils.so.1) works: in a
# fresh session keyring (which the shell then possesses), add a user key and
# read it back.
t_keyctl() {
    local id=linux.keyctl what="keyctl (Debian keyutils) adds and reads a user key" v
    # (keyctl session announces the keyring it joined on stderr.)
    v=$(keyctl session - sh -c 'k=$(keyctl add user mintee-test hello-keys @s) && keyctl print $k' 2>/tmp/keyctl.err)
    if [ "$v" = hello-keys ]; then pass $id "$what"
    else fail $id "$what" "keyctl: $(echo $v $(cat /tmp/keyctl.err))"; fi
}

# mintee-ctl list claims nothing the firmware did not answer: the built-in
# hello world opens ("present"), and what it says of the trusted-keys UUID (which it only
# knows a name for) is what an OPEN_SESSION of that UUID gives.
t_ctl_list() {
    local id=linux.ctl_list what="mintee-ctl list reports the firmware's answers" out rc tk inv
    out=$(mintee-ctl list 2>&1); rc=$?
    [ $rc = 0 ] || { fail $id "$what" "exit status $rc: $(echo "$out" | tail -n 1)"; return; }
    echo "$out" | grep -q '^  a189a48a-63ac-46b4-ad0f-b0da7c39ca81  hello-pta     present:' ||
        { fail $id "$what" "hello-world not reported present"; return; }
    tk=$(echo "$out" | grep '^  f04a0fe7-1f5d-4b9b-abf7-619b85b4ce8c ')
    inv=$(mintee-ctl invoke trusted-keys 0 2>&1 | head -n 1)
    case "$inv" in
    "TEEC_OpenSession: TEEC_ERROR_ITEM_NOT_FOUND"*) want="not present";;
    "TEEC_OpenSession: "*) want="refused: ${inv#TEEC_OpenSession: }";;
    *) want="present:";;
    esac
    case "$tk" in
    *"  $want"*) pass $id "$what (trusted-keys: $want)";;
    *) fail $id "$what" "trusted-keys line '$tk', an open gives '$inv'";;
    esac
}

# run_program ID WHAT PROGRAM: a C test program run with -S (no summary of
# its own); its PASS/FAIL lines count as this tier's cases.
run_program() {
    local id=$1 what=$2 prog=$3 out=/tmp/${1##*.}.out
    if [ ! -x "$prog" ]; then
        fail $id "$what" "$prog missing"; return
    fi
    "$prog" -S >$out 2>&1
    local rc=$?
    cat $out
    local p f
    p=$(grep -c '^PASS ' $out)
    f=$(grep -c '^FAIL ' $out)
    npass=$((npass + p)); nfail=$((nfail + f))
    if [ "$p" = 0 ] || { [ $rc != 0 ] && [ "$f" = 0 ]; }; then
        fail $id "$what" "exit status $rc, $p passed"
    fi
}

# The GP Client API tests (client/, tests/linux/teec_tests.c).
t_teec() { run_program linux.teec "GP TEE Client API tests" /tests/teec_tests; }
# A client built against upstream's struct layout (tests/linux/teec_abi_client.c).
t_abi() { run_program linux.teec_abi "client built with upstream's struct layout" /tests/teec_abi_client; }
# The raw TEE ioctl tests (tests/linux/tee_raw_tests.c, no libteec).
t_raw() { run_program linux.raw "raw TEE ioctl tests" /tests/tee_raw_tests; }

# run_script ID WHAT SCRIPT ARGS...: a shell script printing PASS/FAIL/SKIP
# lines of its own, counted as this tier's cases.
run_script() {
    local id=$1 what=$2 out=/tmp/${1##*.}.out
    shift 2
    if [ ! -x "$1" ]; then
        fail $id "$what" "$1 missing"; return
    fi
    "$@" >$out 2>&1
    cat $out
    local p f k
    p=$(grep -c '^PASS ' $out)
    f=$(grep -c '^FAIL ' $out)
    k=$(grep -c '^SKIP ' $out)
    npass=$((npass + p)); nfail=$((nfail + f)); nskip=$((nskip + k))
    if [ $((p + f + k)) = 0 ]; then
        fail $id "$what" "no result lines"
    fi
}

# The kernel's trusted keys sealed by mintee (tests/linux/trusted_keys.sh).
t_trusted() { run_script linux.tk "trusted keys within one boot" /tests/trusted_keys.sh boot; }
t_tk_export() { run_script linux.tk "trusted keys: export" /tests/trusted_keys.sh export; }
t_tk_import() { run_script linux.tk "trusted keys: import" /tests/trusted_keys.sh import; }

# User-TA loading through tee-supplicant (core/ta/ta_store.c,
# client/supplicant/ta_load.c): OPEN_SESSION of a UUID no built-in service
# answers. A verified image runs (the test TA, tests/ta/test; cmd 0 is a
# no-op); bad images get their codes, origin TEE. The images shipped:
# /lib/optee_armtz/<uuid>.ta.
TA_DIR=/lib/optee_armtz
TA_U=5ce0c432-0ab0-40e5-a056-782ca0e6ab01
TA_V=5ce0c432-0ab0-40e5-a056-782ca0e6ab02
TA_W=5ce0c432-0ab0-40e5-a056-782ca0e6ab03
# $1 id, $2 what, $3 UUID, $4 expected result code (hex, lower case)
ta_open_case() {
    local out
    out=$(mintee-ctl invoke "$3" 0 2>&1)
    if echo "$out" | grep -q "TEEC_OpenSession: .*(0x$4), origin TEEC_ORIGIN_TEE"; then
        pass $1 "$2"
    else
        fail $1 "$2" "$(echo "$out" | head -n 1)"
    fi
}
# $1 id, $2 what, $3 UUID: the TA opens and its no-op (cmd 0) succeeds.
ta_ok_case() {
    local out
    out=$(mintee-ctl invoke "$3" 0 2>&1)
    if echo "$out" | grep -q "^result: .*(0x00000000), origin TEEC_ORIGIN_TRUSTED_APP"; then
        pass $1 "$2"
    else
        fail $1 "$2" "$(echo "$out" | head -n 1)"
    fi
}
t_taload() {
    if [ ! -f $TA_DIR/$TA_U.ta ]; then
        fail linux.taload.shipped "the initramfs ships $TA_DIR/$TA_U.ta" "missing"; return
    fi
    ta_ok_case linux.taload.verified "the shipped TA is loaded by tee-supplicant, verified and run (no-op invoke)" $TA_U
    ta_open_case linux.taload.missing "a UUID with no file: ITEM_NOT_FOUND" $TA_W ffff0008
    cp $TA_DIR/$TA_U.ta $TA_DIR/$TA_V.ta
    ta_open_case linux.taload.other_uuid "the image renamed to another UUID: SECURITY (signed UUID checked)" \
        $TA_V ffff000f
    rm -f $TA_DIR/$TA_V.ta
    echo "not a TA" > $TA_DIR/$TA_W.ta
    ta_open_case linux.taload.garbage "a file that is not a signed TA: SECURITY" $TA_W ffff000f
    rm -f $TA_DIR/$TA_W.ta
    cp $TA_DIR/$TA_U.ta /tmp/ta_u.bak
    printf '\001' | dd of=$TA_DIR/$TA_U.ta bs=1 seek=1000 conv=notrunc 2>/dev/null
    ta_open_case linux.taload.tampered "one byte of the ELF changed: SECURITY" $TA_U ffff000f
    cp /tmp/ta_u.bak $TA_DIR/$TA_U.ta
    ta_ok_case linux.taload.after_refusals "after the refusals the good image verifies and runs again" $TA_U
}

# User TAs at run time (core/ta, thread/thread_user*, mm/ta_mmu.c), through
# mintee-ctl and the test TA (tests/ta/test/test_ta.h has the commands).
TA_10=5ce0c432-0ab0-40e5-a056-782ca0e6ab10
TA_12=5ce0c432-0ab0-40e5-a056-782ca0e6ab12
TA_13=5ce0c432-0ab0-40e5-a056-782ca0e6ab13
TA_TEST=5ce0c432-0ab0-40e5-a056-782ca0e6aba2
# $1 id, $2 what, $3 grep pattern the output must match, then mintee-ctl invoke's arguments
ta_expect() {
    local id=$1 what=$2 pat=$3 out
    shift 3
    out=$(mintee-ctl invoke "$@" 2>&1)
    if echo "$out" | grep -q "$pat"; then pass $id "$what"
    else fail $id "$what" "$(echo "$out" | tr '\n' ' ' | cut -c1-200)"; fi
}
# The TA pool and instances, from the test service's TA_STATS (a = bytes, b = instances).
ta_pool_is_baseline() {
    mintee-ctl invoke $TA_TEST 7 out 2>&1 | grep -q "^p0: a = 0 (0x0), b = 0 "
}
t_ta() {
    ta_expect linux.ta.value "VALUE_INOUT 41 comes back 42 from a user TA" "^p0: a = 42 " $TA_10 1 41
    ta_expect linux.ta.ree_time "REE time syscall (RPC GET_TIME, Linux's wall clock): seconds past 2020" \
        "^p0: a = 1[6-9][0-9]\{8\} " $TA_10 7 out
    ta_expect linux.ta.system_time "system time syscall (secure counter) succeeds" \
        "^result: .*(0x00000000)" $TA_10 6 out
    local d
    for d in read_core:9:0x0e000000 read_ns:9:0x40000000 read_guard:9:0x20000000 \
             write_core:10:0x0e100000 exec_ns:11:0x40000000 write_text:12:0 exec_data:13:0 \
             undef:14:0 stack_overflow:15:0 panic:16:0 bad_syscall:17:0 vfp:18:0 heap_exhausted:32:0; do
        set -- $(echo $d | tr ':' ' ')
        ta_expect linux.ta.die.$1 "$1 kills the TA alone: TARGET_DEAD" "^result: .*(0xffff3024)" $TA_10 $2 $(($3))
    done
    ta_expect linux.ta.still_serving "after every death a built-in service and the TA still answer" \
        "^p0: a = 42 " a189a48a-63ac-46b4-ad0f-b0da7c39ca81 0 41
    ta_expect linux.ta.spin "a TA spinning for a while in user mode finishes (foreign interrupts go to Linux)" \
        "^result: .*(0x00000000)" $TA_10 19 in:8
    ta_expect linux.ta.ta2pta "a TA calls the built-in hello world service (41 -> 42)" "^p0: a = 42 " $TA_12 27 out
    ta_expect linux.ta.ta2ta "a TA calls another TA: value, memref, identity TRUSTED_APP + caller UUID, close" \
        "^p1: a = 31 " $TA_12 28 in:16 out
    ta_expect linux.ta.keep_alive_1 "KEEP_ALIVE TA, first session: 1st invoke" "^p0: a = 1 (0x1), b = 1 " $TA_13 1 0
    ta_expect linux.ta.keep_alive_2 "KEEP_ALIVE TA, a later session finds its state: 2nd invoke" \
        "^p0: a = 1 (0x1), b = 2 " $TA_13 1 0
    ta_expect linux.ta.keep_alive_dies "the KEEP_ALIVE instance faults: TARGET_DEAD, and it is gone" \
        "^result: .*(0xffff3024)" $TA_13 9 $((0x0e000000))
    # Sessions from every CPU at once: more clients than CPUs and secure
    # threads. Opens that find every load slot taken get BUSY (ta_runtime.h):
    # each client retries those, up to 50 times.
    local n=$(( ${NCPUS:-2} * 3 )) j ok=0
    for j in $(seq 1 $n); do
        ( k=0; while [ $k -lt 50 ]; do
              mintee-ctl invoke $TA_10 1 $j > /tmp/ta_par.$j 2>&1
              grep -q "TEEC_ERROR_BUSY" /tmp/ta_par.$j || break
              k=$((k + 1)); usleep 20000
          done ) &
    done
    wait
    for j in $(seq 1 $n); do
        grep -q "^p0: a = $((j + 1)) " /tmp/ta_par.$j && ok=$((ok + 1))
    done
    if [ $ok = $n ]; then pass linux.ta.parallel "$n clients at once (retrying BUSY), each with its own TA instance: all right, no deadlock"
    else fail linux.ta.parallel "$n clients at once, each with its own TA instance" "$ok of $n right; $(head -n 1 /tmp/ta_par.1)"; fi
    rm -f /tmp/ta_par.*
    local i n=0
    for i in $(seq 1 100); do
        mintee-ctl invoke $TA_10 0 >/dev/null 2>&1 && n=$((n + 1))
    done
    if [ $n = 100 ] && ta_pool_is_baseline; then
        pass linux.ta.cycles "100 load/run/unload cycles, TA pool back at baseline (0 bytes, no instance)"
    else
        fail linux.ta.cycles "100 load/run/unload cycles, TA pool back at baseline" \
            "$n succeeded; $(mintee-ctl invoke $TA_TEST 7 out 2>&1 | grep '^p0')"
    fi
}

# Our example TAs (ta/examples, built against the exported kit) at the UUIDs
# of OP-TEE's hello world and random examples, with our example clients.
t_examples() {
    local out
    out=$(hello_world 41 2>&1)
    case "$out" in
    *"after increment: 42"*"after decrement: 41"*)
        pass linux.examples.hello_world "hello_world client and the hello world TA (8aaaf200-...): 41 -> 42 -> 41";;
    *) fail linux.examples.hello_world "hello_world client and TA" "$(echo "$out" | tr '\n' ' ' | cut -c1-200)";;
    esac
    out=$(random -t -n 64 2>&1)
    if [ "$(echo "$out" | tr -d '\n' | grep -c '^[0-9a-f]\{128\}$')" = 1 ] &&
       [ "$(echo "$out" | tr -d '\n')" != "$(printf '%0128d' 0)" ]; then
        pass linux.examples.random_ta "random -t: 64 bytes from the random TA (b6c53aba-...), not all zero"
    else
        fail linux.examples.random_ta "random -t: 64 bytes from the random TA" "$(echo "$out" | tr '\n' ' ' | cut -c1-200)"
    fi
}

# The dev kit's out-of-tree TA (tests/kit_ta, built against
# build/export-ta_arm32 only): every p0 is VALUE_INOUT {a, b}.
KIT_TA=6b69745f-7461-4f6d-8e74-656573747461
t_kit() {
    ta_expect linux.kit.inc "a TA built with the exported kit answers: 41 + 1" "^p0: a = 42 " $KIT_TA 0 41
    ta_expect linux.kit.flags "CFG_ make variable and per-file / per-dir sub.mk cflags reach the code" \
        "^p0: a = 1234 (0x4d2), b = 73 " $KIT_TA 1 0
    ta_expect linux.kit.heap "TEE_Malloc (zeroed), MemFill, Realloc, MemMove (overlap), MemCompare, Free over TA_DATA_SIZE; bad hint NULL" \
        "^p0: a = 1 " $KIT_TA 2 0
    ta_expect linux.kit.snprintf "newlib's snprintf in a TA (text relocations applied by the loader)" \
        "^p0: a = 9 " $KIT_TA 3 12345 678
    ta_expect linux.kit.props "TA_CURRENT_TA_EXT_PROPERTIES: the U32 and the string property" \
        "^p0: a = 90 (0x5a), b = 1 " $KIT_TA 4 0
    ta_expect linux.kit.random "TEE_GenerateRandom: 32 bytes, not all zero" "^p0: a = 1 " $KIT_TA 5 0
    ta_expect linux.kit.instance_data "TEE_SetInstanceData / TEE_GetInstanceData" "^p0: a = 1 " $KIT_TA 6 0
    # 15 = gpd.ta.appID (the core's) + 10 from the flags and sizes + 4 extension properties
    ta_expect linux.kit.props_u64_blob_enum "AsU64, AsBinaryBlock (base64), enumerators over the TA, client and TEE sets (names, values through the enumerator, SHORT_BUFFER, not started)" \
        "^p0: a = 63 (0x3f), b = 15 " $KIT_TA 7 0
    ta_expect linux.kit.panic_bad_handle "TEE_GetPropertyName on a handle that is no enumerator panics (GP): TARGET_DEAD, origin TEE" \
        "^result: .*(0xffff3024), origin TEEC_ORIGIN_TEE" $KIT_TA 8 0
    ta_expect linux.kit.time "TEE_GetSystemTime never goes back (1000 readings); TEE_Wait(20) waits at least 20 ms" \
        "^p0: a = 1 (0x1), b = 1 " $KIT_TA 9 0
}

# Secure storage from a TA (tests/storage_ta, built with the exported kit):
# the GP functions through their results, objects kept across sessions,
# files under tee-supplicant's FS root, a changed file refused.
ST_TA=73746f72-6167-4554-a100-000000000001
ST_CHECKS=46
st_folder() {
    local r
    for r in /var/lib/tee /var/lib/optee-client/data/tee; do
        [ -d "$r/$ST_TA" ] && { echo "$r/$ST_TA"; return 0; }
    done
    return 1
}
t_storage_ta() {
    local out dir f n
    ta_expect linux.storage_ta.api "$ST_CHECKS checks of the GP persistent-object and data-stream functions in a TA (errors, sharing, 64-byte ids, 256 KiB, enumeration)" \
        "^p0: a = $ST_CHECKS (.*), b = 0 " $ST_TA 0 0 0
    mintee-ctl invoke $ST_TA 3 7 0 >/dev/null 2>&1	# left by an earlier run
    out=$(mintee-ctl invoke $ST_TA 1 7 4660 2>&1)
    if ! echo "$out" | grep -q "^result: .*(0x00000000)"; then
        fail linux.storage_ta.persist "an object written in one session reads back in the next" "PUT: $(echo "$out" | head -n 1)"
        return
    fi
    ta_expect linux.storage_ta.persist "an object written in one session reads back in the next (4 KiB, a new instance)" \
        "^p0: a = 7 (0x7), b = 4660 " $ST_TA 2 7 0
    dir=$(st_folder)
    n=$(ls "$dir" 2>/dev/null | grep -c '^o')
    if [ -n "$dir" ] && [ -f "$dir/dirf.db" ] && [ "$n" = 1 ] && \
       ! grep -q "key-00000007" "$dir"/*; then
        pass linux.storage_ta.files "dirf.db and one object file in $dir, no plaintext id"
    else
        fail linux.storage_ta.files "dirf.db and one object file under the FS root" "folder '$dir', $n object files"
    fi
    f=$(ls "$dir"/o* 2>/dev/null | head -n 1)
    if [ -n "$f" ] && printf '\377' | dd of="$f" bs=1 seek=100 count=1 conv=notrunc 2>/dev/null; then
        ta_expect linux.storage_ta.tampered "a changed object file: TEE_ERROR_CORRUPT_OBJECT, no data" \
            "^result: .*(0xf0100001)" $ST_TA 2 7 0
    else
        fail linux.storage_ta.tampered "a changed object file is refused" "no object file to change in '$dir'"
    fi
    ta_expect linux.storage_ta.delete "a corrupt object can still be deleted (WRITE_META only), then ITEM_NOT_FOUND" \
        "^result: .*(0x00000000)" $ST_TA 3 7 0
    ta_expect linux.storage_ta.gone "after the delete: ITEM_NOT_FOUND" "^result: .*(0xffff0008)" $ST_TA 2 7 0
}

# ---------------------------------------------------------------------------
for c in $CASES; do
    t_$c
done
if [ $nskip -gt 0 ]; then
    echo "$npass passed, $nfail failed, $nskip skipped"
else
    echo "$npass passed, $nfail failed"
fi
[ $nfail = 0 ]
