/**
 * The machinery behind {@code concurrent.futures}: not exported, not public API.
 *
 * <p><b>Owns.</b>
 * <ul>
 *   <li>{@link dev.pyconcurrent.futures.internal.ThreadWorkers}: the worker threads of
 *       {@code ThreadPoolExecutor} and {@code Pools.map} (a work queue, threads started on demand).</li>
 *   <li>{@link dev.pyconcurrent.futures.internal.ProcessFutures}: futures over a process
 *       {@code PoolEngine}, shared by {@code ProcessPoolExecutor} and {@code Pools.processMap}; each call
 *       or map chunk is one scheduler job that settles a {@code SettableFuture}.</li>
 *   <li>{@link dev.pyconcurrent.futures.internal.LazyMap}: the lazy, ordered {@code map} of every
 *       executor ({@code timeout}, {@code buffersize}, chunks), and the zip of several inputs into
 *       argument tuples ({@code map(fn, a, b, c)} is a map of {@code function.internal.Spread} over
 *       them).</li>
 *   <li>{@link dev.pyconcurrent.futures.internal.ExecutorServiceAdapter}: the
 *       {@link java.util.concurrent.ExecutorService} view of any executor.</li>
 * </ul>
 *
 * <p><b>May use.</b> {@code dev.pyconcurrent.futures} (it is the same subsystem),
 * {@code multiprocessing.internal.pool} and {@code multiprocessing.internal.codec} (the process engine
 * it drives), {@code function}, {@code dev.pyconcurrent.internal}, and exception types anywhere.
 * <b>Never</b> the root package's {@code Pools} (which sits on top and uses this package), and nothing
 * below may use this package except through {@code futures}' public types: {@code multiprocessing}
 * knows nothing of futures. See {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.futures.internal;
