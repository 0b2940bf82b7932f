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

# measure MODE JOBS -> "wall cpu" in seconds: the best wall time of $reps runs,
# and the CPU time (user + system, all threads) of that run when GNU time is
# there (else "-"). CPU time shows the cost of parallelism even when other
# load on the machine makes wall-clock speed-ups meaningless.
measure() {
    local mode=$1 jobs=$2 best="" cpu_best="-" t0 t1 t cpu
    local args=(extract --jobs "$jobs" --no-progress)
    [ "$mode" = lines ] && args+=(--lines)
    for _ in $(seq "$reps"); do
        cpu="-"
        t0=$(now)
        if [ -x /usr/bin/time ]; then
            cpu=$( { /usr/bin/time -f "%U %S" "$bin" "${args[@]}" "${files[@]}" > /dev/null; } 2>&1 \
                | tail -n 1 | awk '{ printf "%.3f", $1 + $2 }')
        else
            "$bin" "${args[@]}" "${files[@]}" > /dev/null
        fi
        t1=$(now)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
            best=$t
            cpu_best=$cpu
        fi
    done
    echo "$best $cpu_best"
}

printf '%-9s %5s %9s %9s %8s %9s %12s\n' mode jobs wall_s MB/s speedup cpu_s MB/cpu_s
for mode in document lines; do
    read -r w1 c1 < <(measure "$mode" 1)
    read -r w2 c2 < <(measure "$mode" 2)
    for jobs in 1 2; do
        w=$w1 c=$c1
        [ "$jobs" = 2 ] && w=$w2 c=$c2
        awk -v m="$mode" -v j="$jobs" -v w="$w" -v c="$c" -v b="$bytes" -v w1="$w1" 'BEGIN {
            per = (c == "-") ? "-" : sprintf("%.1f", b / 1e6 / c)
            printf "%-9s %5d %9.3f %9.1f %7.2fx %9s %12s\n", m, j, w, b / 1e6 / w, w1 / w, c, per
        }'
    done
done
echo "load after: $(uptime)"
