package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * The JVMs of a new process pool's first workers, started on a thread of their own as the very first
 * thing the pool's constructor does, before the rest of the pool's classes load (some 20 ms of a young
 * parent JVM). The thread loads what spawning needs ({@link ChildProcess}, the command line, the
 * class-data archive) while the caller's thread loads the pool. On two busy cores the gain is smaller than
 * the head start: a cold {@code Pool(2)} 164.7 → 157.5 ms to its first result (alternating runs).
 *
 * <p>States: LISTING (the thread makes one future per JVM) --&gt; LISTED (the futures are there, the JVMs
 * start one after the other, see {@link ChildProcess#spawnInOrder}). {@link #claim} and {@link #discardRest}
 * wait for LISTED, which comes at once after the thread starts (or at once if it could not start).
 */
public final class EarlySpawn implements Runnable {
    /**
     * Whether a pool of this JVM has parked or promised a spare worker ({@link SpareWorkers}); until then
     * a new pool needs a JVM per worker and counts no spares (which would load that class first).
     */
    static volatile boolean sparesPossible;

    /** JVMs to start. */
    private final int count;
    private final List<String> jvmOptions;
    /** The futures, in order, once LISTED; claimed from the head. */
    private final ConcurrentLinkedQueue<CompletableFuture<ChildProcess.Spawned>> futures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch listed = new CountDownLatch(1);

    private EarlySpawn(int count, List<String> jvmOptions) {
        this.count = count;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts the JVMs of a pool's first workers, as many as will find no spare worker of a closed pool.
     *
     * @param workers    the pool's workers
     * @param jvmOptions their {@code java} options
     * @param reusable   whether they may take spare workers of a closed pool (no initializer, no task limit)
     * @return the JVMs, starting; {@link #claim} them in order and {@link #discardRest} the rest
     */
    public static EarlySpawn start(int workers, List<String> jvmOptions, boolean reusable) {
        List<String> options = List.copyOf(jvmOptions);
        int n = workers;
        if (reusable && sparesPossible) {
            n -= SpareWorkers.count(new SpareWorkers.Key(options, ChildProcess.executable()));
        }
        EarlySpawn e = new EarlySpawn(Math.max(0, n), options);
        if (e.count == 0) {
            e.listed.countDown();
            return e;
        }
        java.lang.Thread t = new java.lang.Thread(e, "pyconcurrent-spawn");   // this class, not a lambda: no bootstrap first
        t.setDaemon(true);
        try {
            t.start();
        } catch (OutOfMemoryError | RuntimeException noThread) {
            e.listed.countDown();   // none listed: the workers start their JVMs themselves
        }
        return e;
    }

    @Override
    public void run() {
        List<CompletableFuture<ChildProcess.Spawned>> fs = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                fs.add(new CompletableFuture<>());
            }
            futures.addAll(fs);
        } finally {
            listed.countDown();
        }
        ChildProcess.spawnInOrder(new ChildProcess.Spec("PoolWorker", jvmOptions, true, new byte[0], true, List.of(),
                null), fs);
    }

    /** @return the next JVM started here, possibly still starting, or {@code null} if none is left */
    CompletableFuture<ChildProcess.Spawned> claim() {
        awaitListed();
        return futures.poll();
    }

    /** Ends the JVMs no worker claimed; those not started yet are not started. */
    void discardRest() {
        awaitListed();
        for (CompletableFuture<ChildProcess.Spawned> f; (f = futures.poll()) != null; ) {
            if (!f.cancel(false)) {
                f.thenAccept(ChildProcess.Spawned::discard);
            }
        }
    }

    /** Waits, uninterruptibly, for LISTED: the thread lists the futures before anything else. */
    private void awaitListed() {
        Interrupts.awaitUninterruptibly(listed);
    }
}
