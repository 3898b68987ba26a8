#!/usr/bin/env bash
# pyconcurrent and CPython side by side, interleaved in one run: a warm-up round of each (not counted),
# two more of the JVM alone (--warmup 3, the default: its three JVMs are still compiling until then),
# then N rounds, each the JVM workloads (dev.pyconcurrent.benchmarks.SideBySide, and ColdStart in fresh
# JVMs) followed by the same workloads in CPython (side_by_side.py). Prints per workload both medians, the
# speed ratio CPython time / JVM time (above 1: pyconcurrent is faster), the goal and met / missed, and
# writes the raw numbers to benchmarks/target/side-by-side-jdk<N>-<date>.json.
#
# Usage: benchmarks/python/side_by_side.sh [runs] [--warmup W] [--json FILE] [--java /path/to/java] [--python python3]
#   runs: counted rounds per side (default 5). JAVA may also come from the environment; PYTHON picks
#   the CPython that runs the driver and is compared with.
# Build first:  flock /tmp/pyc-build.lock mvn -B -ntp -o -q package -DskipTests -pl benchmarks -am
# On a shared machine run it under the same lock so that no build runs meanwhile:
#   flock /tmp/pyc-build.lock bash benchmarks/python/side_by_side.sh 5
set -euo pipefail
cd "$(dirname "$0")/../.."
exec "${PYTHON:-python3}" benchmarks/python/side_by_side_driver.py "$@"
