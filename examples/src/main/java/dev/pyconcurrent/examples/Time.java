package dev.pyconcurrent.examples;

import dev.pyconcurrent.ThreadInterruptedException;

/**
 * The two functions of Python's {@code time} module the examples need, so that each
 * example reads like its Python original.
 */
final class Time {
    private Time() {
    }

    /** Python: {@code time.sleep(seconds)}. An interrupt becomes {@link ThreadInterruptedException}. */
    static void sleep(double seconds) {
        long nanos = (long) (seconds * 1e9);
        try {
            java.lang.Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            throw new ThreadInterruptedException(e);
        }
    }

    /** Python: {@code time.perf_counter()}, in seconds. */
    static double perfCounter() {
        return System.nanoTime() / 1e9;
    }

    /**
     * The time scale for a {@code main}: 1.0, or the first command-line argument
     * ({@code 0.1} runs ten times faster). Every sleep and timeout is multiplied by it.
     */
    static double scale(String[] args) {
        return args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    }
}
