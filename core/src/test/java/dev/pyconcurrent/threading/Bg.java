package dev.pyconcurrent.threading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A daemon background thread running one call, for the lock-family tests: its result or
 * exception is kept and read back with a bounded wait.
 */
final class Bg<T> {
    static final Duration WAIT = Duration.ofSeconds(20);

    final java.lang.Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    /** The thread's interrupt flag as it was when the call finished. */
    volatile boolean interruptedAtEnd;

    private Bg(String name, Callable<T> call) {
        thread = new java.lang.Thread(() -> {
            try {
                T value = call.call();
                interruptedAtEnd = java.lang.Thread.currentThread().isInterrupted();
                outcome.complete(value);
            } catch (Throwable t) {
                interruptedAtEnd = java.lang.Thread.currentThread().isInterrupted();
                outcome.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    static <T> Bg<T> call(String name, Callable<T> call) {
        Bg<T> bg = new Bg<>(name, call);
        bg.thread.start();
        return bg;
    }

    static Bg<Void> run(String name, Runnable r) {
        return call(name, () -> {
            r.run();
            return null;
        });
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /** The call's result; fails the test if it threw or did not finish in time. */
    T get() {
        try {
            return outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(thread.getName() + " did not finish", e);
        }
    }

    /** What the call threw; fails the test if it returned normally or did not finish in time. */
    Throwable failure() {
        try {
            T value = outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(thread.getName() + " returned " + value + " instead of throwing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(thread.getName() + " did not finish", e);
        }
    }
}
