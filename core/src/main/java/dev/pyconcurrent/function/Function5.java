package dev.pyconcurrent.function;

/**
 * A function of 5 arguments, the {@link java.util.function.BiFunction} of five arguments.
 * Python: {@code f(a, b, c, d, e)}.
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 * @param <E> the type of argument {@code e}
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function5<A, B, C, D, E, R> {
    /**
     * Applies this function.
     *
     * @param a argument {@code a}
     * @param b argument {@code b}
     * @param c argument {@code c}
     * @param d argument {@code d}
     * @param e argument {@code e}
     * @return the result
     */
    R apply(A a, B b, C c, D d, E e);
}
