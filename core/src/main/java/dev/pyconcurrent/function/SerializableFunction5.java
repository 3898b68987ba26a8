package dev.pyconcurrent.function;

import java.io.Serializable;

/**
 * A {@link Function5} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function of 5 arguments that can be pickled (a module-level function, not a lambda).
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 * @param <E> the type of argument {@code e}
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction5<A, B, C, D, E, R> extends Function5<A, B, C, D, E, R>, Serializable {
}
