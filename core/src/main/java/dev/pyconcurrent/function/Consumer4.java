package dev.pyconcurrent.function;

/**
 * An action on 4 arguments, the {@link java.util.function.BiConsumer} of four arguments.
 * Python: a function {@code f(a, b, c, d)} called for its effect.
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 */
@FunctionalInterface
public interface Consumer4<A, B, C, D> {
    /**
     * Performs this action.
     *
     * @param a argument {@code a}
     * @param b argument {@code b}
     * @param c argument {@code c}
     * @param d argument {@code d}
     */
    void accept(A a, B b, C c, D d);
}
