#!/usr/bin/env python3
"""The process-pool workloads of dev.pyconcurrent.benchmarks.ProcessSideBySide, in CPython.

Cold start of Pool(2) and ProcessPoolExecutor(2) to the first result, one trivial apply / submit
round trip, map(i + 1) over 100,000 items with the automatic chunk size, and the prime check (the
thirteen distinct numbers of the F3 scenario) on Pool(2), ProcessPoolExecutor(2) and sequentially.
Prints one "name seconds" line per workload (the median of a few runs).

Usage: python3 side_by_side.py [runs] [start_method]   (start method: fork, spawn, forkserver;
default: the platform's default, fork on Linux before Python 3.14)
"""
import math
import multiprocessing
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor

PRIMES = [1116281, 1297337, 104395303, 472882027, 533000389, 817504243,
          982451653, 112272535095293, 112582705942171, 112272535095293,
          115280095190773, 115797848077099, 1099726899285419]


def is_prime(n):
    for i in range(2, math.floor(math.sqrt(n)) + 1):
        if n % i == 0:
            return False
    return n != 1


def inc(i):
    return i + 1


def one():
    return 1


def seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median(runs, fn):
    return statistics.median(fn() for _ in range(runs))


def report(name, value):
    print(f"{name:<32} {value:.4f}", flush=True)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ctx = multiprocessing.get_context(sys.argv[2] if len(sys.argv) > 2 else None)

    def cold_pool():
        p = ctx.Pool(2)
        p.apply(one)
        p.terminate()
        p.join()

    def cold_executor():
        ex = ProcessPoolExecutor(2, mp_context=ctx)
        ex.submit(one).result()
        ex.shutdown(wait=False, cancel_futures=True)

    report("cold_start_pool", median(runs, lambda: seconds(cold_pool)))
    report("cold_start_executor", median(runs, lambda: seconds(cold_executor)))

    with ctx.Pool(2) as pool, ProcessPoolExecutor(2, mp_context=ctx) as ex:
        pool.apply(one)
        ex.submit(one).result()
        for _ in range(300):
            pool.apply(one)
        n = 200

        def applies():
            for _ in range(n):
                pool.apply(one)

        def submits():
            for _ in range(n):
                ex.submit(one).result()

        report("apply_round_trip", median(runs, lambda: seconds(applies) / n))
        report("submit_round_trip_executor", median(runs, lambda: seconds(submits) / n))
        items = range(100_000)
        pool.map(inc, items)

        def map_100k():
            out = pool.map(inc, items)
            assert len(out) == 100_000 and out[-1] == 100_000

        report("map_100k_pool", median(runs, lambda: seconds(map_100k)))
        report("primes_pool", median(runs, lambda: seconds(lambda: pool.map(is_prime, PRIMES))))
        report("primes_executor", median(runs, lambda: seconds(lambda: list(ex.map(is_prime, PRIMES)))))
    report("primes_sequential", median(runs, lambda: seconds(lambda: [is_prime(p) for p in PRIMES])))


if __name__ == "__main__":
    main()
