package dev.pyconcurrent.function;

/**
 * An action on 5 arguments, the {@link java.util.function.BiConsumer} of five arguments.
 * Python: a function {@code f(a, b, c, d, e)} called for its effect.
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 * @param <E> the type of argument {@code e}
 */
@FunctionalInterface
public interface Consumer5<A, B, C, D, E> {
    /**
     * Performs this action.
     *
     * @param a argument {@code a}
     * @param b argument {@code b}
     * @param c argument {@code c}
     * @param d argument {@code d}
     * @param e argument {@code e}
     */
    void accept(A a, B b, C c, D d, E e);
}
