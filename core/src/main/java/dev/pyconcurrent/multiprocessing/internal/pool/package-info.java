/**
 * Pools of workers: the scheduling shared by {@code Pool}, {@code ThreadPool},
 * {@code ProcessPoolExecutor} and {@code Pools.processMap}. Not exported.
 *
 * <p><b>Owns.</b>
 * <ul>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.pool.Scheduler}: the queue of jobs and the
 *       workers, pipelining (a worker holds up to its backend's capacity of jobs, sent in order), and the
 *       failure rules: a worker that dies fails the oldest job it holds (the running one) and puts the
 *       others back at the front of the queue; when a pool is broken by start failures.</li>
 *   <li>The workers: {@link dev.pyconcurrent.multiprocessing.internal.pool.ProcessWorker} (a child JVM;
 *       capacity from measured task times) with
 *       {@link dev.pyconcurrent.multiprocessing.internal.pool.SpareWorkers} (idle workers of a closed
 *       pool kept for the next one), and
 *       {@link dev.pyconcurrent.multiprocessing.internal.pool.ThreadWorker} (a thread).</li>
 *   <li>{@link dev.pyconcurrent.multiprocessing.internal.pool.PoolEngine}: what {@code Pool} and
 *       {@code ThreadPool} do ({@code apply}, {@code map} in chunks, {@code imap}, callbacks), and its
 *       encoders; {@link dev.pyconcurrent.multiprocessing.internal.pool.AsyncResultImpl}, their
 *       {@code AsyncResult}; {@link dev.pyconcurrent.multiprocessing.internal.pool.ImapIteratorImpl}, their
 *       lazy {@code imap} iterator ({@code next(timeout)}). {@code starmap} of any arity is a map of a
 *       {@code function.internal.Spread} over argument tuples.</li>
 * </ul>
 *
 * <p><b>May use.</b> {@code codec}, {@code launch}, the public {@code multiprocessing} types,
 * {@code function}, {@code dev.pyconcurrent.internal}, and exception types anywhere (a broken pool
 * throws {@code futures.BrokenProcessPoolException}). <b>Never</b> {@code broker}, nor
 * {@code futures}' classes other than its exceptions: {@code futures.internal.ProcessFutures} drives
 * this package, not the other way round. See {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.multiprocessing.internal.pool;
