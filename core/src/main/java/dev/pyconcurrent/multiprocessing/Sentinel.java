package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.connection.Waiter;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link Process#getSentinel()} returns: a handle that becomes ready when the process ends,
 * for {@link Multiprocessing#wait(java.util.Collection, double)}. Python: {@code Process.sentinel}
 * (there a file descriptor for {@code multiprocessing.connection.wait}).
 *
 * <p>States: PENDING --the process ended (its exit code is known, its output forwarded)--> READY.
 */
public final class Sentinel {
    static {
        Waiter.register(Sentinel.class, new Waiter.Kind<>() {
            @Override
            public boolean readyNow(Sentinel s) {
                return s.isReady();
            }

            @Override
            public Waiter.Registration onReady(Sentinel s, Runnable wake) {
                return s.onReady(wake);
            }
        });
    }

    private final String owner;
    private volatile boolean ready;
    private final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();

    Sentinel(String owner, CompletionStage<?> ended) {
        this.owner = owner;
        ended.whenComplete((r, e) -> fire());
    }

    private void fire() {
        ready = true;
        for (Runnable w : waiters) {
            w.run();
        }
    }

    private Waiter.Registration onReady(Runnable wake) {
        waiters.add(wake);
        if (ready) {
            wake.run();
        }
        return () -> waiters.remove(wake);
    }

    /**
     * Whether the process has ended (Python: the sentinel is readable).
     *
     * @return whether it has
     */
    public boolean isReady() {
        return ready;
    }

    /**
     * A description.
     *
     * @return e.g. {@code Sentinel(Process-1, ready)}
     */
    @Override
    public String toString() {
        return "Sentinel(" + owner + (ready ? ", ready)" : ")");
    }
}
