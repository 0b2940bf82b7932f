#!/usr/bin/env bash
# Batch throughput of the `viet-text` binary: MB/s of `viet-text extract` on
# the bench corpus with one and with two worker threads, as a whole document
# per file and with --lines.
#
#   bash benches/batch.sh [CORPUS] [COPIES]
#
# CORPUS defaults to ../shared/data/bench/viwiki.txt (skipped cleanly when
# absent); it is passed COPIES times (default 8) so each run lasts long enough
# to time. Each figure is the best of REPS runs (default 5) of wall-clock time,
# process start-up and lexicon loading included. Other load on the machine
# makes the figures lower and noisier: the script prints `uptime` first.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/data/bench/viwiki.txt}
copies=${2:-8}
reps=${REPS:-5}
if [ ! -f "$corpus" ]; then
    echo "batch.sh: $corpus not found; skipping the batch benchmark"
    exit 0
fi

cargo build --release --quiet --bin viet-text
bin=target/release/viet-text
bytes=$(( $(wc -c < "$corpus") * copies ))
files=()
for _ in $(seq "$copies"); do files+=("$corpus"); done

echo "corpus: $corpus x $copies = $bytes bytes; best of $reps runs"
echo "load:  $(uptime)"
echo "cores: $(nproc)"

now() { date +%s.%N; }

# best_time MODE JOBS -> seconds (best of $reps)
best_time() {
    local mode=$1 jobs=$2 best="" t0 t1 t
    local args=(extract --jobs "$jobs" --no-progress)
    [ "$mode" = lines ] && args+=(--lines)
    for _ in $(seq "$reps"); do
        t0=$(now)
        "$bin" "${args[@]}" "${files[@]}" > /dev/null
        t1=$(now)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    done
    echo "$best"
}

printf '%-9s %6s %10s %10s %8s\n' mode jobs seconds MB/s speedup
for mode in document lines; do
    t1=$(best_time "$mode" 1)
    t2=$(best_time "$mode" 2)
    for jobs in 1 2; do
        t=$t1; [ "$jobs" = 2 ] && t=$t2
        awk -v m="$mode" -v j="$jobs" -v t="$t" -v b="$bytes" -v t1="$t1" \
            'BEGIN { printf "%-9s %6d %10.3f %10.1f %7.2fx\n", m, j, t, b / 1e6 / t, t1 / t }'
    done
done
