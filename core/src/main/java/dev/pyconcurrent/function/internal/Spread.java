package dev.pyconcurrent.function.internal;

import dev.pyconcurrent.function.Consumer3;
import dev.pyconcurrent.function.Consumer4;
import dev.pyconcurrent.function.Consumer5;
import dev.pyconcurrent.function.Function3;
import dev.pyconcurrent.function.Function4;
import dev.pyconcurrent.function.Function5;
import dev.pyconcurrent.function.Tuple;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A function (or action) of several arguments applied to an argument tuple, an {@code Object[]}: how
 * {@code map(fn, a, b, c)} becomes a {@code map} over zipped tuples, how
 * {@code starmap} sends its tuples, and how a {@code Process} of several arguments calls its target.
 * Python: {@code fn(*args)}. It is serializable when the function it spreads is, so process pools and
 * clusters send it like any other function, and a worker applies one {@code Function<Object[], ?>} to
 * each tuple whatever the arity. A record, so the codec between JVMs writes it (and the lambda in it)
 * directly. Not public API.
 *
 * @param kind what {@code fn} is
 * @param fn   the function or action, of the interface {@code kind} names
 */
public record Spread(Kind kind, Object fn) implements Function<Object[], Object>, Serializable {
    private static final long serialVersionUID = 3L;

    /** What {@link #fn} is; the number is its arity. */
    enum Kind {
        FUNCTION2(2), FUNCTION3(3), FUNCTION4(4), FUNCTION5(5),
        CONSUMER1(1), CONSUMER2(2), CONSUMER3(3), CONSUMER4(4), CONSUMER5(5);

        final int arity;

        Kind(int arity) {
            this.arity = arity;
        }
    }

    /**
     * @param kind what {@code fn} is
     * @param fn   the function or action
     * @throws NullPointerException if either is {@code null}
     */
    public Spread {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fn, "fn");
    }

    @SuppressWarnings("unchecked")
    private static <R> Function<Object[], R> spread(Kind kind, Object fn) {
        return (Function<Object[], R>) (Function<Object[], ?>) new Spread(kind, fn);
    }

    /**
     * @param fn a function of two arguments
     * @param <R> its result type
     * @return {@code fn} as a function of a 2-tuple
     */
    public static <R> Function<Object[], R> of(BiFunction<?, ?, ? extends R> fn) {
        return spread(Kind.FUNCTION2, fn);
    }

    /**
     * @param fn a function of three arguments
     * @param <R> its result type
     * @return {@code fn} as a function of a 3-tuple
     */
    public static <R> Function<Object[], R> of(Function3<?, ?, ?, ? extends R> fn) {
        return spread(Kind.FUNCTION3, fn);
    }

    /**
     * @param fn a function of four arguments
     * @param <R> its result type
     * @return {@code fn} as a function of a 4-tuple
     */
    public static <R> Function<Object[], R> of(Function4<?, ?, ?, ?, ? extends R> fn) {
        return spread(Kind.FUNCTION4, fn);
    }

    /**
     * @param fn a function of five arguments
     * @param <R> its result type
     * @return {@code fn} as a function of a 5-tuple
     */
    public static <R> Function<Object[], R> of(Function5<?, ?, ?, ?, ?, ? extends R> fn) {
        return spread(Kind.FUNCTION5, fn);
    }

    /**
     * @param action an action on one argument
     * @return {@code action} as a function of a 1-tuple, returning {@code null}
     */
    public static Function<Object[], Void> ofAction(Consumer<?> action) {
        return spread(Kind.CONSUMER1, action);
    }

    /**
     * @param action an action on two arguments
     * @return {@code action} as a function of a 2-tuple, returning {@code null}
     */
    public static Function<Object[], Void> ofAction(BiConsumer<?, ?> action) {
        return spread(Kind.CONSUMER2, action);
    }

    /**
     * @param action an action on three arguments
     * @return {@code action} as a function of a 3-tuple, returning {@code null}
     */
    public static Function<Object[], Void> ofAction(Consumer3<?, ?, ?> action) {
        return spread(Kind.CONSUMER3, action);
    }

    /**
     * @param action an action on four arguments
     * @return {@code action} as a function of a 4-tuple, returning {@code null}
     */
    public static Function<Object[], Void> ofAction(Consumer4<?, ?, ?, ?> action) {
        return spread(Kind.CONSUMER4, action);
    }

    /**
     * @param action an action on five arguments
     * @return {@code action} as a function of a 5-tuple, returning {@code null}
     */
    public static Function<Object[], Void> ofAction(Consumer5<?, ?, ?, ?, ?> action) {
        return spread(Kind.CONSUMER5, action);
    }

    /**
     * Calls the function with the tuple's elements as its arguments.
     *
     * @param args the arguments, as many as the function takes
     * @return its result; {@code null} for an action
     * @throws IllegalArgumentException if {@code args} has another length (Python: {@code TypeError})
     */
    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Object[] args) {
        if (args.length != kind.arity) {
            throw new IllegalArgumentException("the function takes " + kind.arity + " arguments but "
                    + args.length + " were given");
        }
        switch (kind) {
            case FUNCTION2:
                return ((BiFunction<Object, Object, Object>) fn).apply(args[0], args[1]);
            case FUNCTION3:
                return ((Function3<Object, Object, Object, Object>) fn).apply(args[0], args[1], args[2]);
            case FUNCTION4:
                return ((Function4<Object, Object, Object, Object, Object>) fn).apply(args[0], args[1], args[2],
                        args[3]);
            case FUNCTION5:
                return ((Function5<Object, Object, Object, Object, Object, Object>) fn).apply(args[0], args[1],
                        args[2], args[3], args[4]);
            case CONSUMER1:
                ((Consumer<Object>) fn).accept(args[0]);
                return null;
            case CONSUMER2:
                ((BiConsumer<Object, Object>) fn).accept(args[0], args[1]);
                return null;
            case CONSUMER3:
                ((Consumer3<Object, Object, Object>) fn).accept(args[0], args[1], args[2]);
                return null;
            case CONSUMER4:
                ((Consumer4<Object, Object, Object, Object>) fn).accept(args[0], args[1], args[2], args[3]);
                return null;
            default:
                ((Consumer5<Object, Object, Object, Object, Object>) fn).accept(args[0], args[1], args[2], args[3],
                        args[4]);
                return null;
        }
    }

    // ------------------------------------------------------------------ argument tuples

    /**
     * The pairs of a {@code starmap} as 2-tuples, lazily; only each entry's key and value are kept.
     *
     * @param pairs the entries
     * @return their tuples, in order
     * @throws NullPointerException from the iteration, for a {@code null} entry
     */
    public static Iterable<Object[]> pairs(Iterable<? extends Map.Entry<?, ?>> pairs) {
        Objects.requireNonNull(pairs, "pairs");
        return () -> mapped(pairs.iterator(), e -> new Object[] {e.getKey(), e.getValue()});
    }

    /**
     * The tuples of a {@code starmap} as arrays, lazily.
     *
     * @param tuples the tuples
     * @return their elements, in order
     * @throws NullPointerException from the iteration, for a {@code null} tuple
     */
    public static Iterable<Object[]> tuples(Iterable<? extends Tuple> tuples) {
        Objects.requireNonNull(tuples, "tuples");
        return () -> mapped(tuples.iterator(), Tuple::toArray);
    }

    private static <T> Iterator<Object[]> mapped(Iterator<? extends T> it, Function<T, Object[]> toArgs) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                return toArgs.apply(Objects.requireNonNull(it.next(), "a starmap item is null"));
            }
        };
    }
}
