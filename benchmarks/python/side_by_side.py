#!/usr/bin/env python3
"""The CPython half of the side-by-side comparison (benchmarks/python/side_by_side.sh).

The same workloads as dev.pyconcurrent.benchmarks.SideBySide and ColdStart, written the way Python
users write them; the sizes below must stay equal to the Java constants.

  python3 side_by_side.py serve [start_method]
      creates the pools and the echo processes, prints READY, then for every line "round <k>" on
      stdin runs every workload once and prints "RESULT <row> <seconds> <operations>" lines and END;
      "quit" ends it. Start method: the platform's default unless given (fork on Linux before 3.14).
  python3 side_by_side.py cold pool|process spawn|fork
      one cold start in this fresh interpreter; prints "MARK <name> <time.monotonic_ns()>" lines
      (CLOCK_MONOTONIC, the clock of Java's System.nanoTime() on Linux).
"""
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

ROUND_TRIPS = 2_000
RESULTS_1K = 1_000
RESULTS_1M = 50
ASYNC_TASKS = 10_000
MAP_ITEMS = 100_000
IMAP_CHUNKSIZE = 1_000
STREAM_INTS = 100_000
STREAM_1K = 20_000

QUIT = -1
SEND_INTS = -2
SEND_1K = -3

ITEM_1K = bytes(1024)


def add_one(i):
    return i + 1


def one():
    return 1


def str_len(s):
    return len(s)


def exclaim(s):
    return s + "!"


def payload(k, size):
    return bytes([k & 0xFF]) * size


@dataclass
class Point:
    x: int
    y: int
    label: str


def point_sum(p):
    return p.x + p.y


def result(row, start, ops):
    print(f"RESULT {row} {time.perf_counter() - start:.9f} {ops}", flush=True)


def check(ok, what):
    if not ok:
        raise RuntimeError(f"wrong result: {what}")


def queue_echo(inq, outq):
    while True:
        x = inq.get()
        if x == QUIT:
            return
        if x == SEND_INTS:
            for i in range(STREAM_INTS):
                outq.put(i)
        elif x == SEND_1K:
            for _ in range(STREAM_1K):
                outq.put(ITEM_1K)
        else:
            outq.put(x)


def pipe_echo(conn):
    while True:
        x = conn.recv()
        if x == QUIT:
            return
        if x == SEND_INTS:
            for i in range(STREAM_INTS):
                conn.send(i)
        elif x == SEND_1K:
            for _ in range(STREAM_1K):
                conn.send(ITEM_1K)
        else:
            conn.send(x)


def pool_rows(pool, ints, strings):
    t = time.perf_counter()
    for i in range(ROUND_TRIPS):
        check(pool.apply(add_one, (i,)) == i + 1, "apply_int")
    result("apply_int", t, ROUND_TRIPS)

    t = time.perf_counter()
    for _ in range(ROUND_TRIPS):
        check(pool.apply(one) == 1, "apply_const")
    result("apply_const", t, ROUND_TRIPS)

    s = "x" * 1024
    t = time.perf_counter()
    for _ in range(ROUND_TRIPS):
        check(pool.apply(str_len, (s,)) == 1024, "apply_str1k")
    result("apply_str1k", t, ROUND_TRIPS)

    t = time.perf_counter()
    for i in range(ROUND_TRIPS):
        check(pool.apply(point_sum, (Point(i, i + 1, "p"),)) == 2 * i + 1, "apply_record")
    result("apply_record", t, ROUND_TRIPS)

    t = time.perf_counter()
    for i in range(RESULTS_1K):
        check(len(pool.apply(payload, (i, 1024))) == 1024, "result_1k")
    result("result_1k", t, RESULTS_1K)

    t = time.perf_counter()
    for i in range(RESULTS_1M):
        check(len(pool.apply(payload, (i, 1 << 20))) == 1 << 20, "result_1m")
    result("result_1m", t, RESULTS_1M)

    t = time.perf_counter()
    pending = [pool.apply_async(add_one, (i,)) for i in range(ASYNC_TASKS)]
    total = sum(r.get() for r in pending)
    check(total == ASYNC_TASKS * (ASYNC_TASKS + 1) // 2, "apply_async")
    result("apply_async_10k", t, ASYNC_TASKS)

    t = time.perf_counter()
    mapped = pool.map(add_one, ints)
    check(len(mapped) == MAP_ITEMS and mapped[-1] == MAP_ITEMS, "map_int")
    result("map_int_100k", t, MAP_ITEMS)

    t = time.perf_counter()
    exclaimed = pool.map(exclaim, strings)
    check(len(exclaimed) == MAP_ITEMS and exclaimed[7] == "item-7!", "map_str")
    result("map_str_100k", t, MAP_ITEMS)

    t = time.perf_counter()
    total = 0
    for r in pool.imap(add_one, ints, IMAP_CHUNKSIZE):
        total += r
    check(total == MAP_ITEMS * (MAP_ITEMS + 1) // 2, "imap")
    result("imap_int_100k", t, MAP_ITEMS)


def submit_rows(executor):
    t = time.perf_counter()
    futures = [executor.submit(add_one, i) for i in range(ASYNC_TASKS)]
    total = sum(f.result() for f in futures)
    check(total == ASYNC_TASKS * (ASYNC_TASKS + 1) // 2, "submit")
    result("submit_10k", t, ASYNC_TASKS)


def queue_rows(to_child, from_child):
    t = time.perf_counter()
    to_child.put(SEND_INTS)
    total = sum(from_child.get() for _ in range(STREAM_INTS))
    check(total == STREAM_INTS * (STREAM_INTS - 1) // 2, "queue_stream_int")
    result("queue_stream_int", t, STREAM_INTS)

    t = time.perf_counter()
    to_child.put(SEND_1K)
    size = sum(len(from_child.get()) for _ in range(STREAM_1K))
    check(size == 1024 * STREAM_1K, "queue_stream_1k")
    result("queue_stream_1k", t, STREAM_1K)

    t = time.perf_counter()
    for i in range(ROUND_TRIPS):
        to_child.put(i)
        check(from_child.get() == i, "queue_rt")
    result("queue_rt", t, ROUND_TRIPS)


def pipe_rows(conn):
    t = time.perf_counter()
    conn.send(SEND_INTS)
    total = sum(conn.recv() for _ in range(STREAM_INTS))
    check(total == STREAM_INTS * (STREAM_INTS - 1) // 2, "pipe_stream_int")
    result("pipe_stream_int", t, STREAM_INTS)

    t = time.perf_counter()
    conn.send(SEND_1K)
    size = sum(len(conn.recv()) for _ in range(STREAM_1K))
    check(size == 1024 * STREAM_1K, "pipe_stream_1k")
    result("pipe_stream_1k", t, STREAM_1K)

    t = time.perf_counter()
    for i in range(ROUND_TRIPS):
        conn.send(i)
        check(conn.recv() == i, "pipe_rt")
    result("pipe_rt", t, ROUND_TRIPS)


def serve(ctx):
    ints = list(range(MAP_ITEMS))
    strings = [f"item-{i}" for i in range(MAP_ITEMS)]
    with ctx.Pool(2) as pool, ProcessPoolExecutor(2, mp_context=ctx) as executor:
        to_queue_child, from_queue_child = ctx.Queue(), ctx.Queue()
        queue_child = ctx.Process(target=queue_echo, args=(to_queue_child, from_queue_child))
        queue_child.start()
        mine, theirs = ctx.Pipe()
        pipe_child = ctx.Process(target=pipe_echo, args=(theirs,))
        pipe_child.start()
        # every worker and child up before the first round
        check(pool.apply(add_one, (0,)) == 1, "apply")
        check(executor.submit(add_one, 0).result() == 1, "submit")
        to_queue_child.put(0)
        check(from_queue_child.get() == 0, "queue")
        mine.send(0)
        check(mine.recv() == 0, "pipe")
        print("READY", flush=True)
        for line in sys.stdin:
            line = line.strip()
            if line == "quit":
                break
            if line.startswith("round"):
                pool_rows(pool, ints, strings)
                submit_rows(executor)
                queue_rows(to_queue_child, from_queue_child)
                pipe_rows(mine)
                print("END", flush=True)
        to_queue_child.put(QUIT)
        mine.send(QUIT)
        queue_child.join()
        pipe_child.join()


def mark(name):
    print(f"MARK {name} {time.monotonic_ns()}", flush=True)


def put_result(q, arg):
    q.put(add_one(arg))


def cold(what, method):
    mark("main")
    ctx = multiprocessing.get_context(method)
    if what == "pool":
        mark("pool_start")
        with ctx.Pool(2) as pool:
            r = pool.apply(add_one, (41,))
            mark("pool_first")
            check(r == 42, "cold pool")
        mark("second_start")
        with ctx.Pool(2) as pool:
            r = pool.apply(add_one, (41,))
            mark("second_first")
            check(r == 42, "second pool")
    elif what == "process":
        mark("process_start")
        q = ctx.Queue()
        p = ctx.Process(target=put_result, args=(q, 41))
        p.start()
        r = q.get()
        mark("process_first")
        check(r == 42, "cold process")
        p.join()
    else:
        raise SystemExit("usage: side_by_side.py cold pool|process spawn|fork")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "serve":
        serve(multiprocessing.get_context(sys.argv[2] if len(sys.argv) > 2 else None))
    elif len(sys.argv) == 4 and sys.argv[1] == "cold":
        cold(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
