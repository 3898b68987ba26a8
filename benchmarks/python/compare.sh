#!/usr/bin/env bash
# Runs the process-pool workloads on the JVM (dev.pyconcurrent.benchmarks.ProcessSideBySide) and in
# CPython (side_by_side.py) and prints the seconds of each side by side with the Java/Python ratio
# (below 1: the JVM is faster). Also prints the time of a bare `java -version` for the cold-start goal.
# Usage: benchmarks/python/compare.sh [runs]   (build first: mvn -B -ntp package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 1; }
python=${PYTHON:-python3}

java_out=$(java -cp "$jar" dev.pyconcurrent.benchmarks.ProcessSideBySide "$runs" 2>/dev/null)
python_out=$("$python" benchmarks/python/side_by_side.py "$runs")

version_times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    java -version >/dev/null 2>&1
    version_times+=($(( $(date +%s%N) - start )))
done
java_version=$(printf '%s\n' "${version_times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")

echo "$("$python" --version 2>&1) vs $(java -version 2>&1 | head -1); median of $runs runs; seconds"
printf '%-30s %10s %10s %12s\n' workload java python java/python
while read -r name jsec; do
    psec=$(awk -v n="$name" '$1 == n { print $2 }' <<<"$python_out")
    ratio=$(awk -v j="$jsec" -v p="$psec" 'BEGIN { if (p > 0) printf "%.2f", j / p; else print "-" }')
    printf '%-30s %10s %10s %12s\n' "$name" "$jsec" "${psec:--}" "$ratio"
done <<<"$java_out"
awk -v ns="$java_version" 'BEGIN { printf "%-30s %10.4f\n", "bare java -version", ns / 1e9 }'
