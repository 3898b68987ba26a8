package dev.pyconcurrent.queue;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A body run on its own platform thread, so tests can watch it block and collect its outcome. */
final class Spawned<T> {
    final java.lang.Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    private Spawned(String name, Callable<T> body) {
        thread = new java.lang.Thread(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    static <T> Spawned<T> start(String name, Callable<T> body) {
        Spawned<T> s = new Spawned<>(name, body);
        s.thread.start();
        return s;
    }

    static Spawned<Void> run(String name, Runnable body) {
        return start(name, () -> {
            body.run();
            return null;
        });
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /** The body's result; fails the test if it threw or did not finish within 20 s. */
    T result() {
        try {
            return outcome.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed", e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError(thread.getName() + " did not finish", e);
        }
    }

    /** What the body threw; fails the test if it returned or did not finish within 20 s. */
    Throwable failure() {
        try {
            T value = outcome.get(20, TimeUnit.SECONDS);
            throw new AssertionError(thread.getName() + " returned " + value + " instead of throwing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError(thread.getName() + " did not finish", e);
        }
    }
}
