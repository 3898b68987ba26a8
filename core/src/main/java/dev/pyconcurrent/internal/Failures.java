package dev.pyconcurrent.internal;

/**
 * Describing a task's exception without trusting it: an exception whose {@code getMessage()} or
 * {@code toString()} throws must still travel and be rethrown. Not part of the public API.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * {@code t.toString()}, as the JDK's wrappers ({@code CompletionException(Throwable)},
     * {@code ExecutionException(Throwable)}) use for their message; the class name when that throws.
     *
     * @param t the exception
     * @return its description
     */
    public static String describe(Throwable t) {
        try {
            return t.toString();
        } catch (RuntimeException | Error e) {
            return t.getClass().getName() + " (its toString() raised " + e.getClass().getName() + ")";
        }
    }
}
