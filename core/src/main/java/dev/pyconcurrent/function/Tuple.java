package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Map;

/**
 * An argument tuple: Python's {@code (a, b, c)} as passed to {@code starmap(f, [(a, b, c), ...])} or
 * {@code map(f, *iterables)}. Three to five values are a {@link Tuple3}, {@link Tuple4} or
 * {@link Tuple5}, typed per position; a pair is a {@link Map.Entry}, which is what {@code starmap} has
 * always taken ({@link #of(Object, Object)} makes one that may hold {@code null}, as a Python tuple may
 * hold {@code None}).
 *
 * <pre>{@code
 * List<Integer> sums = pool.starmap((Integer a, Integer b, Integer c) -> a + b + c,
 *         List.of(Tuple.of(1, 2, 3), Tuple.of(4, 5, 6)));   // [6, 15]
 * }</pre>
 *
 * <p>Tuples are immutable values: {@code equals} and {@code hashCode} compare their elements, as
 * Python's tuples do, and {@code toString} reads like Python's {@code (1, 2, 3)}. They are
 * {@link Serializable} when their elements are.
 */
public sealed interface Tuple extends Serializable permits Tuple3, Tuple4, Tuple5 {

    /**
     * Python's {@code (a, b)}: a pair, as {@code starmap} and {@code Executor.map} take for two arguments.
     *
     * @param a the first element, may be {@code null}
     * @param b the second element, may be {@code null}
     * @param <A> the first type
     * @param <B> the second type
     * @return an immutable {@link Map.Entry} whose key is {@code a} and value is {@code b}
     */
    static <A, B> Map.Entry<A, B> of(A a, B b) {
        return new AbstractMap.SimpleImmutableEntry<>(a, b);
    }

    /**
     * Python's {@code (a, b, c)}.
     *
     * @param a the first element, may be {@code null}
     * @param b the second element, may be {@code null}
     * @param c the third element, may be {@code null}
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @return the tuple
     */
    static <A, B, C> Tuple3<A, B, C> of(A a, B b, C c) {
        return new Tuple3<>(a, b, c);
    }

    /**
     * Python's {@code (a, b, c, d)}.
     *
     * @param a the first element, may be {@code null}
     * @param b the second element, may be {@code null}
     * @param c the third element, may be {@code null}
     * @param d the fourth element, may be {@code null}
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @return the tuple
     */
    static <A, B, C, D> Tuple4<A, B, C, D> of(A a, B b, C c, D d) {
        return new Tuple4<>(a, b, c, d);
    }

    /**
     * Python's {@code (a, b, c, d, e)}.
     *
     * @param a the first element, may be {@code null}
     * @param b the second element, may be {@code null}
     * @param c the third element, may be {@code null}
     * @param d the fourth element, may be {@code null}
     * @param e the fifth element, may be {@code null}
     * @param <A> the first type
     * @param <B> the second type
     * @param <C> the third type
     * @param <D> the fourth type
     * @param <E> the fifth type
     * @return the tuple
     */
    static <A, B, C, D, E> Tuple5<A, B, C, D, E> of(A a, B b, C c, D d, E e) {
        return new Tuple5<>(a, b, c, d, e);
    }

    /**
     * Python's {@code len(t)}.
     *
     * @return the number of elements
     */
    int size();

    /**
     * Python's {@code t[index]}, without negative indexes.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    default Object get(int index) {
        return toArray()[java.util.Objects.checkIndex(index, size())];
    }

    /**
     * Python's {@code list(t)}: the elements in order, in a new array.
     *
     * @return a new array of the elements
     */
    Object[] toArray();
}
