#!/usr/bin/env python3
"""Runs pyconcurrent (dev.pyconcurrent.benchmarks.SideBySide / ColdStart) and CPython
(side_by_side.py) side by side, interleaved: warm-up round 0 of each (not counted; its numbers are
the first use of each workload and are shown in a column of their own), further warm-up rounds of the
JVM alone (--warmup, default 3 in all: its three JVMs are still compiling in rounds 1 and 2), then
rounds 1..N, each a JVM round followed by a CPython round on the same machine. Prints the medians, the
speed ratio CPython time / JVM time (above 1: pyconcurrent is faster), the goals of the data-plane
work and whether each is met, and writes every raw number to a JSON file.

Normally started by side_by_side.sh; see there for the options.
"""
import argparse
import datetime
import json
import os
import platform
import select
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# row id, what it measures, how it is shown, goal: ("ratio", x) = CPython/JVM >= x,
# ("max_ms", x) = JVM median <= x ms, None = no goal (shown for information)
ROWS = [
    ("apply_int", "`apply(() -> addOne(i))`, sequential round trips", "us", ("ratio", 2)),
    ("apply_const", "best case: `apply(() -> 1)`, a lambda that captures nothing", "us", None),
    ("apply_str1k", "`apply`, the task captures a 1 KB `String`", "us", None),
    ("apply_record", "`apply`, the task captures a small record (CPython: a dataclass)", "us", None),
    ("result_1k", "`apply` returning 1 KB (`byte[]` / `bytes`)", "us", None),
    ("result_1m", "`apply` returning 1 MB", "ms_op", None),
    ("apply_async_10k", "10,000 `applyAsync(() -> addOne(i))`, then every `get()`", "ms", ("ratio", 2)),
    ("map_int_100k", "`map(addOne, 100,000 Integers)`, automatic chunksize", "ms", ("ratio", 2)),
    ("map_str_100k", "`map(s -> s + \"!\", 100,000 Strings)`, automatic chunksize", "ms", None),
    ("imap_int_100k", "`imap(addOne, 100,000 Integers, chunksize 1000)`, consumed as it streams", "ms", None),
    ("submit_10k", "10,000 `ProcessPoolExecutor.submit(() -> addOne(i))`, then every `result()`", "ms", ("ratio", 2)),
    ("queue_stream_int", "`Queue`: a child puts 100,000 ints, the parent gets them", "items", ("ratio", 3)),
    ("queue_stream_1k", "`Queue`: a child puts 20,000 1 KB items", "items", None),
    ("queue_rt", "`Queue` round trip: `put` -> child `get` + `put` -> `get`", "us", ("ratio", 1)),
    ("pipe_stream_int", "`pipe()`: a child sends 100,000 ints", "items", ("ratio", 3)),
    ("pipe_stream_1k", "`pipe()`: a child sends 20,000 1 KB items", "items", None),
    ("pipe_rt", "`pipe()` round trip: `send` -> child `recv` + `send` -> `recv`", "us", ("ratio", 1)),
    ("cold_pool", "fresh JVM: `new Pool(2)` -> first `apply` result (CPython: spawn)", "ms", ("ratio", 1)),
    ("cold_pool_exec", "fresh JVM: from exec of `java` to that first result", "ms", None),
    ("runtime_start", "exec of `java` / `python3` to the first line of main", "ms", None),
    ("cold_process", "fresh JVM: `new Queue()`, `new Process(...).start()` -> first result through the queue", "ms", None),
    ("second_pool", "a second `Pool(2)` in the same JVM (the first closed) -> first result", "ms", ("max_ms", 10)),
]
COLD_ROWS = {"cold_pool", "cold_pool_exec", "runtime_start", "cold_process", "second_pool"}


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return [float(x) for x in f.read().split()[:3]]
    except OSError:
        return None


def cpu_snapshot():
    """Per process: (parent pid, CPU seconds used so far, children's CPU seconds), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(pid)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick,
                         (int(fields[13]) + int(fields[14])) / tick)
    return out


def others_cpu(before, after, seconds):
    """Share of the machine (0..1) that processes outside this run used between two snapshots."""
    mine = {os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, (ppid, _, _) in after.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                grew = True
    used = 0.0
    for pid, (ppid, cpu, children) in after.items():
        if pid in mine or pid == 0:
            continue
        old = before.get(pid, (0, 0.0, 0.0))
        used += (cpu - old[1]) + (children - old[2])
    return max(0.0, used) / (seconds * (os.cpu_count() or 1))


class Server:
    """A long-running side (JVM or CPython) speaking the READY / round / RESULT / END protocol."""

    def __init__(self, name, cmd, log):
        self.name = name
        self.log = log
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                     text=True, bufsize=1, cwd=ROOT)
        self.buf = ""

    def readline(self, deadline):
        while "\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.name}: no answer in time")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536).decode("utf-8", "replace")
                if not chunk:
                    raise RuntimeError(f"{self.name} ended (exit {self.proc.wait()}); see {self.log.name}")
                self.buf += chunk
        line, self.buf = self.buf.split("\n", 1)
        return line

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while self.readline(deadline).strip() != "READY":
            pass

    def round(self, k, timeout):
        self.proc.stdin.write(f"round {k}\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + timeout
        out = {}
        while True:
            line = self.readline(deadline).strip()
            if line == "END":
                return out
            if line.startswith("RESULT "):
                _, row, seconds, ops = line.split()
                out[row] = {"seconds": float(seconds), "ops": int(ops)}
            elif line:
                self.log.write(f"[{self.name} stdout] {line}\n")
                self.log.flush()

    def quit(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def cold_run(cmd, log, timeout=180):
    """Runs one fresh process; returns its MARK times relative to the moment it was started (seconds)."""
    start = time.monotonic_ns()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=log, text=True, timeout=timeout, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(f"cold start failed (exit {p.returncode}): {' '.join(cmd)}; see {log.name}")
    marks = {}
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "MARK":
            marks[parts[1]] = (int(parts[2]) - start) / 1e9
    return marks


def cold_values(pool_marks, process_marks):
    """Row values (seconds) of one pool cold start and one process cold start."""
    return {
        "cold_pool": pool_marks["pool_first"] - pool_marks["pool_start"],
        "cold_pool_exec": pool_marks["pool_first"],
        "runtime_start": pool_marks["main"],
        "second_pool": pool_marks["second_first"] - pool_marks["second_start"],
        "cold_process": process_marks["process_first"] - process_marks["process_start"],
    }


def per_op(entry):
    """Seconds per operation of a RESULT entry."""
    return entry["seconds"] / entry["ops"]


def show(kind, seconds_per_op, ops):
    if seconds_per_op is None:
        return "-"
    if kind == "us":
        return f"{seconds_per_op * 1e6:,.1f} µs"
    if kind == "ms_op":
        return f"{seconds_per_op * 1e3:,.2f} ms"
    if kind == "ms":
        return f"{seconds_per_op * ops * 1e3:,.1f} ms"
    if kind == "items":
        return f"{1 / seconds_per_op:,.0f} items/s"
    return f"{seconds_per_op}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="?", type=int, default=5, help="counted rounds per side (default 5)")
    ap.add_argument("--java", default=os.environ.get("JAVA", "java"))
    ap.add_argument("--python", default=sys.executable,
                    help="the CPython to compare with (default: the one running this script, "
                         "not a launcher shim whose own start would count in the cold starts)")
    ap.add_argument("--jar", default=os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar"))
    ap.add_argument("--warmup", type=int, default=3,
                    help="warm-up rounds of the JVM before the counted ones (default 3; the first is also "
                         "CPython's warm-up round and the first-use column)")
    ap.add_argument("--json", help="where to write the raw numbers (default: benchmarks/target/side-by-side-*.json)")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds one round of one side may take")
    ap.add_argument("--wait-idle", type=float, default=60,
                    help="wait up to this many seconds for other processes to use under 10%% of the CPUs")
    ap.add_argument("--render", metavar="JSON", help="only print the table of an earlier run's JSON file")
    args = ap.parse_args()
    if args.warmup < 1:
        ap.error("--warmup must be at least 1")
    if args.render:
        with open(args.render) as f:
            print(render(json.load(f)))
        return
    if not os.path.isfile(args.jar):
        sys.exit(f"{args.jar} not found; build first: "
                 "mvn -B -ntp -o -q package -DskipTests -pl benchmarks -am")

    target = os.path.dirname(args.jar)
    log_path = os.path.join(target, "side-by-side.log")
    log = open(log_path, "w")

    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    python_version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout.strip() \
        + f" ({args.python})"
    jdk_feature = java_version[0].split('"')[1].split(".")[0] if '"' in java_version[0] else "unknown"
    java_cp = [args.java, "-cp", args.jar]
    py_file = os.path.join(HERE, "side_by_side.py")
    waited, others_before = 0.0, 1.0
    while True:
        snap = cpu_snapshot()
        time.sleep(3)
        others_before = others_cpu(snap, cpu_snapshot(), 3)
        waited += 3
        if others_before < 0.10 or waited >= args.wait_idle:
            break
    started = datetime.datetime.now().astimezone()
    load_start = loadavg()
    print(f"{started:%Y-%m-%d %H:%M %Z}; {java_version[0]} ({java_version[1] if len(java_version) > 1 else ''}) "
          f"vs {python_version}; {os.cpu_count()} CPUs; load average at start {load_start}; "
          f"other processes used {100 * others_before:.0f}% of the CPUs just before", flush=True)
    print(f"warm-up round 0 of each side, {args.warmup - 1} more of the JVM, then {args.runs} counted rounds, "
          f"each JVM then CPython; log: {log_path}", flush=True)

    java = Server("jvm", java_cp + ["dev.pyconcurrent.benchmarks.SideBySide", "serve"], log)
    python = Server("cpython", [args.python, py_file, "serve"], log)
    raw = {"java": [], "cpython": [], "cpython_fork": [], "load": [], "others": []}
    first = {}
    try:
        java.wait_ready(300)
        python.wait_ready(300)
        for k in range(args.runs + 1):
            if k == 1:
                for w in range(1, args.warmup):
                    t = time.monotonic()
                    java.round(-w, args.timeout)
                    print(f"warm-up round 0.{w} of the JVM alone (not counted): {time.monotonic() - t:.0f} s",
                          flush=True)
            snap, t0 = cpu_snapshot(), time.monotonic()
            t = time.monotonic()
            j = java.round(k, args.timeout)
            jp = cold_run(java_cp + ["dev.pyconcurrent.benchmarks.ColdStart", "pool"], log)
            jq = cold_run(java_cp + ["dev.pyconcurrent.benchmarks.ColdStart", "process"], log)
            jv = {row: per_op(e) for row, e in j.items()}
            jv.update(cold_values(jp, jq))
            tj = time.monotonic() - t

            t = time.monotonic()
            p = python.round(k, args.timeout)
            pv = {row: per_op(e) for row, e in p.items()}
            pv.update(cold_values(cold_run([args.python, py_file, "cold", "pool", "spawn"], log),
                                  cold_run([args.python, py_file, "cold", "process", "spawn"], log)))
            fv = cold_values(cold_run([args.python, py_file, "cold", "pool", "fork"], log),
                             cold_run([args.python, py_file, "cold", "process", "fork"], log))
            tp = time.monotonic() - t
            load = loadavg()
            others = others_cpu(snap, cpu_snapshot(), time.monotonic() - t0)
            label = "warm-up round 0 (not counted)" if k == 0 else f"round {k}"
            print(f"{label}: JVM {tj:.0f} s, CPython {tp:.0f} s; "
                  f"load average {load}; other processes used {100 * others:.0f}% of the CPUs", flush=True)
            if k == 0:
                first = {"java": jv, "cpython": pv}
            else:
                raw["java"].append(jv)
                raw["cpython"].append(pv)
                raw["cpython_fork"].append(fv)
                raw["load"].append(load)
                raw["others"].append(others)
    finally:
        java.quit()
        python.quit()
        log.close()

    ops = {row: e["ops"] for row, e in j.items()}
    rows_out = []
    for row, what, kind, goal in ROWS:
        jm = statistics.median(r[row] for r in raw["java"])
        pm = statistics.median(r[row] for r in raw["cpython"])
        fm = statistics.median(r[row] for r in raw["cpython_fork"]) if row in COLD_ROWS else None
        ratio = pm / jm if jm > 0 else float("inf")
        if goal is None:
            met = None
        elif goal[0] == "ratio":
            met = ratio >= goal[1]
        else:
            met = jm * 1e3 <= goal[1]
        j0, p0 = first["java"][row], first["cpython"][row]
        rows_out.append({"row": row, "what": what, "unit": kind, "ops": ops.get(row, 1),
                         "goal": None if goal is None else {"kind": goal[0], "value": goal[1]},
                         "java_seconds_per_op": [r[row] for r in raw["java"]],
                         "cpython_seconds_per_op": [r[row] for r in raw["cpython"]],
                         "cpython_fork_seconds_per_op": [r[row] for r in raw["cpython_fork"]] if fm is not None else None,
                         "java_median": jm, "cpython_median": pm, "cpython_fork_median": fm,
                         "speed_ratio": ratio, "met": met,
                         "warmup_round": {"java_seconds_per_op": j0, "cpython_seconds_per_op": p0,
                                          "speed_ratio": p0 / j0}})
    result = {"date": started.isoformat(), "java": java_version, "python": python_version,
              "machine": {"cpus": os.cpu_count(), "system": platform.platform()},
              "runs": args.runs, "warmup_rounds": args.warmup, "load_start": load_start, "others_cpu_share_before": others_before,
              "load_end": loadavg(), "load_per_round": raw["load"], "others_cpu_share_per_round": raw["others"],
              "rows": rows_out}
    out_path = args.json or os.path.join(target, f"side-by-side-jdk{jdk_feature}-{started:%Y%m%d-%H%M}.json")
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)
    print()
    print(render(result))
    print(f"raw numbers: {out_path}")


def warmup_text(result):
    """How many warm-up rounds a run had (runs before the option had one)."""
    w = result.get("warmup_rounds", 1)
    return "a warm-up round" if w == 1 else f"{w} warm-up rounds of the JVM (the first also of CPython)"


def render(result):
    """The Markdown table and its conditions, from the JSON the driver writes."""
    lines = [f"| workload | pyconcurrent | CPython | speed (CPython time / JVM time) | goal | | "
             f"first use (warm-up round 0): pyconcurrent, speed |",
             "|---|---:|---:|---:|---|---|---:|"]
    for r in result["rows"]:
        kind, n, goal = r["unit"], r["ops"], r["goal"]
        goal_text = "" if goal is None else (f">= {goal['value']}x" if goal["kind"] == "ratio"
                                             else f"<= {goal['value']} ms")
        verdict = "" if r["met"] is None else ("met" if r["met"] else "**missed**")
        py_text = show(kind, r["cpython_median"], n)
        if r["cpython_fork_median"] is not None:
            py_text += f" (fork {show(kind, r['cpython_fork_median'], n)})"
        w = r["warmup_round"]
        lines.append(f"| {r['what']} | {show(kind, r['java_median'], n)} | {py_text} | {r['speed_ratio']:.2f}x | "
                     f"{goal_text} | {verdict} | {show(kind, w['java_seconds_per_op'], n)}, {w['speed_ratio']:.2f}x |")
    others = result["others_cpu_share_per_round"]
    lines.append("")
    lines.append(f"{result['date'][:16]}; {result['java'][0]}; {result['python']}; {result['machine']['cpus']} CPUs. "
                 f"Medians of {result['runs']} counted rounds after {warmup_text(result)} (last column: the first "
                 f"warm-up round, the first use of each workload in the JVM, JIT compilers still busy). Load average at "
                 f"start {result['load_start']}, at end {result['load_end']}; other processes used at most "
                 f"{100 * max(others):.0f}% of the CPUs in a round.")
    return "\n".join(lines)

if __name__ == "__main__":
    main()
