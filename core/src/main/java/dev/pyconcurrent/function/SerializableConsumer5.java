package dev.pyconcurrent.function;

import java.io.Serializable;

/**
 * A {@link Consumer5} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function of 5 arguments that can be pickled, called for its effect ({@code Process(target=f, args=(...))}).
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 * @param <E> the type of argument {@code e}
 */
@FunctionalInterface
public interface SerializableConsumer5<A, B, C, D, E> extends Consumer5<A, B, C, D, E>, Serializable {
}
