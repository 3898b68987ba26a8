package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.Failures;

import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;
import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.launch.WorkerTask;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedBlockingDeque;
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
 * are lazy: the consuming thread reads the input only as far as
 * {@code 2 * workers} chunks ahead of what it has consumed. An input that throws
 * part-way stops being read: the items read before it (a partial chunk included) still
 * run and their results are handed out first, then the input's own exception is thrown,
 * once (CPython's {@code test_imap_handle_iterable_exception}; CPython drops the partial
 * chunk). {@code map} throws it at the call. The pool is not affected.
 *
 * <p>Callbacks run on one daemon callback thread per pool, started on first use and
 * stopped by {@link #join}.
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

        /** One chunk: apply the prepared function to each item (pairs when {@code star}). */
        P chunk(Object preparedFn, boolean star, Object[] items);
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
        ThreadPoolExecutor cb = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            java.lang.Thread t = new java.lang.Thread(r, "pyconcurrent-pool-callbacks");
            t.setDaemon(true);
            return t;
        });
        this.callbacks = cb;
        this.scheduler = new Scheduler<>(backend, workers, maxTasksPerChild, label);
    }

    /**
     * A pool of child JVMs, named {@code Pool-<n>} in log messages.
     *
     * @param workers          number of child JVMs
     * @param initializer      run in each worker before its first task, may be {@code null}
     * @param maxTasksPerChild tasks per worker before it is replaced; 0 = unlimited
     * @param jvmOptions       extra {@code java} options of the workers
     * @return the engine, its workers starting
     * @throws IllegalArgumentException if the initializer cannot be serialized
     */
    public static PoolEngine<Encoded> processes(int workers, SerializableRunnable initializer, int maxTasksPerChild,
                                                List<String> jvmOptions) {
        return processes(workers, initializer, maxTasksPerChild, jvmOptions, "Pool-" + POOL_COUNTER.incrementAndGet());
    }

    /**
     * A pool of child JVMs named {@code label} in log messages.
     *
     * @param workers          number of child JVMs
     * @param initializer      run in each worker before its first task, may be {@code null}
     * @param maxTasksPerChild tasks per worker before it is replaced; 0 = unlimited
     * @param jvmOptions       extra {@code java} options of the workers
     * @param label            names the pool in log messages
     * @return the engine, its workers starting
     * @throws IllegalArgumentException if the initializer cannot be serialized
     */
    public static PoolEngine<Encoded> processes(int workers, SerializableRunnable initializer, int maxTasksPerChild,
                                                List<String> jvmOptions, String label) {
        Codec codec = JavaSerializationCodec.INSTANCE;
        byte[] init = initializer == null ? new byte[0] : encodeArgument(codec, initializer, "the initializer");
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
            public Encoded chunk(Object preparedFn, boolean star, Object[] items) {
                try {
                    return WorkerTask.chunk((Encoded) preparedFn, star, items);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the items cannot be sent to a worker process: "
                            + e.getMessage(), e);
                }
            }
        };
        return new PoolEngine<>(new ProcessWorker.Backend(jvmOptions, init, label, maxTasksPerChild), enc, workers, maxTasksPerChild,
                true, label);
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
            public Callable<Object> chunk(Object preparedFn, boolean star, Object[] items) {
                return () -> WorkerTask.apply(preparedFn, star, items);
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

    /** Encodes one chunk of a map: the prepared function applied to each item (pairs when {@code star}). */
    public P encodeChunk(Object preparedFn, boolean star, Object[] items) {
        return encoder.chunk(preparedFn, star, items);
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
     * Python {@code map_async} / {@code starmap_async}.
     *
     * @param chunksize items per chunk; 0 = automatic
     */
    public <R> AsyncResultImpl<List<R>> mapAsync(Object fn, boolean star, Iterable<?> items, int chunksize,
                                                 Consumer<? super List<R>> callback,
                                                 Consumer<? super Throwable> errorCallback) {
        java.util.Objects.requireNonNull(fn, "fn");
        java.util.Objects.requireNonNull(items, "items");
        if (chunksize < 0) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        Object[] all = materialize(items, star);
        int size = chunksize == 0 ? defaultChunksize(all.length) : chunksize;
        AsyncResultImpl<List<R>> result = new AsyncResultImpl<>(callback, errorCallback, callbacks, remote);
        if (all.length == 0) {
            scheduler.submit(List.of(), false);   // refuses a closed pool, as Python
            result.complete(new ArrayList<R>());
            return result;
        }
        Object prepared = encoder.prepare(fn);
        int nChunks = (all.length + size - 1) / size;
        Object[][] parts = new Object[nChunks][];
        AtomicInteger left = new AtomicInteger(nChunks);
        List<Scheduler.Job<P>> jobs = new ArrayList<>(nChunks);
        for (int c = 0; c < nChunks; c++) {
            int from = c * size;
            Object[] chunk = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + size));
            int index = c;
            jobs.add(new Scheduler.Job<>(encoder.chunk(prepared, star, chunk), new Scheduler.Sink() {
                @Override
                @SuppressWarnings("unchecked")
                public void complete(Object value) {
                    parts[index] = ((List<Object>) value).toArray();
                    if (left.decrementAndGet() == 0) {
                        List<Object> out = new ArrayList<>(all.length);
                        for (Object[] p : parts) {
                            out.addAll(java.util.Arrays.asList(p));
                        }
                        result.complete(out);
                    }
                }

                @Override
                public void fail(Throwable failure) {
                    result.fail(failure);
                }
            }));
        }
        scheduler.submit(jobs, false);
        return result;
    }

    private static Object[] materialize(Iterable<?> items, boolean star) {
        List<Object> list = items instanceof Collection<?> c ? new ArrayList<>(c.size()) : new ArrayList<>();
        for (Object item : items) {
            list.add(star ? pair(item) : item);
        }
        return list.toArray();
    }

    private static Object pair(Object entry) {
        Map.Entry<?, ?> e = (Map.Entry<?, ?>) java.util.Objects.requireNonNull(entry, "starmap item");
        return new Object[] {e.getKey(), e.getValue()};
    }

    // ---- imap ----------------------------------------------------------------------

    /** Python {@code imap} ({@code ordered}) or {@code imap_unordered}. */
    public <R> Iterator<R> imap(Object fn, Iterable<?> items, int chunksize, boolean ordered) {
        java.util.Objects.requireNonNull(fn, "fn");
        java.util.Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        Object prepared = encoder.prepare(fn);
        if (scheduler.isShutdown()) {
            scheduler.submit(List.of(), false);   // throws the state's exception
        }
        return new LazyMap<>(prepared, items.iterator(), chunksize, ordered);
    }

    /** The lazy iterator of imap: at most {@code window} chunks in flight, input read on demand. */
    private final class LazyMap<R> implements Iterator<R> {
        private final Object prepared;
        private final Iterator<?> source;
        private final int chunksize;
        private final boolean ordered;
        private final int window = Math.max(2, 2 * scheduler.size());
        /** ordered: chunk futures in input order. */
        private final ArrayDeque<CompletableFuture<Object>> inFlight = new ArrayDeque<>();
        /** unordered: chunk futures as they complete. */
        private final LinkedBlockingDeque<CompletableFuture<Object>> finished = new LinkedBlockingDeque<>();
        private int outstanding;
        private List<?> current = List.of();
        private int pos;
        private Throwable failure;
        private boolean first = true;
        /** The input's own exception: thrown after the results of the items read before it. */
        private RuntimeException inputFailure;
        private boolean inputDone;

        LazyMap(Object prepared, Iterator<?> source, int chunksize, boolean ordered) {
            this.prepared = prepared;
            this.source = source;
            this.chunksize = chunksize;
            this.ordered = ordered;
        }

        @Override
        public boolean hasNext() {
            while (failure == null && pos >= current.size()) {
                topUp();
                CompletableFuture<Object> next;
                if (outstanding == 0) {
                    if (inputFailure != null) {
                        failure = new InputFailure(inputFailure);
                        inputFailure = null;
                        break;
                    }
                    return false;
                }
                try {
                    next = ordered ? inFlight.poll() : finished.take();
                    outstanding--;
                    current = (List<?>) next.get();
                    pos = 0;
                } catch (InterruptedException e) {
                    throw Interrupts.rethrow(e);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (failure != null) {
                Throwable t = failure;
                failure = null;
                if (t instanceof InputFailure input) {
                    throw input.exception;   // the caller's own iterator: no remote trace to add
                }
                if (remote) {
                    t.addSuppressed(new CallerStackTrace());
                }
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                if (t instanceof Error err) {
                    throw err;
                }
                throw new java.util.concurrent.CompletionException(Failures.describe(t), t);
            }
            return (R) current.get(pos++);
        }

        /** Whether the input has another item; an exception from it ends the input (kept for later). */
        private boolean sourceHasNext() {
            if (inputDone) {
                return false;
            }
            try {
                if (source.hasNext()) {
                    return true;
                }
            } catch (RuntimeException e) {
                inputFailure = e;
            }
            inputDone = true;
            return false;
        }

        /** The input's next item, or {@link #NO_ITEM} if it threw (kept for later). */
        private Object sourceNext() {
            try {
                return source.next();
            } catch (RuntimeException e) {
                inputFailure = e;
                inputDone = true;
                return NO_ITEM;
            }
        }

        private void topUp() {
            List<Scheduler.Job<P>> jobs = new ArrayList<>();
            while (outstanding + jobs.size() < window && sourceHasNext()) {
                List<Object> items = new ArrayList<>(chunksize);
                while (items.size() < chunksize && sourceHasNext()) {
                    Object item = sourceNext();
                    if (item != NO_ITEM) {
                        items.add(item);
                    }
                }
                if (items.isEmpty()) {
                    break;
                }
                CompletableFuture<Object> f = new CompletableFuture<>();
                if (ordered) {
                    inFlight.add(f);
                }
                jobs.add(new Scheduler.Job<>(encoder.chunk(prepared, false, items.toArray()), new Scheduler.Sink() {
                    @Override
                    public void complete(Object value) {
                        f.complete(value);
                        if (!ordered) {
                            finished.add(f);
                        }
                    }

                    @Override
                    public void fail(Throwable t) {
                        f.completeExceptionally(t);
                        if (!ordered) {
                            finished.add(f);
                        }
                    }
                }));
            }
            if (!jobs.isEmpty()) {
                scheduler.submit(jobs, !first);
                outstanding += jobs.size();
            }
            first = false;
        }
    }

    /** Stands for "the input threw instead of giving an item". */
    private static final Object NO_ITEM = new Object();

    /** Carries the input's own exception through the failure slot of {@code imap}'s iterator. */
    private static final class InputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final RuntimeException exception;

        InputFailure(RuntimeException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    // ---- lifecycle -----------------------------------------------------------------

    /** Python {@code close()}: no new tasks; waits for outstanding ones; workers then exit. */
    public void close() {
        scheduler.close();
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
