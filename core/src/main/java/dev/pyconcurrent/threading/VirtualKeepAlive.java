package dev.pyconcurrent.threading;

/**
 * Keeps the JVM alive while non-daemon virtual {@link Thread}s run: the JVM waits at exit only for
 * non-daemon platform threads, and virtual threads are always daemon to it.
 *
 * <p>Model: a count of running non-daemon virtual threads and at most one non-daemon platform
 * "keeper" thread, which exists while the count is above zero. {@link #enter()} (before such a
 * thread starts) adds one and starts a keeper if there is none; {@link #exit()} (when it ends)
 * subtracts one and wakes the keeper at zero. The keeper, under the same lock, waits until the
 * count is zero, forgets itself and ends; an {@code enter} after that starts a new keeper, so no
 * running thread is ever without one.
 */
final class VirtualKeepAlive {
    private static final Object LOCK = new Object();
    private static int running;                      // guarded by LOCK
    private static java.lang.Thread keeper;          // guarded by LOCK

    private VirtualKeepAlive() {
    }

    /** A non-daemon virtual thread is about to start. */
    static void enter() {
        synchronized (LOCK) {
            running++;
            if (keeper == null) {
                java.lang.Thread k = new java.lang.Thread(VirtualKeepAlive::keep, "pyconcurrent-virtual-keepalive");
                k.setDaemon(false);
                k.start();
                keeper = k;
            }
        }
    }

    /** A non-daemon virtual thread ended (or failed to start). */
    static void exit() {
        synchronized (LOCK) {
            running--;
            if (running == 0) {
                LOCK.notifyAll();
            }
        }
    }

    private static void keep() {
        synchronized (LOCK) {
            while (running > 0) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    // only the end of the threads it waits for ends the keeper
                }
            }
            keeper = null;
        }
    }

    /** Whether a keeper thread exists (for tests). */
    static boolean keeping() {
        synchronized (LOCK) {
            return keeper != null;
        }
    }
}
