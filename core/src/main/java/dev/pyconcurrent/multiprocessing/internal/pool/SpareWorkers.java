package dev.pyconcurrent.multiprocessing.internal.pool;

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

    private static final Map<Key, ArrayDeque<Parked>> SPARES = new HashMap<>();   // guarded by itself

    /** The expiry thread, created when the first worker is parked (a new pool only counts spares). */
    private static final class Expiry {
        static final ScheduledExecutorService EXPIRY = Executors.newSingleThreadScheduledExecutor(r -> {
            java.lang.Thread t = new java.lang.Thread(r, "pyconcurrent-spare-workers");
            t.setDaemon(true);
            return t;
        });
    }

    static long lingerMillis() {
        try {
            return Math.max(0, Long.parseLong(System.getProperty(LINGER_PROPERTY, Long.toString(DEFAULT_LINGER_MILLIS))));
        } catch (NumberFormatException e) {
            return DEFAULT_LINGER_MILLIS;
        }
    }

    /**
     * Keeps an idle, ready worker for a later pool.
     *
     * @param ranTask whether it has run a task: such workers are taken first
     * @return false if spares are off (the caller then shuts it down)
     */
    static boolean offer(Key key, ChildProcess child, boolean ranTask) {
        long linger = lingerMillis();
        if (linger == 0 || !child.isAlive() || child.isExiting()) {
            return false;
        }
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
        synchronized (SPARES) {
            ArrayDeque<Parked> q = SPARES.computeIfAbsent(key, k -> new ArrayDeque<>());
            Parked p = new Parked(child, ranTask);
            if (ranTask) {
                q.addFirst(p);
            } else {
                q.addLast(p);
            }
        }
        Expiry.EXPIRY.schedule(() -> {
            if (remove(key, child)) {
                child.trySend(Wire.SHUTDOWN, 0, new byte[0]);
            }
        }, linger, TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * @return how many parked workers were started with {@code key}'s options
     */
    static int count(Key key) {
        synchronized (SPARES) {
            ArrayDeque<Parked> q = SPARES.get(key);
            return q == null ? 0 : q.size();
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
