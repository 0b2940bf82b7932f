#!/usr/bin/env bash
# Groups the crash artifacts of each target by panic message, so that one
# known bug with a hundred inputs reads as one line. Usage: fuzz/triage.sh [TARGET...]
set -u
cd "$(dirname "$0")"
BIN=target/x86_64-unknown-linux-gnu/release
for t in ${@:-$(ls artifacts 2>/dev/null)}; do
    [ -x "$BIN/$t" ] || continue
    for f in artifacts/"$t"/*; do
        [ -f "$f" ] || continue
        msg="$("$BIN/$t" "$f" 2>&1 | grep -A1 'panicked at' | tail -n 1 | cut -c1-110 \
            | sed -E 's/"[^"]*"/"…"/g; s/[0-9]+/N/g')"
        printf '%s\t%s\t%s\n' "$t" "${msg:-no crash now}" "$(wc -c < "$f")"
    done
done | sort | awk -F'\t' '{k=$1"\t"$2; n[k]++; if (!(k in m) || $3<m[k]) m[k]=$3} END {for (k in n) printf "%-18s %4d× (smallest %d B)  %s\n", substr(k,1,index(k,"\t")-1), n[k], m[k], substr(k,index(k,"\t")+1)}' | sort
