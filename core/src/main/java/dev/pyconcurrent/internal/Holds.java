package dev.pyconcurrent.internal;

import dev.pyconcurrent.Held;

import java.util.concurrent.atomic.AtomicBoolean;

/** Builds the {@link Held} that {@code hold()} returns: runs its release action once. Not public API. */
public final class Holds {
    private Holds() {
    }

    /**
     * A {@link Held} whose first {@code close()} runs {@code release}; later calls do nothing.
     * @param release the action that gives the resource back
     * @return the hold
     */
    public static Held releasingOnce(Runnable release) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release.run();
            }
        };
    }
}
