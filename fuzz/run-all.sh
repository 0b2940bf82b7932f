#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 60), nice'd, one
# after the other, then prints the corpus sizes and any new crash artifacts.
#
#   fuzz/run-all.sh 600                    # ten minutes per target
#   TARGETS="tokenize extract" fuzz/run-all.sh 120
#   SANITIZER=none fuzz/run-all.sh 60      # without AddressSanitizer (use this
#                                          # where the ASan build fails)
#   STOP_ON_CRASH=1 fuzz/run-all.sh 60     # stop each target at its first crash
#
# Works on a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass the
# nightly-only -Z flags it needs. `-a` keeps debug assertions on, so the
# crate's own debug_assert!s are checked too. By default libFuzzer runs in
# fork mode and keeps going after a crash, so one known bug does not stop a
# target from exploring for the rest of its time; every crash is still saved
# under fuzz/artifacts/<target>/. Exit status: 1 if any target crashed.
set -u
cd "$(dirname "$0")"
SECS="${1:-60}"
SANITIZER="${SANITIZER:-address}"
export RUSTC_BOOTSTRAP=1
TARGETS="${TARGETS:-$(cargo fuzz list)}"
if [ "${STOP_ON_CRASH:-0}" = 1 ]; then
    MODE=()
else
    MODE=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
nice -n 19 cargo fuzz build -a -s "$SANITIZER" || exit 2
crashed=()
count_artifacts() { find "artifacts/$1" -type f 2>/dev/null | wc -l; }
for t in $TARGETS; do
    echo "=== $t: ${SECS}s"
    before="$(count_artifacts "$t")"
    nice -n 19 cargo fuzz run -a -s "$SANITIZER" "$t" -- "${MODE[@]}" \
        -max_total_time="$SECS" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -dict=viet.dict 2>&1 | grep -E '^#[0-9]+:|^Done|^SUMMARY|panicked at|^(assertion|thread)' | tail -n 4
    status="${PIPESTATUS[0]}"
    after="$(count_artifacts "$t")"
    if [ "$status" != 0 ] || [ "$after" -gt "$before" ]; then
        echo "--- $t: $((after - before)) new artifact(s), exit status $status"
        crashed+=("$t")
    fi
done
echo
echo "=== corpus sizes (files, bytes)"
for d in corpus/*/; do
    t="$(basename "$d")"
    printf '%-20s %6d files %10d bytes\n' "$t" "$(find "$d" -type f | wc -l)" \
        "$(find "$d" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')"
done
if [ "${#crashed[@]}" -gt 0 ]; then
    echo "=== CRASHED: ${crashed[*]}"
    echo "    reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run -a <target> fuzz/artifacts/<target>/<file>"
    echo "    minimize:  RUSTC_BOOTSTRAP=1 cargo fuzz tmin -a <target> fuzz/artifacts/<target>/<file>"
    exit 1
fi
echo "=== all targets ran ${SECS}s without a crash"
