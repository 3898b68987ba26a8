package dev.pyconcurrent.futures;

import dev.pyconcurrent.function.SerializableBiFunction;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.Function3;
import dev.pyconcurrent.function.Function4;
import dev.pyconcurrent.function.Function5;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.function.SerializableFunction3;
import dev.pyconcurrent.function.SerializableFunction4;
import dev.pyconcurrent.function.SerializableFunction5;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.futures.internal.LazyMap;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An {@link AbstractExecutor} whose tasks travel serialized to another JVM: worker processes
 * ({@link ProcessPoolExecutor}) or cluster members. Python's process pools pickle what they send;
 * here it must be {@link Serializable}.
 *
 * <p>Written once here: the {@code Serializable*} overloads (a lambda passed to them is serializable),
 * the check that a plain {@link Callable}, {@link Runnable}, {@link Function}, {@link BiFunction} or
 * {@link Function3} to {@link Function5} is in fact {@link Serializable} (else an
 * {@link IllegalArgumentException} naming its class and the type to use), and {@code map} in chunks: the function is serialized once per call and {@code chunksize} items
 * travel per message, {@code buffersize} counting chunks, as in Python.
 *
 * <p>A subclass supplies {@link #submitTask}, {@link #prepareFunction} and {@link #submitChunk}, plus
 * what {@link AbstractExecutor} asks for.
 */
public abstract class SerializingExecutor extends AbstractExecutor {
    private final String destination;

    /**
     * @param destination where tasks go, for messages: {@code "a worker process"}, {@code "a cluster member"}
     */
    protected SerializingExecutor(String destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    // ------------------------------------------------------------------ what each executor supplies

    /**
     * Sends one call.
     *
     * @param task the call, {@link Serializable}
     * @param original what the user submitted, returned by {@link #shutdownNow()} if it never started
     * @param <T> result type
     * @return its future
     * @throws IllegalArgumentException if the call (or something it captures) cannot be serialized
     */
    protected abstract <T> Future<T> submitTask(Callable<T> task, Object original);

    /**
     * Prepares a map function once per {@code map} call, typically by serializing it.
     *
     * @param fn the function, {@link Serializable}
     * @return what {@link #submitChunk} takes
     * @throws IllegalArgumentException if it cannot be serialized
     */
    protected abstract Object prepareFunction(Object fn);

    /**
     * Sends one chunk of a {@code map}: the prepared function applied to each item, in order.
     *
     * @param preparedFn from {@link #prepareFunction}
     * @param items the chunk's items
     * @param <R> item result type
     * @return the future of the chunk's results
     * @throws IllegalArgumentException if an item cannot be serialized
     */
    protected abstract <R> Future<List<R>> submitChunk(Object preparedFn, List<?> items);

    // ------------------------------------------------------------------ serializable overloads

    /**
     * Runs {@code fn} at the destination. Python: {@code submit(fn)}.
     *
     * @param fn the task; it and what it captures must be serializable
     * @param <T> result type
     * @return its future
     */
    public <T> Future<T> submit(SerializableCallable<T> fn) {
        return submitTask(Objects.requireNonNull(fn, "fn"), fn);
    }

    /**
     * Runs {@code fn} at the destination; the future's result is {@code null}. Python: {@code submit(fn)}.
     *
     * @param fn the task; it and what it captures must be serializable
     * @return its future
     */
    public Future<Void> submit(SerializableRunnable fn) {
        return submitTask(new RunnableCall(Objects.requireNonNull(fn, "fn")), fn);
    }

    /**
     * Python: {@code map(fn, items)}: one item per message; results in input order.
     *
     * @param fn the function, serialized once per call
     * @param items the inputs, each serializable
     * @param <T> input type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <T, R> MapResult<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return super.map(fn, items, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, items, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function, serialized once per call
     * @param items the inputs, each serializable
     * @param options timeout, chunksize (items per message) and buffersize (chunks ahead of the consumer)
     * @param <T> input type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <T, R> MapResult<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   MapOptions options) {
        return super.map(fn, items, options);
    }

    /**
     * Python: {@code map(fn, a, b)}: {@code fn(a[i], b[i])}, stopping at the shorter input.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param <A> first type
     * @param <B> second type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, R> MapResult<R> map(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b) {
        return super.map(fn, a, b, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, a, b, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param options timeout, chunksize and buffersize
     * @param <A> first type
     * @param <B> second type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, R> MapResult<R> map(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b, MapOptions options) {
        return super.map(fn, a, b, options);
    }

    /**
     * Python: {@code map(fn, a, b, c)}: {@code fn(a[i], b[i], c[i])}, stopping at the shortest input.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, C, R> MapResult<R> map(SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c) {
        return super.map(fn, a, b, c, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, a, b, c, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param options timeout, chunksize (argument tuples per message) and buffersize (chunks ahead of the consumer)
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, C, R> MapResult<R> map(SerializableFunction3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, MapOptions options) {
        return super.map(fn, a, b, c, options);
    }

    /**
     * Python: {@code map(fn, a, b, c, d)}: {@code fn(a[i], b[i], c[i], d[i])}, stopping at the shortest input.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, C, D, R> MapResult<R> map(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn, Iterable<? extends A> a,
            Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d) {
        return super.map(fn, a, b, c, d, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, a, b, c, d, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param options timeout, chunksize (argument tuples per message) and buffersize (chunks ahead of the consumer)
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, C, D, R> MapResult<R> map(
            SerializableFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> fn, Iterable<? extends A> a,
            Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d, MapOptions options) {
        return super.map(fn, a, b, c, d, options);
    }

    /**
     * Python: {@code map(fn, a, b, c, d, e)}: {@code fn(a[i], b[i], c[i], d[i], e[i])}, stopping at the shortest input.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param e fifth arguments
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <E> fifth argument type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, C, D, E, R> MapResult<R> map(
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d,
            Iterable<? extends E> e) {
        return super.map(fn, a, b, c, d, e, MapOptions.defaults());
    }

    /**
     * Python: {@code map(fn, a, b, c, d, e, timeout=, chunksize=, buffersize=)}.
     *
     * @param fn the function, serialized once per call
     * @param a first arguments
     * @param b second arguments
     * @param c third arguments
     * @param d fourth arguments
     * @param e fifth arguments
     * @param options timeout, chunksize (argument tuples per message) and buffersize (chunks ahead of the consumer)
     * @param <A> first argument type
     * @param <B> second argument type
     * @param <C> third argument type
     * @param <D> fourth argument type
     * @param <E> fifth argument type
     * @param <R> result type
     * @return the lazy ordered results
     */
    public <A, B, C, D, E, R> MapResult<R> map(
            SerializableFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d,
            Iterable<? extends E> e, MapOptions options) {
        return super.map(fn, a, b, c, d, e, options);
    }

    // ------------------------------------------------------------------ Executor, checked

    /**
     * {@link Executor#submit(Callable)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <T> Future<T> submit(Callable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        return submitTask(requireSerializable(fn, "SerializableCallable"), fn);
    }

    /**
     * {@link Executor#submit(Runnable)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public Future<Void> submit(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        return submitTask(new RunnableCall(requireSerializable(fn, "SerializableRunnable")), fn);
    }

    /**
     * {@link Executor#map(Function, Iterable, MapOptions)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <T, R> MapResult<R> map(Function<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return super.map(requireSerializable(fn, "SerializableFunction"), items, options);
    }

    /**
     * {@code map(fn, a, b, options)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <A, B, R> MapResult<R> map(BiFunction<? super A, ? super B, ? extends R> fn,
                                      Iterable<? extends A> a, Iterable<? extends B> b, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return super.map(requireSerializable(fn, "SerializableBiFunction"), a, b, options);
    }

    /**
     * {@code map(fn, a, b, c, options)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <A, B, C, R> MapResult<R> map(Function3<? super A, ? super B, ? super C, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return super.map(requireSerializable(fn, "SerializableFunction3"), a, b, c, options);
    }

    /**
     * {@code map(fn, a, b, c, d, options)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <A, B, C, D, R> MapResult<R> map(Function4<? super A, ? super B, ? super C, ? super D, ? extends R> fn,
            Iterable<? extends A> a, Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d,
            MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return super.map(requireSerializable(fn, "SerializableFunction4"), a, b, c, d, options);
    }

    /**
     * {@code map(fn, a, b, c, d, e, options)}: {@code fn} must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not
     */
    @Override
    public <A, B, C, D, E, R> MapResult<R> map(
            Function5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> fn, Iterable<? extends A> a,
            Iterable<? extends B> b, Iterable<? extends C> c, Iterable<? extends D> d, Iterable<? extends E> e,
            MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return super.map(requireSerializable(fn, "SerializableFunction5"), a, b, c, d, e, options);
    }

    /** Chunks of {@code chunksize} items, each one message; the function serialized once, here. */
    @Override
    protected <T, R> MapResult<R> mapIterator(Function<? super T, ? extends R> fn, Iterator<? extends T> items,
                                             MapOptions options) {
        Object prepared = prepareFunction(fn);
        return LazyMap.startChunked(items, options.getChunksize(), chunk -> this.<R>submitChunk(prepared, chunk),
                options.getTimeoutNanos(), options.getBuffersize().orElse(0));
    }

    private <F> F requireSerializable(F fn, String serializableType) {
        if (!(fn instanceof Serializable)) {
            throw new IllegalArgumentException(fn.getClass().getName() + " is not Serializable, so it cannot be sent"
                    + " to " + destination + ": pass a dev.pyconcurrent.function." + serializableType
                    + " (a lambda whose target type is " + serializableType + " is serializable, e.g. cast it: ("
                    + serializableType + "<...>) x -> ...)");
        }
        return fn;
    }

    /** A {@link Runnable} task sent as a call returning {@code null}. */
    private record RunnableCall(Runnable task) implements Callable<Void>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Void call() {
            task.run();
            return null;
        }
    }
}
