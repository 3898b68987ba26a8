package dev.pyconcurrent.function;

/**
 * A function of 3 arguments, the {@link java.util.function.BiFunction} of three arguments.
 * Python: {@code f(a, b, c)}.
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function3<A, B, C, R> {
    /**
     * Applies this function.
     *
     * @param a argument {@code a}
     * @param b argument {@code b}
     * @param c argument {@code c}
     * @return the result
     */
    R apply(A a, B b, C c);
}
