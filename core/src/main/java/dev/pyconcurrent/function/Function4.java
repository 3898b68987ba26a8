package dev.pyconcurrent.function;

/**
 * A function of 4 arguments, the {@link java.util.function.BiFunction} of four arguments.
 * Python: {@code f(a, b, c, d)}.
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function4<A, B, C, D, R> {
    /**
     * Applies this function.
     *
     * @param a argument {@code a}
     * @param b argument {@code b}
     * @param c argument {@code c}
     * @param d argument {@code d}
     * @return the result
     */
    R apply(A a, B b, C c, D d);
}
