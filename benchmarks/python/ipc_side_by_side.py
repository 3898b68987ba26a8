#!/usr/bin/env python3
"""The inter-process workloads of dev.pyconcurrent.benchmarks.IpcSideBySide, in CPython.

queue_round_trip: the parent puts an int into one multiprocessing.Queue, a child gets it and puts it
into another, the parent gets it back (seconds per round trip); queue_100k_items: a child puts
100,000 ints, the parent gets them (seconds for all); pipe_round_trip and pipe_100k_items: the same
through a duplex Pipe(); manager_dict_op: a child sets and gets one key of a Manager().dict()
(seconds per operation); value_add_2_processes and value_locked_add_2_processes: two children each
do `with v.get_lock(): v.value += 1` on one Value('q') (seconds per addition of the slower child;
CPython has no lock-free atomic add, so both lines run the same code).
Children are started before the clock runs; each line is the median of a few runs after one
warm-up run. Prints one "name seconds" line per workload.

Usage: python3 ipc_side_by_side.py [runs] [start_method]   (start method: fork, spawn, forkserver;
default: the platform's default)
"""
import multiprocessing
import statistics
import sys
import time

ITEMS = 100_000
N = 2_000
ADDS = 100_000


def median(runs, fn):
    fn()  # warm-up, not counted
    return statistics.median(fn() for _ in range(runs))


def report(name, value):
    print(f"{name:<32} {value:.9f}", flush=True)


def check(total):
    if total != ITEMS * (ITEMS - 1) // 2:
        raise RuntimeError("lost or repeated items")


def queue_echo(to_child, to_parent):
    while True:
        x = to_child.get()
        if x < 0:
            return
        if x == sys.maxsize:
            for i in range(ITEMS):
                to_parent.put(i)
        else:
            to_parent.put(x)


def pipe_echo(conn):
    while True:
        x = conn.recv()
        if x < 0:
            return
        if x == sys.maxsize:
            for i in range(ITEMS):
                conn.send(i)
        else:
            conn.send(x)


def dict_worker(d, commands, times):
    while True:
        count = commands.get()
        if count <= 0:
            return
        start = time.perf_counter()
        for i in range(count):
            d["key"] = i
            if d["key"] != i:
                raise RuntimeError("lost an update")
        times.put((time.perf_counter() - start) / (2 * count))


def adder(v, commands, times, barrier):
    while True:
        count = commands.get()
        if count == 0:
            return
        barrier.wait()
        start = time.perf_counter()
        for _ in range(abs(count)):
            with v.get_lock():
                v.value += 1
        times.put((time.perf_counter() - start) / abs(count))


def finish(*ps):
    for p in ps:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError(f"{p.name} exited with {p.exitcode}")


def queue(ctx, runs):
    to_child, to_parent = ctx.Queue(), ctx.Queue()
    p = ctx.Process(target=queue_echo, args=(to_child, to_parent))
    p.start()
    to_child.put(0)
    to_parent.get()

    def round_trips():
        start = time.perf_counter()
        for i in range(N):
            to_child.put(i)
            to_parent.get()
        return (time.perf_counter() - start) / N

    def items():
        start = time.perf_counter()
        to_child.put(sys.maxsize)
        check(sum(to_parent.get() for _ in range(ITEMS)))
        return time.perf_counter() - start

    report("queue_round_trip", median(runs, round_trips))
    report("queue_100k_items", median(runs, items))
    to_child.put(-1)
    finish(p)


def pipe(ctx, runs):
    mine, theirs = ctx.Pipe()
    p = ctx.Process(target=pipe_echo, args=(theirs,))
    p.start()
    mine.send(0)
    mine.recv()

    def round_trips():
        start = time.perf_counter()
        for i in range(N):
            mine.send(i)
            mine.recv()
        return (time.perf_counter() - start) / N

    def items():
        start = time.perf_counter()
        mine.send(sys.maxsize)
        check(sum(mine.recv() for _ in range(ITEMS)))
        return time.perf_counter() - start

    report("pipe_round_trip", median(runs, round_trips))
    report("pipe_100k_items", median(runs, items))
    mine.send(-1)
    finish(p)


def manager(ctx, runs):
    with ctx.Manager() as m:
        d = m.dict()
        commands, times = ctx.Queue(), ctx.Queue()
        p = ctx.Process(target=dict_worker, args=(d, commands, times))
        p.start()

        def one():
            commands.put(N)
            return times.get()

        report("manager_dict_op", median(runs, one))
        commands.put(0)
        finish(p)


def value(ctx, runs):
    v = ctx.Value("q", 0)
    commands, times = ctx.Queue(), ctx.Queue()
    barrier = ctx.Barrier(2)
    ps = [ctx.Process(target=adder, args=(v, commands, times, barrier)) for _ in range(2)]
    for p in ps:
        p.start()

    def contended(count):
        before = v.value
        commands.put(count)
        commands.put(count)
        slower = max(times.get(), times.get())
        if v.value - before != 2 * abs(count):
            raise RuntimeError("lost an addition")
        return slower

    report("value_add_2_processes", median(runs, lambda: contended(ADDS)))
    report("value_locked_add_2_processes", median(runs, lambda: contended(-ADDS)))
    commands.put(0)
    commands.put(0)
    finish(*ps)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ctx = multiprocessing.get_context(sys.argv[2] if len(sys.argv) > 2 else None)
    queue(ctx, runs)
    pipe(ctx, runs)
    manager(ctx, runs)
    value(ctx, runs)


if __name__ == "__main__":
    main()
