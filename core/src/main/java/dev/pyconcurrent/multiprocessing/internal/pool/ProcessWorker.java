package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.LazyLogger;
import dev.pyconcurrent.futures.BrokenProcessPoolException;
import dev.pyconcurrent.multiprocessing.ProcessDiedException;
import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.multiprocessing.internal.launch.Wire;
import dev.pyconcurrent.multiprocessing.internal.launch.WorkerTask;


import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A pool worker that is a child JVM. STARTING (launched, or waiting for a spare a closed pool promised,
 * see {@link SpareWorkers}) → READY (connected, initializer done, or a spare taken) → exited; READY →
 * DRAINING when its JVM announces that it exits (a task called {@code System.exit}). When its pool
 * retires it, the worker promises itself as a spare ({@link #retiring}) and keeps or withdraws that
 * promise exactly once: kept by {@link #shutdown} offering it, withdrawn when that offer is refused or
 * when the worker ends first.
 * A worker that ends before it is ready tells the scheduler how ({@link Scheduler.StartEnd}): ended by
 * the pool (not a failure), its initializer raised, a signal from outside ended it
 * ({@link ChildProcess#endedBySignalFromOutside}), or it failed to start by itself.
 * Results and failures are decoded on the child's channel reader thread and handed to the
 * {@link Scheduler}; at exit the scheduler learns whether the child died holding jobs
 * ({@link ProcessDiedException} for the one that was running) or never became ready (a start
 * failure, with the child's output tail; an initializer that raised breaks the pool at once).
 *
 * <p>Each {@code RESULT} and {@code ERROR} frame starts with the nanoseconds the task ran in the
 * worker; the {@link Backend} keeps their moving average and derives how many tasks a worker may
 * hold at once: one for tasks of more than 6 ms, else {@code 1 + 300 µs / average} between 2 and
 * {@value Backend#MAX_CAPACITY}. Short tasks are pipelined so the round trip hides behind work; long
 * tasks go one at a time so none waits behind another on a busy worker while a free one idles.
 *
 * <p>Logging: a start and a requested exit at DEBUG; an exit nobody asked for (a crash,
 * {@code kill -9}, {@code System.exit} in a task, out of memory) at WARN with the pid and the exit
 * code.
 */
final class ProcessWorker implements Scheduler.Worker<Encoded>, ChildProcess.Listener {
    private static final LazyLogger LOG = new LazyLogger(ProcessWorker.class);

    /** The backend that makes process workers. */
    static final class Backend implements Scheduler.Backend<Encoded> {
        /** Most tasks a worker holds at once. */
        static final int MAX_CAPACITY = 16;
        /** What a round trip costs, roughly: the work that pipelining should cover. */
        private static final double ROUND_TRIP_NANOS = 300_000;

        private final List<String> jvmOptions;
        private final byte[] initializer;
        private final String pool;
        private final boolean reusable;     // workers may be parked for, or taken from, SpareWorkers
        private final SpareWorkers.Key spareKey;
        private volatile double averageNanos = -1;   // racy updates from reader threads are fine: a hint
        /** JVMs started ahead for the first workers ({@link EarlySpawn}). */
        private final EarlySpawn early;

        Backend(List<String> jvmOptions, byte[] initializer, String pool, int maxTasksPerChild, EarlySpawn early) {
            this.early = early;
            this.jvmOptions = List.copyOf(jvmOptions);
            this.initializer = initializer;
            this.pool = pool;
            this.reusable = initializer.length == 0 && maxTasksPerChild == 0;
            this.spareKey = new SpareWorkers.Key(this.jvmOptions, ChildProcess.executable());
        }

        /** The spec of this pool's workers; only the name differs between them. */
        ChildProcess.Spec spec(String name) {
            return new ChildProcess.Spec(name, jvmOptions, true, initializer, true, List.of(), null);
        }

        /** @return a JVM started ahead ({@link EarlySpawn}), possibly still starting, or {@code null} */
        CompletableFuture<ChildProcess.Spawned> claimEarly() {
            return early.claim();
        }

        /** Ends the JVMs started ahead that no worker claimed (spares of a closed pool were taken instead). */
        void discardUnclaimed() {
            early.discardRest();
        }

        @Override
        public Scheduler.Worker<Encoded> create(Scheduler<Encoded> scheduler, int index) {
            return new ProcessWorker(scheduler, this, "PoolWorker-" + index);
        }

        @Override
        public RuntimeException broken(String message, Throwable cause) {
            return new BrokenProcessPoolException(message, cause);
        }

        @Override
        public int capacity() {
            double avg = averageNanos;
            if (avg < 0) {
                return 2;
            }
            if (avg > 20 * ROUND_TRIP_NANOS) {
                return 1;   // long tasks: one at a time, so none waits behind another while a worker idles
            }
            return (int) Math.max(2, Math.min(MAX_CAPACITY, 1 + ROUND_TRIP_NANOS / Math.max(1, avg)));
        }

        void recordTaskNanos(long nanos) {
            double avg = averageNanos;
            averageNanos = avg < 0 ? nanos : avg * 0.9 + nanos * 0.1;
        }
    }

    private final Scheduler<Encoded> scheduler;
    private final Backend backend;
    private final String name;
    private volatile ChildProcess child;
    private volatile boolean ready;
    private volatile String startProblem;
    private volatile boolean initializerFailed;
    private volatile boolean killRequested;
    private volatile boolean shutdownRequested;
    private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether the child has answered a task, in this pool or an earlier one (set by the channel reader, read at shutdown). */
    private volatile boolean ranTask;
    private final java.util.concurrent.ConcurrentLinkedQueue<Scheduler.Job<Encoded>> outbox =
            new java.util.concurrent.ConcurrentLinkedQueue<>();   // jobs given, not yet sent; in order
    private final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
    private final Object promiseLock = new Object();
    private boolean promisedSpare;   // guarded by promiseLock: see retiring
    private boolean ended;           // guarded by promiseLock: onExit came, or the launch failed

    ProcessWorker(Scheduler<Encoded> scheduler, Backend backend, String name) {
        this.scheduler = scheduler;
        this.backend = backend;
        this.name = name;
    }

    @Override
    public void start() {
        if (backend.reusable && EarlySpawn.sparesPossible) {   // none parked or promised yet: SpareWorkers stays unloaded
            SpareWorkers.Parked parked = SpareWorkers.take(backend.spareKey);
            if (parked != null) {
                adopt(parked);
                return;
            }
            if (SpareWorkers.awaitPromised(backend.spareKey, waiter)) {
                return;   // a worker of a closed pool, still starting, will be ours
            }
        }
        launchSoon();
    }

    /** Waits for a promised spare ({@link SpareWorkers#awaitPromised}). */
    private final SpareWorkers.Waiter waiter = new SpareWorkers.Waiter() {
        @Override
        public void spare(SpareWorkers.Parked spare) {
            adopt(spare);
        }

        @Override
        public void none() {
            launchSoon();
        }
    };

    /** Makes a spare of a closed pool this worker's child. */
    private void adopt(SpareWorkers.Parked parked) {
        ChildProcess spare = parked.child();
        ranTask = parked.ranTask();
        child = spare;   // before killRequested is read: kill() reads them the other way round
        if (killRequested) {
            spare.rebind(this);
            spare.kill();   // its end reaches onExit
            return;
        }
        ready = true;
        spare.rebind(this);   // an end while it moved is reported here (after ready: it was a ready worker)
        LOG.get().debug("{}: took the idle worker process {} of a closed pool", backend.pool, spare);
        scheduler.onReady(this);
    }

    /**
     * Starts this worker's JVM (or claims one spawned ahead) on a thread of its own: starting a JVM takes
     * the caller some milliseconds (fork and exec), the pool's constructor does not wait for it, and its
     * workers start side by side.
     */
    private void launchSoon() {
        CompletableFuture<ChildProcess.Spawned> early = backend.claimEarly();
        java.lang.Thread launcher = new java.lang.Thread(new Runnable() {   // a class: no call site to link
            @Override
            public void run() {
                launch(early);
            }
        }, "pyconcurrent-launch-" + name);
        launcher.setDaemon(true);
        launcher.start();
    }

    /**
     * The pool closed and has no job left for this worker: it promises itself as a spare (see
     * {@link SpareWorkers}), so a pool opened right after counts it even before {@link #shutdown} offers
     * it, or while it is still starting. Called under the scheduler lock, so before {@link #shutdown}.
     */
    @Override
    public void retiring() {
        synchronized (promiseLock) {
            if (backend.reusable && !ended && !promisedSpare && !killRequested) {
                promisedSpare = SpareWorkers.promise(backend.spareKey);
            }
        }
    }

    /**
     * @param end whether this worker has ended: it will promise nothing any more
     * @return whether it had promised itself as a spare (the promise is now the caller's to keep or withdraw)
     */
    private boolean takePromise(boolean end) {
        synchronized (promiseLock) {
            ended |= end;
            boolean p = promisedSpare;
            promisedSpare = false;
            return p;
        }
    }

    /** This worker ended: a promise to become a spare that it made is withdrawn. */
    private void ended() {
        if (takePromise(true)) {
            SpareWorkers.withdraw(backend.spareKey);
        }
    }

    /** Launches this worker's child, in a JVM spawned ahead if there is one ({@code early} not null). */
    private void launch(CompletableFuture<ChildProcess.Spawned> early) {
        ChildProcess.Spec spec = backend.spec(name);
        try {
            ChildProcess.Spawned spawned = null;
            if (early != null) {
                try {
                    spawned = early.join();
                } catch (java.util.concurrent.CompletionException failedAhead) {
                    // launched again below, where a failure is reported
                }
            }
            ChildProcess c = null;
            if (spawned != null) {
                try {
                    c = ChildProcess.launch(spawned, spec, this);
                } catch (IllegalArgumentException optionsChanged) {   // setExecutable since it was spawned
                    spawned.discard();
                }
            }
            child = c != null ? c : ChildProcess.launch(spec, this);
            if (killRequested) {
                child.kill();
            }
        } catch (IOException | RuntimeException e) {
            ended();
            LOG.get().debug("{}: cannot start worker process {}: {}", backend.pool, name, e.toString());
            scheduler.onExit(this, null, new BrokenProcessPoolException(
                    "cannot start a worker process: " + e, e), false);
        }
    }

    @Override
    public void run(Scheduler.Job<Encoded> job) {
        holding.incrementAndGet();
        outbox.add(job);
    }

    /**
     * Sends the queued jobs in their order: one thread at a time drains the outbox, so two threads that
     * dispatched to this worker cannot send its jobs out of order.
     */
    @Override
    public void flush() {
        while (!outbox.isEmpty()) {
            if (!flushing.compareAndSet(false, true)) {
                return;   // the thread draining now sends ours too (it checks again after letting go)
            }
            try {
                Scheduler.Job<Encoded> job;
                while ((job = outbox.poll()) != null) {
                    child.trySend(Wire.TASK, job.id(), job.payload());   // a broken channel ends in onExit
                }
            } finally {
                flushing.set(false);
            }
        }
    }

    @Override
    public void shutdown() {
        shutdownRequested = true;
        ChildProcess c = child;
        boolean promised = takePromise(false);
        // a worker being terminated or killed is never kept: the next pool would get a dying process
        boolean keep = backend.reusable && !killRequested && holding.get() == 0;
        if (keep && SpareWorkers.offer(backend.spareKey, c, ranTask, promised)) {
            LOG.get().debug("{}: worker process {} kept for a next pool", backend.pool, c);
            scheduler.onExit(this, null, null, false);   // gone from this pool; the spare lives on
            return;
        }
        if (promised) {
            SpareWorkers.withdraw(backend.spareKey);   // not kept: refused, or not offered at all
        }
        c.trySend(Wire.SHUTDOWN, 0, new byte[0]);
    }

    @Override
    public void kill() {
        killRequested = true;
        if (stopWaiting()) {
            return;
        }
        ChildProcess c = child;
        if (c != null) {
            c.kill();
        }
    }

    @Override
    public void terminate() {
        killRequested = true;
        if (stopWaiting()) {
            return;
        }
        ChildProcess c = child;
        if (c != null) {
            c.terminateThenKill();
        }
    }

    /**
     * A worker stopped while it waits for a promised spare ends at once, without a process.
     *
     * @return whether it was waiting (its end is reported)
     */
    private boolean stopWaiting() {
        if (!backend.reusable || !SpareWorkers.cancelWait(backend.spareKey, waiter)) {
            return false;
        }
        ended();
        scheduler.onExit(this, null, null, Scheduler.StartEnd.FAILED);   // stopped by the pool: not a failure
        return true;
    }

    /**
     * Books a task's answer ({@code RESULT} or {@code ERROR}): one job fewer held, the child has run a task,
     * the time it ran (the payload's first 8 bytes) recorded.
     *
     * @return the payload
     */
    private byte[] answered(Wire.Frame f) {
        holding.decrementAndGet();
        if (!ranTask) {
            ranTask = true;   // written once, not per answer
        }
        byte[] p = f.payload();
        backend.recordTaskNanos(ByteBuffer.wrap(p).getLong());
        return p;
    }

    @Override
    public void onFrame(ChildProcess c, Wire.Frame f) {
        child = c;
        switch (f.type()) {
            case Wire.READY -> {
                ready = true;
                scheduler.onReady(this);
            }
            case Wire.RESULT -> {
                byte[] p = answered(f);
                Object value;
                try {
                    value = WorkerTask.result(p, 8, c.reader());
                } catch (RuntimeException e) {
                    scheduler.onDone(this, f.id(), null, new IllegalStateException(
                            "the task's result cannot be rebuilt in the parent: " + e.getMessage(), e));
                    return;
                }
                scheduler.onDone(this, f.id(), value, null);
            }
            case Wire.ERROR -> {
                byte[] p = answered(f);
                scheduler.onDone(this, f.id(), null, failure(Arrays.copyOfRange(p, 8, p.length)));
            }
            case Wire.EXITING -> {
                if (!shutdownRequested && !killRequested) {
                    scheduler.onDraining(this);
                }
            }
            case Wire.INIT_FAILED -> {
                Throwable t = failure(f.payload());
                initializerFailed = true;
                startProblem = "the initializer raised " + RemoteFailure.stackText(t);
            }
            default -> {
                startProblem = "protocol error: unexpected frame type " + f.type();
                c.kill();
            }
        }
    }

    private Throwable failure(byte[] payload) {
        try {
            Codec codec = JavaSerializationCodec.INSTANCE;   // set up at the first failure, not with the worker
            return ((RemoteFailure) codec.decode(payload)).rebuild(codec);
        } catch (RuntimeException e) {
            return new IllegalStateException("a task failed in the worker and its exception cannot be read: " + e, e);
        }
    }

    @Override
    public void onExit(ChildProcess c) {
        ended();
        child = c;
        String exit = ChildProcess.describeExit(c.exitValue());
        String tail = c.stderrTail();
        String tailText = tail.isEmpty() ? "" : "\n--- output of the worker ---\n" + tail;
        boolean asked = killRequested || shutdownRequested || ChildProcess.jvmExiting();
        if (!ready) {
            String problem = startProblem == null ? "" : "; " + startProblem;
            LOG.get().debug("{}: worker process {} (pid {}) ended before it was ready: {}{}", backend.pool, name, c.pid(),
                    exit, asked ? " (stopped by the pool)" : problem);
            if (asked) {
                scheduler.onExit(this, null, null, Scheduler.StartEnd.FAILED);   // not a failure to start
                return;
            }
            Scheduler.StartEnd how = initializerFailed ? Scheduler.StartEnd.INITIALIZER_FAILED
                    : ChildProcess.endedBySignalFromOutside(c.exitValue()) ? Scheduler.StartEnd.KILLED
                    : Scheduler.StartEnd.FAILED;
            scheduler.onExit(this, null, new BrokenProcessPoolException(
                    "a worker process (" + name + ", pid " + c.pid() + ") could not start: " + exit + problem + tailText),
                    how);
        } else {
            if (asked) {
                LOG.get().debug("{}: worker process {} (pid {}) exited with {}", backend.pool, name, c.pid(), exit);
            } else {
                LOG.get().warn("{}: worker process {} (pid {}) died with {}{}{}", backend.pool, name, c.pid(), exit,
                        holding.get() > 0 ? " while running a task, which fails with ProcessDiedException"
                                : " while idle",
                        c.isExiting() ? ", after its JVM began to exit (System.exit in a task?)" : "");
            }
            scheduler.onExit(this, new ProcessDiedException(
                    "the worker process " + name + " (pid " + c.pid() + ") running this task died with " + exit
                            + tailText), null, false);
        }
    }

    @Override
    public String toString() {
        ChildProcess c = child;
        return c == null ? name : c.toString();
    }
}
