package dev.pyconcurrent;

/**
 * A held lock (or semaphore permit), released once by {@link #close()}.
 * Python's {@code with lock:} becomes:
 *
 * <pre>{@code
 * try (Held h = lock.hold()) {
 *     // critical section
 * }
 * }</pre>
 *
 * <p>{@code close()} declares no checked exception, and releases only the first time it is called.
 */
public interface Held extends AutoCloseable {
    /** Releases what {@code hold()} acquired; later calls do nothing. Python: leaving the {@code with} block ({@code __exit__}). */
    @Override
    void close();
}
