#!/usr/bin/env bash
# Benchmark report: runs the JMH suite with JSON output, then draws the PNG charts and the
# Markdown summary of docs/benchmarks/ (BenchReport, in this module).
#
# Usage, from the repository root (or anywhere: paths are taken from this script's location):
#   bash benchmarks/report.sh                       # whole suite, quick profile
#   bash benchmarks/report.sh 'CounterBenchmark|QueueBenchmark'   # a subset (JMH regex)
#   bash benchmarks/report.sh --full                # JMH's default settings (hours)
#   bash benchmarks/report.sh --report-only         # redraw from the last JSON, no run
#
# Options (before the JMH arguments):
#   --full           JMH defaults instead of the quick profile  -f 1 -wi 2 -w 1s -i 3 -r 1s
#   --report-only    skip the build and the run; redraw from benchmarks/target/jmh.json
#   --python FILE    CPython timings, a JSON object {"workload": seconds, ...}; by default
#                    benchmarks/target/python.json is used when it exists, else skipped
#   --out DIR        chart directory (default docs/benchmarks)
# Anything else is passed to JMH (a benchmark regex, -p impl=pyconcurrent, -t 2, ...).
#
# Environment:
#   JAVA             java binary (default: $JAVA_HOME/bin/java, else java)
#   MVN_FLAGS        flags of the build, run when benchmarks/target/benchmarks.jar is missing or
#                    older than the sources (default: -B -q -ntp; add -o to build offline)
#   JMH_IGNORE_LOCK  set to 1 to run although another JMH run holds /tmp/jmh.lock (the two runs
#                    then disturb each other's numbers)
#
# Output: benchmarks/target/jmh.json (JMH's raw results), DIR/<Class>.png (scores with
# error bars), DIR/<Class>-ratio.png (pyconcurrent's speed relative to its java.util.concurrent
# / JDK baselines), DIR/python.png (with CPython timings) and DIR/RESULTS.md (the same numbers
# as tables). Every chart is labelled with the machine (read where the report runs), the JDK
# of the run and the date. A subset run rewrites RESULTS.md with that subset only and leaves
# the other classes' PNGs in place.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
json="$here/target/jmh.json"
out="$root/docs/benchmarks"
python="$here/target/python.json"
python_given=0
profile=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
run=1
jmh_args=()

while [ $# -gt 0 ]; do
    case "$1" in
        --full) profile=(); shift ;;
        --report-only) run=0; shift ;;
        --python) python="$2"; python_given=1; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) jmh_args+=("$1"); shift ;;
    esac
done

if [ -n "${JAVA:-}" ]; then
    java_bin="$JAVA"
elif [ -n "${JAVA_HOME:-}" ]; then
    java_bin="$JAVA_HOME/bin/java"
else
    java_bin=java
fi

if [ "$run" = 1 ]; then
    stale=0
    if [ ! -f "$jar" ]; then
        stale=1
    elif [ -n "$(find "$root/core/src/main" "$here/src/main" "$root/pom.xml" "$root/core/pom.xml" "$here/pom.xml" \
                  -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
        stale=1
    fi
    if [ "$stale" = 1 ]; then
        echo "building $jar"
        # shellcheck disable=SC2086
        (cd "$root" && mvn ${MVN_FLAGS:--B -q -ntp} -pl core,benchmarks -am package -DskipTests)
    fi
    lock=()
    if [ "${JMH_IGNORE_LOCK:-0}" = 1 ]; then
        lock=(-Djmh.ignoreLock=true)
    fi
    mkdir -p "$(dirname "$json")"
    "$java_bin" "${lock[@]}" -jar "$jar" "${profile[@]}" -rf json -rff "$json" "${jmh_args[@]}"
fi

if [ ! -f "$json" ]; then
    echo "no JMH results at $json: run without --report-only first" >&2
    exit 1
fi
report_args=(--out "$out")
if [ -f "$python" ] || [ "$python_given" = 1 ]; then
    report_args+=(--python "$python")
fi
"$java_bin" -cp "$jar" dev.pyconcurrent.benchmarks.report.BenchReport "${report_args[@]}" "$json"
