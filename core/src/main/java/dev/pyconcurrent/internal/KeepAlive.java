package dev.pyconcurrent.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the JVM alive while an executor has unfinished work, as Python's exit-time join of its
 * executors does, without keeping it alive for an idle executor. Not public API.
 *
 * <p>A non-daemon "keeper" thread exists while some work is unfinished and for up to
 * {@link #LINGER_MILLIS} after the last piece ends, so a caller that submits one task at a time does
 * not start a thread per task. The keeper does not poll: it waits on this object and is woken when
 * the unfinished count drops to zero; it exits after a whole linger period in which nothing began.
 *
 * <p>The count of unfinished work is an {@link AtomicLong}, so {@link #begin()} and {@link #end()}
 * take the lock only on the transitions 0 → 1 and 1 → 0.
 *
 * <p>States (guarded by {@code this}):
 * <pre>
 *   NO_KEEPER --begin() from 0--> KEEPER
 *   KEEPER --unfinished == 0 and no begin() from 0 for LINGER_MILLIS--> NO_KEEPER
 * </pre>
 * The keeper clears {@code keeper} under the lock as it exits, so a later {@link #begin()} starts a
 * fresh one; a {@code begin()} that raced with the exit takes the lock after it and sees no keeper.
 */
public final class KeepAlive {
    /** How long a keeper waits for new work after the last piece ended. */
    static final long LINGER_MILLIS = 20;

    private final String name;
    private final AtomicLong unfinished = new AtomicLong();
    private long awakenings;          // guarded by this; counts begin() calls from 0
    private java.lang.Thread keeper;  // guarded by this; null = NO_KEEPER

    /**
     * @param name the keeper thread's name
     */
    public KeepAlive(String name) {
        this.name = name;
    }

    /** A piece of work is now unfinished: the JVM stays alive until it ends. */
    public void begin() {
        if (unfinished.getAndIncrement() == 0) {
            synchronized (this) {
                awakenings++;
                if (keeper == null) {
                    keeper = new java.lang.Thread(this::keep, name);
                    keeper.setDaemon(false);
                    keeper.start();
                }
            }
        }
    }

    /** A piece of work begun with {@link #begin()} has ended. */
    public void end() {
        if (unfinished.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private synchronized void keep() {
        long seen = -1;
        while (true) {
            try {
                if (unfinished.get() > 0) {
                    wait();
                    continue;
                }
                if (awakenings == seen) {
                    keeper = null;
                    return;
                }
                seen = awakenings;
                TimeUnit.MILLISECONDS.timedWait(this, LINGER_MILLIS);
            } catch (InterruptedException e) {
                // only finished work ends this thread
            }
        }
    }
}
