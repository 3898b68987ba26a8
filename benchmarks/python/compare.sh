#!/usr/bin/env bash
# The process-pool comparison with CPython is now benchmarks/python/side_by_side.sh (which also
# covers Queue and pipe()); this name is kept for old instructions.
exec "$(dirname "$0")/side_by_side.sh" "$@"
