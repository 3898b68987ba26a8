package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.internal.Spread;
import dev.pyconcurrent.futures.internal.ExecutorServiceAdapter;
import dev.pyconcurrent.futures.internal.LazyMap;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every {@link Executor} shares, written once on top of {@code submit}. Python:
 * {@code concurrent.futures.Executor}, the base class whose {@code map} is written on {@code submit};
 * the JDK's counterpart is {@link java.util.concurrent.AbstractExecutorService}.
 *
 * <p>A subclass supplies submitting ({@link #submit(java.util.concurrent.Callable)},
 * {@link #submit(Runnable)}), shutting down ({@link #shutdown(boolean, boolean)}) and the few facts the
 * {@link ExecutorService} view needs ({@link #shutdownNow()}, {@link #isShutdown()},
 * {@link #isTerminated()}, {@link #awaitTermination(long)}). This class gives it {@code map} with every
 * overload and option (functions of three to five arguments over as many inputs through
 * {@link Executor}'s default methods, which apply them to the zipped tuples), {@code execute}, the
 * {@code shutdown} / {@code close} shorthands and {@link #asExecutorService()}. Complete the futures you
 * return with {@link SettableFuture}.
 *
 * <p>{@code map} submits one task per item; an executor that batches items (a process pool sends
 * {@code chunksize} items per message) overrides {@link #mapIterator}.
 */
public abstract class AbstractExecutor implements Executor {
    /** The {@link ExecutorService} view; it only stores this executor, so it can be made in the constructor. */
    private final ExecutorService view = new ExecutorServiceAdapter(this, new ExecutorServiceAdapter.Lifecycle() {
        @Override
        public List<Runnable> shutdownNow() {
            return AbstractExecutor.this.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return AbstractExecutor.this.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return AbstractExecutor.this.isTerminated();
        }

        @Override
        public boolean awaitTermination(long nanos) throws InterruptedException {
            return AbstractExecutor.this.awaitTermination(nanos);
        }
    });

    /** For subclasses. */
    protected AbstractExecutor() {
    }

    // ------------------------------------------------------------------ what each executor supplies

    /**
     * {@code ExecutorService.shutdownNow()}: shuts down without waiting, cancels what has not started.
     *
     * @return the tasks that never started: a submitted {@link Runnable} itself, a stand-in otherwise
     */
    protected abstract List<Runnable> shutdownNow();

    /**
     * Returns whether {@code shutdown} was called.
     *
     * @return whether {@code shutdown} was called
     */
    protected abstract boolean isShutdown();

    /**
     * Returns whether the executor is shut down and every worker has exited.
     *
     * @return whether the executor is shut down and every worker has exited
     */
    protected abstract boolean isTerminated();

    /**
     * Waits until {@link #isTerminated()}.
     *
     * @param nanos the longest wait
     * @return whether it terminated in time
     * @throws InterruptedException if interrupted while waiting (the JDK's contract)
     */
    protected abstract boolean awaitTermination(long nanos) throws InterruptedException;

    // ------------------------------------------------------------------ map, written once

    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /** Python: {@code map(fn, items, timeout=, chunksize=, buffersize=)}. */
    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        return mapIterator(fn, items.iterator(), options);
    }

    /** Python: {@code map(fn, a, b)}: {@code fn(a[i], b[i])}, stopping at the shorter input. */
    @Override
    public <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b) {
        return map(fn, a, b, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, a, b, timeout=, chunksize=, buffersize=)}: {@code fn(a[i], b[i])}, stopping
     * at the shorter input.
     *
     * @param fn the function
     * @param a first arguments
     * @param b second arguments
     * @param options timeout, chunksize and buffersize, as for one input
     * @param <A> first type
     * @param <B> second type
     * @param <R> result type
     * @return the lazy ordered results
     */
    @Override
    public <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(options, "options");
        return mapIterator(Spread.of(fn), LazyMap.zip(List.of(a.iterator(), b.iterator())), options);
    }

    /**
     * Starts a map over {@code items}: by default one {@code submit} per item, at most
     * {@code buffersize} ahead of the consumer when it is set, the timeout counted from now.
     *
     * @param fn the function, already checked
     * @param items the inputs, read as the options say
     * @param options the map's options
     * @param <T> input type
     * @param <R> result type
     * @return the lazy ordered results
     */
    protected <T, R> MapResult<R> mapIterator(Function<? super T, ? extends R> fn, Iterator<? extends T> items,
                                             MapOptions options) {
        return LazyMap.start(items, x -> submit(() -> fn.apply(x)), options.getTimeoutNanos(),
                options.getBuffersize().orElse(0));
    }

    // ------------------------------------------------------------------ shorthands

    /** {@code submit(command)}, ignoring the future. From {@link java.util.concurrent.Executor}. */
    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    /** Python {@code shutdown()}: {@code shutdown(true, false)}. */
    @Override
    public void shutdown() {
        shutdown(true, false);
    }

    /** Python {@code shutdown(wait)}: {@code shutdown(wait, false)}. */
    @Override
    public void shutdown(boolean wait) {
        shutdown(wait, false);
    }

    /** Python's {@code with} exit: {@code shutdown(true)}. */
    @Override
    public void close() {
        shutdown(true, false);
    }

    /** The {@link ExecutorService} view of this executor; its futures are this executor's own. */
    @Override
    public ExecutorService asExecutorService() {
        return view;
    }
}
