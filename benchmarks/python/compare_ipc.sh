#!/usr/bin/env bash
# Runs the inter-process workloads on the JVM (dev.pyconcurrent.benchmarks.IpcSideBySide) and in
# CPython (ipc_side_by_side.py) and prints the seconds of each side by side with the Java/Python
# ratio (below 1: the JVM is faster), plus the same figures as microseconds per operation or items
# per second. Also prints the load average: the figures mean little on a busy machine.
# Usage: benchmarks/python/compare_ipc.sh [runs]   (build first: mvn -B -ntp package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
python=${PYTHON:-python3}

java_out=$(java -cp "$jar" dev.pyconcurrent.benchmarks.IpcSideBySide "$runs" 2>/dev/null)
python_out=$("$python" benchmarks/python/ipc_side_by_side.py "$runs")

# name seconds -> a human unit: items/s for the 100k workloads, microseconds per operation otherwise
human() {
    awk -v n="$1" -v s="$2" 'BEGIN {
        if (s == "" || s <= 0) { print "-"; exit }
        if (n ~ /_100k_items$/) printf "%.0f items/s", 100000 / s
        else if (s < 1e-6) printf "%.0f ns/op", s * 1e9
        else printf "%.1f us/op", s * 1e6 }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo -)"
echo "$("$python" --version 2>&1) vs $(java -version 2>&1 | head -1); median of $runs runs; seconds"
printf '%-30s %11s %11s %8s   %-16s %-16s\n' workload java python j/p java python
while read -r name jsec; do
    psec=$(awk -v n="$name" '$1 == n { print $2 }' <<<"$python_out")
    ratio=$(awk -v j="$jsec" -v p="$psec" 'BEGIN { if (p > 0) printf "%.3g", j / p; else print "-" }')
    printf '%-30s %11s %11s %8s   %-16s %-16s\n' "$name" "$jsec" "${psec:--}" "$ratio" \
        "$(human "$name" "$jsec")" "$(human "$name" "$psec")"
done <<<"$java_out"
