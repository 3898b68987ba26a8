package dev.pyconcurrent.futures.internal;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A function of several arguments applied to an argument tuple: how {@code map(fn, a, b)} becomes a
 * {@code map} over {@link LazyMap#zip zipped} tuples. Python: {@code map(fn, *iterables)} calls
 * {@code fn(*args)}. It is serializable when the function it spreads is, so process pools and clusters
 * send it like any other function.
 */
public final class Spread implements Function<Object[], Object>, Serializable {
    private static final long serialVersionUID = 1L;

    private final BiFunction<Object, Object, Object> fn;   // the function of two arguments

    @SuppressWarnings("unchecked")
    private Spread(BiFunction<?, ?, ?> fn) {
        this.fn = (BiFunction<Object, Object, Object>) Objects.requireNonNull(fn, "fn");
    }

    /**
     * @param fn a function of two arguments
     * @param <R> its result type
     * @return {@code fn} as a function of a 2-tuple
     */
    @SuppressWarnings("unchecked")
    public static <R> Function<Object[], R> of(BiFunction<?, ?, ? extends R> fn) {
        return (Function<Object[], R>) (Function<Object[], ?>) new Spread(fn);
    }

    @Override
    public Object apply(Object[] args) {
        return fn.apply(args[0], args[1]);
    }
}
