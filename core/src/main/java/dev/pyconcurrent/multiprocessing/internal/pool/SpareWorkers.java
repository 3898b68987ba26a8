package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.internal.ThreadFactories;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.multiprocessing.internal.launch.Wire;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Idle workers of closed pools, kept alive for a short while so that a pool created next in the same
 * JVM with the same options starts at once instead of starting new JVMs. Only workers without an
 * initializer, of pools without {@code maxTasksPerChild}, are kept. A spare that no pool takes within
 * {@link #lingerMillis()} is shut down.
 *
 * <p>The linger is the system property {@code pyconcurrent.spareWorkerMillis} (default
 * {@value #DEFAULT_LINGER_MILLIS}; 0 turns this off), read at each offer. A spare has run tasks of the
 * earlier pool: static state those tasks left is still there, which is the price of the fast start.
 *
 * <p>Workers that ran a task are handed out before those that did not: a pool gives its first task to
 * the worker it took first, and a JVM's first task costs it some 20–30 ms more (its first lambda
 * deserialized, its codec compiled), which a second pool's first result would otherwise pay now and then.
 *
 * <p>States of a spare (guarded by {@code SPARES}): PARKED --taken by a pool--> gone from here;
 * PARKED --linger elapsed, or the child exited--> gone, shut down.
 *
 * <p>Promised spares: when a closed pool decides that a worker retires (under its lock, before the worker
 * is offered, and even while it is still starting: a pool's JVMs boot one after another on a small
 * machine, see {@code ChildProcess.spawnAhead}) the worker {@link #promise promises} itself. A new pool
 * counts promises as spares and starts no JVM for them; its workers that find no parked spare
 * {@link #awaitPromised wait} for a promised one instead. A promise that is not kept (the worker died,
 * was stopped, or was busy after all) is {@link #withdraw withdrawn}, and the worker that waited for it
 * starts a JVM of its own. So a pool opened right after a short one never boots a JVM beside one that is
 * already there, or booting, for it. Invariant (under {@code SPARES}): a key's waiters are never more
 * than its promises.
 */
final class SpareWorkers {
    private SpareWorkers() {
    }

    /** Default time a spare waits for a new pool. */
    static final long DEFAULT_LINGER_MILLIS = 2_000;
    /** System property holding the linger in milliseconds. */
    static final String LINGER_PROPERTY = "pyconcurrent.spareWorkerMillis";

    /**
     * What a worker must match to be reused: the options its JVM was started with. A plain class, not
     * a record: a record's {@code equals} is linked by a bootstrap method the first time it runs, which
     * costs a young JVM milliseconds in the very call that should start the next pool at once.
     */
    static final class Key {
        private final List<String> jvmOptions;
        private final String executable;

        Key(List<String> jvmOptions, String executable) {
            this.jvmOptions = List.copyOf(jvmOptions);
            this.executable = executable;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && jvmOptions.equals(k.jvmOptions) && Objects.equals(executable, k.executable);
        }

        @Override
        public int hashCode() {
            return 31 * jvmOptions.hashCode() + Objects.hashCode(executable);
        }
    }

    /**
     * A parked worker.
     *
     * @param child   its process
     * @param ranTask whether it has run a task (in any pool)
     */
    record Parked(ChildProcess child, boolean ranTask) {
    }

    /** A pool's worker waiting for a promised spare. Called once, holding no lock. */
    interface Waiter {
        /** Here is a spare, bound to no pool: take it. */
        void spare(Parked spare);

        /** The promise it waited for was not kept: start a JVM. */
        void none();
    }

    /** Promised spares of one key and the workers waiting for them. */
    private static final class Promises {
        int promised;                                       // guarded by SPARES
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();   // guarded by SPARES; waiters.size() <= promised
    }

    private static final Map<Key, ArrayDeque<Parked>> SPARES = new HashMap<>();   // guarded by itself
    private static final Map<Key, Promises> PROMISES = new HashMap<>();          // guarded by SPARES

    /** The expiry thread, created when the first worker is parked (a new pool only counts spares). */
    private static final class Expiry {
        static final ScheduledExecutorService EXPIRY = Executors.newSingleThreadScheduledExecutor(
                ThreadFactories.daemon("pyconcurrent-spare-workers"));
    }

    static long lingerMillis() {
        try {
            return Math.max(0, Long.parseLong(System.getProperty(LINGER_PROPERTY, Long.toString(DEFAULT_LINGER_MILLIS))));
        } catch (NumberFormatException e) {
            return DEFAULT_LINGER_MILLIS;
        }
    }

    /**
     * Promises a spare: a retiring worker of a closed pool will be {@link #offer offered} (when ready, if
     * it is still starting), or its promise {@link #withdraw withdrawn}. Called under its pool's lock.
     *
     * @return false if spares are off (nothing was promised)
     */
    static boolean promise(Key key) {
        if (lingerMillis() == 0) {
            return false;
        }
        EarlySpawn.sparesPossible = true;   // before the promise counts: a new pool then counts it
        synchronized (SPARES) {
            PROMISES.computeIfAbsent(key, k -> new Promises()).promised++;
        }
        return true;
    }

    /** A promised spare will not come: the worker that waited longest for one, if one too many wait, starts a JVM. */
    static void withdraw(Key key) {
        Waiter unserved = null;
        synchronized (SPARES) {
            Promises p = PROMISES.get(key);
            p.promised--;
            if (p.waiters.size() > p.promised) {
                unserved = p.waiters.pollFirst();
            }
        }
        if (unserved != null) {
            unserved.none();
        }
    }

    /**
     * Waits for a promised spare of {@code key} if there is one nobody waits for yet: {@code w} is then
     * called back once, with the spare or with {@link Waiter#none}.
     *
     * @return false if there is none (the caller starts a JVM)
     */
    static boolean awaitPromised(Key key, Waiter w) {
        synchronized (SPARES) {
            Promises p = PROMISES.get(key);
            if (p == null || p.waiters.size() >= p.promised) {
                return false;
            }
            p.waiters.addLast(w);
            return true;
        }
    }

    /**
     * @return whether {@code w} was waiting and now is not (it will not be called back)
     */
    static boolean cancelWait(Key key, Waiter w) {
        synchronized (SPARES) {
            Promises p = PROMISES.get(key);
            return p != null && p.waiters.remove(w);
        }
    }

    /**
     * Keeps an idle, ready worker for a later pool, or hands it to a pool's worker waiting for one.
     *
     * @param ranTask  whether it has run a task: such workers are taken first
     * @param promised whether this worker {@link #promise promised} itself: the promise is kept when this
     *                 returns true (when it returns false, the caller {@link #withdraw withdraws} it)
     * @return false if spares are off or the child is ending (the caller then shuts it down)
     */
    static boolean offer(Key key, ChildProcess child, boolean ranTask, boolean promised) {
        long linger = lingerMillis();
        if (linger == 0 || !child.isAlive() || child.isExiting()) {
            return false;
        }
        EarlySpawn.sparesPossible = true;
        child.rebind(new ChildProcess.Listener() {
            @Override
            public void onFrame(ChildProcess c, Wire.Frame frame) {
                // a parked worker runs nothing; its output lines are printed by the channel reader
            }

            @Override
            public void onExit(ChildProcess c) {
                remove(key, c);
            }
        });
        Parked p = new Parked(child, ranTask);
        Waiter waiting = null;
        synchronized (SPARES) {
            Promises ps = PROMISES.get(key);
            if (promised) {
                ps.promised--;
            }
            if (ps != null && !ps.waiters.isEmpty()) {
                waiting = ps.waiters.pollFirst();
            } else {
                ArrayDeque<Parked> q = SPARES.computeIfAbsent(key, k -> new ArrayDeque<>());
                if (ranTask) {
                    q.addFirst(p);
                } else {
                    q.addLast(p);
                }
            }
        }
        if (waiting != null) {
            waiting.spare(p);
            return true;
        }
        Expiry.EXPIRY.schedule(() -> {
            if (remove(key, child)) {
                child.trySend(Wire.SHUTDOWN, 0, new byte[0]);
            }
        }, linger, TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * @return how many parked workers were started with {@code key}'s options, and promised ones nobody
     *         waits for yet
     */
    static int count(Key key) {
        synchronized (SPARES) {
            ArrayDeque<Parked> q = SPARES.get(key);
            Promises p = PROMISES.get(key);
            return (q == null ? 0 : q.size()) + (p == null ? 0 : p.promised - p.waiters.size());
        }
    }

    /**
     * @return a parked worker started with {@code key}'s options (one that ran a task if there is one),
     *         or {@code null}
     */
    static Parked take(Key key) {
        if (lingerMillis() == 0) {
            return null;
        }
        synchronized (SPARES) {
            ArrayDeque<Parked> q = SPARES.get(key);
            while (q != null && !q.isEmpty()) {
                Parked p = q.pollFirst();
                if (p.child().isAlive() && !p.child().isExiting()) {
                    return p;
                }
            }
            return null;
        }
    }

    private static boolean remove(Key key, ChildProcess child) {
        synchronized (SPARES) {
            ArrayDeque<Parked> q = SPARES.get(key);
            return q != null && q.removeIf(p -> p.child() == child);
        }
    }
}
