package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.ThreadFactories;
import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.launch.WorkerTask;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What {@code Pool} and {@code ThreadPool} do, written once over a {@link Scheduler}
 * and an {@link Encoder} that turns calls and map chunks into the backend's payload
 * (bytes for child JVMs, callables for threads).
 *
 * <p>{@code map} materializes its input (as Python does), cuts it into chunks
 * (automatic size {@code ceil(n / (4 * workers))}, as Python) and completes when every
 * chunk has; the first failing chunk fails it. {@code imap} and {@code imapUnordered}
 * are lazy ({@link ImapIteratorImpl}): the consuming thread reads the input only as far as
 * {@code 2 * workers} chunks ahead of what it has consumed. An input that throws
 * part-way stops being read: the items read before it (a partial chunk included) still
 * run and their results are handed out first, then the input's own exception is thrown,
 * once (CPython's {@code test_imap_handle_iterable_exception}; CPython drops the partial
 * chunk). {@code map} throws it at the call. The pool is not affected.
 *
 * {@code starmap} is a {@code map} of a {@code Spread} function (one function of an argument tuple,
 * whatever the arity) over {@code Object[]} tuples.
 *
 * <p>Callbacks run on one daemon callback thread per pool, started on first use. It stops once
 * {@link #close()} or {@link #terminate()} returned and the callbacks queued by then have run (every
 * job is settled by then; a callback of a job settled later, in a pool that broke meanwhile, runs in
 * the thread that settles it), so a closed pool keeps no thread.
 *
 * @param <P> the backend's payload type
 */
public final class PoolEngine<P> {

    /** Turns work into payloads; runs in the caller's thread, so encoding errors surface at the call. */
    public interface Encoder<P> {
        /** A single call. */
        P call(Callable<?> fn);

        /** Prepares a map function once per map call (process pools serialize it here). */
        Object prepare(Object fn);

        /** One chunk: apply the prepared function to each item. */
        P chunk(Object preparedFn, Object[] items);
    }

    private final Scheduler<P> scheduler;
    private final Encoder<P> encoder;
    private final boolean remote;
    private final ExecutorService callbacks;

    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();
    private static final AtomicInteger THREAD_POOL_COUNTER = new AtomicInteger();

    private PoolEngine(Scheduler.Backend<P> backend, Encoder<P> encoder, int workers, int maxTasksPerChild,
                       boolean remote, String label) {
        this.encoder = encoder;
        this.remote = remote;
        ThreadPoolExecutor cb = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                ThreadFactories.daemon("pyconcurrent-pool-callbacks"));
        this.callbacks = cb;
        this.scheduler = new Scheduler<>(backend, workers, maxTasksPerChild, label);
    }

    /**
     * A pool of child JVMs named {@code Pool-<n>} in log messages, whose first JVMs the caller started ahead.
     *
     * @param workers          number of child JVMs
     * @param initializer      run in each worker before its first task, may be {@code null}
     * @param maxTasksPerChild tasks per worker before it is replaced; 0 = unlimited
     * @param jvmOptions       extra {@code java} options of the workers
     * @param early            the JVMs from {@link EarlySpawn#start} with the same workers and options; ended if
     *                         this throws
     * @return the engine, its workers starting
     * @throws IllegalArgumentException if the initializer cannot be serialized
     */
    public static PoolEngine<Encoded> processes(int workers, SerializableRunnable initializer, int maxTasksPerChild,
                                                List<String> jvmOptions, EarlySpawn early) {
        return processes(workers, initializer, maxTasksPerChild, jvmOptions, "Pool-" + POOL_COUNTER.incrementAndGet(),
                early);
    }

    /**
     * {@link #processes(int, SerializableRunnable, int, List, EarlySpawn)} named {@code label} in log messages.
     */
    public static PoolEngine<Encoded> processes(int workers, SerializableRunnable initializer, int maxTasksPerChild,
                                                List<String> jvmOptions, String label, EarlySpawn early) {
        byte[] init;
        try {
            init = initializer == null ? new byte[0]
                    : encodeArgument(JavaSerializationCodec.INSTANCE, initializer, "the initializer");
        } catch (RuntimeException cannotSend) {
            early.discardRest();
            throw cannotSend;
        }
        ProcessWorker.Backend backend = new ProcessWorker.Backend(jvmOptions, init, label, maxTasksPerChild, early);
        Encoder<Encoded> enc = new Encoder<>() {
            @Override
            public Encoded call(Callable<?> fn) {
                try {
                    return WorkerTask.call(fn);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the task cannot be sent to a worker process: "
                            + e.getMessage(), e);
                }
            }

            @Override
            public Object prepare(Object fn) {
                try {
                    return WorkerTask.function(fn);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the function cannot be sent to a worker process: "
                            + e.getMessage(), e);
                }
            }

            @Override
            public Encoded chunk(Object preparedFn, Object[] items) {
                try {
                    return WorkerTask.chunk((Encoded) preparedFn, items);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the items cannot be sent to a worker process: "
                            + e.getMessage(), e);
                }
            }
        };
        try {
            return new PoolEngine<>(backend, enc, workers, maxTasksPerChild, true, label);
        } finally {
            backend.discardUnclaimed();   // the first workers have claimed theirs: what is left was not needed
        }
    }

    /** A pool of threads of this JVM, named {@code prefix + n}. */
    public static PoolEngine<Callable<Object>> threads(int workers, Runnable initializer, int maxTasksPerChild,
                                                       String prefix) {
        Encoder<Callable<Object>> enc = new Encoder<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Callable<Object> call(Callable<?> fn) {
                return (Callable<Object>) fn;
            }

            @Override
            public Object prepare(Object fn) {
                return fn;
            }

            @Override
            public Callable<Object> chunk(Object preparedFn, Object[] items) {
                return () -> WorkerTask.apply(preparedFn, items);
            }
        };
        return new PoolEngine<>(new ThreadWorker.Backend(initializer, prefix), enc, workers, maxTasksPerChild, false,
                "ThreadPool-" + THREAD_POOL_COUNTER.incrementAndGet());
    }

    public static byte[] encodeArgument(Codec codec, Object o, String what) {
        try {
            return codec.encode(o);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " cannot be sent to a worker process: " + e.getMessage(), e);
        }
    }

    /**
     * @return the number of workers
     */
    public int size() {
        return scheduler.size();
    }

    // ---- apply ---------------------------------------------------------------------

    /** Python {@code apply_async}. */
    public <R> AsyncResultImpl<R> applyAsync(Callable<R> fn, Consumer<? super R> callback,
                                             Consumer<? super Throwable> errorCallback) {
        java.util.Objects.requireNonNull(fn, "fn");
        P payload = encoder.call(fn);
        AsyncResultImpl<R> result = new AsyncResultImpl<>(callback, errorCallback, callbacks, remote);
        scheduler.submit(List.of(new Scheduler.Job<>(payload, result)), false);
        return result;
    }

    // ---- single jobs (ProcessPoolExecutor) -------------------------------------------

    /**
     * Encodes one call in the calling thread, so a task that cannot be sent fails here.
     *
     * @throws IllegalArgumentException naming the class that cannot be serialized
     */
    public P encodeCall(Callable<?> fn) {
        return encoder.call(java.util.Objects.requireNonNull(fn, "fn"));
    }

    /** Prepares a map function once per map call (process pools serialize it here). */
    public Object prepareFunction(Object fn) {
        return encoder.prepare(java.util.Objects.requireNonNull(fn, "fn"));
    }

    /** Encodes one chunk of a map: the prepared function applied to each item. */
    public P encodeChunk(Object preparedFn, Object[] items) {
        return encoder.chunk(preparedFn, items);
    }

    /**
     * Queues encoded jobs; each sink's {@link Scheduler.Sink#start()} decides, when a worker is
     * free, whether the job still runs.
     *
     * @throws IllegalStateException after close or terminate
     * @throws RuntimeException      the broken-pool exception when the pool is broken
     */
    public void submitJobs(List<Scheduler.Job<P>> jobs) {
        scheduler.submit(jobs, false);
    }

    // ---- map -----------------------------------------------------------------------

    /** Python's default chunk size for {@code map}: {@code ceil(n / (4 * workers))}, 0 for no items. */
    public int defaultChunksize(int n) {
        int per = 4 * scheduler.size();
        int chunk = n / per;
        return n % per != 0 ? chunk + 1 : chunk;
    }

    /**
     * Python {@code map_async}; {@code starmap_async} is a map of a {@code Spread} function over argument tuples.
     *
     * @param chunksize items per chunk; 0 = automatic
     */
    public <R> AsyncResultImpl<List<R>> mapAsync(Object fn, Iterable<?> items, int chunksize,
                                                 Consumer<? super List<R>> callback,
                                                 Consumer<? super Throwable> errorCallback) {
        java.util.Objects.requireNonNull(fn, "fn");
        java.util.Objects.requireNonNull(items, "items");
        if (chunksize < 0) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        Object[] all = materialize(items);
        int size = chunksize == 0 ? defaultChunksize(all.length) : chunksize;
        AsyncResultImpl<List<R>> result = new AsyncResultImpl<>(callback, errorCallback, callbacks, remote);
        if (all.length == 0) {
            scheduler.submit(List.of(), false);   // refuses a closed pool, as Python
            result.complete(new ArrayList<R>());
            return result;
        }
        Object prepared = encoder.prepare(fn);
        int nChunks = (all.length + size - 1) / size;
        List<?>[] parts = new List<?>[nChunks];
        AtomicInteger left = new AtomicInteger(nChunks);
        // each chunk is submitted as soon as it is encoded: the workers start on the first while the
        // caller encodes the rest
        for (int c = 0; c < nChunks; c++) {
            int from = c * size;
            Object[] chunk = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + size));
            int index = c;
            scheduler.submit(List.of(new Scheduler.Job<>(encoder.chunk(prepared, chunk), new Scheduler.Sink() {
                @Override
                public void complete(Object value) {
                    parts[index] = (List<?>) value;
                    if (left.decrementAndGet() == 0) {   // the decrement publishes every chunk's part
                        List<Object> out = new ArrayList<>(all.length);
                        for (List<?> p : parts) {
                            out.addAll(p);
                        }
                        result.complete(out);
                    }
                }

                @Override
                public void fail(Throwable failure) {
                    result.fail(failure);
                }
            })), false);
        }
        return result;
    }

    private static Object[] materialize(Iterable<?> items) {
        if (items instanceof Collection<?> c) {
            return c.toArray();   // one copy (an ArrayList's is one arraycopy)
        }
        List<Object> list = new ArrayList<>();
        for (Object item : items) {
            list.add(item);
        }
        return list.toArray();
    }

    // ---- imap ----------------------------------------------------------------------

    /** Python {@code imap} ({@code ordered}) or {@code imap_unordered}. */
    public <R> ImapIteratorImpl<P, R> imap(Object fn, Iterable<?> items, int chunksize, boolean ordered) {
        java.util.Objects.requireNonNull(fn, "fn");
        java.util.Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        Object prepared = encoder.prepare(fn);
        if (scheduler.isShutdown()) {
            scheduler.submit(List.of(), false);   // throws the state's exception
        }
        return new ImapIteratorImpl<>(scheduler, items.iterator(),
                chunk -> encoder.chunk(prepared, chunk), chunksize, ordered, remote);
    }

    // ---- lifecycle -----------------------------------------------------------------

    /** Python {@code close()}: no new tasks; waits for outstanding ones; workers then exit. */
    public void close() {
        scheduler.close();
        callbacks.shutdown();   // the callbacks queued so far still run
    }

    /** {@link #close()} without waiting: outstanding tasks still finish, then the workers exit. */
    public void closeNoWait() {
        scheduler.closeNoWait();
    }

    /**
     * @return whether the pool is closed, terminated or broken
     */
    public boolean isShutdown() {
        return scheduler.isShutdown();
    }

    /** Python {@code terminate()}. */
    public void terminate() {
        scheduler.terminate();
        callbacks.shutdown();   // the error callbacks of the failed jobs still run
    }

    /**
     * Ends the workers now (SIGTERM, or SIGKILL when {@code forcibly}); every job they hold fails with
     * {@code why}. See {@link Scheduler#killWorkers}.
     *
     * @param why      fails the jobs the workers held
     * @param forcibly SIGKILL rather than SIGTERM
     */
    public void killWorkers(RuntimeException why, boolean forcibly) {
        scheduler.killWorkers(why, forcibly);
    }

    /**
     * Python {@code join()}: waits for the workers to exit and the callbacks to finish.
     *
     * @return false if the time ran out
     */
    public boolean join(long nanos) {
        long deadline = Timeouts.deadline(nanos);
        if (!scheduler.join(nanos)) {
            return false;
        }
        callbacks.shutdown();
        try {
            return nanos == Long.MAX_VALUE
                    ? callbacks.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
                    : callbacks.awaitTermination(Math.max(0, Timeouts.remaining(deadline)), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * @return workers not yet exited
     */
    public int liveWorkers() {
        return scheduler.liveWorkers();
    }
}
