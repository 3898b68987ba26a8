package dev.pyconcurrent.function;

import java.io.Serializable;

/**
 * A {@link Function3} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function of 3 arguments that can be pickled (a module-level function, not a lambda).
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction3<A, B, C, R> extends Function3<A, B, C, R>, Serializable {
}
