package dev.pyconcurrent.function;

/**
 * An action on 3 arguments, the {@link java.util.function.BiConsumer} of three arguments.
 * Python: a function {@code f(a, b, c)} called for its effect.
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 */
@FunctionalInterface
public interface Consumer3<A, B, C> {
    /**
     * Performs this action.
     *
     * @param a argument {@code a}
     * @param b argument {@code b}
     * @param c argument {@code c}
     */
    void accept(A a, B b, C c);
}
