package dev.pyconcurrent.function;

import java.io.Serializable;

/**
 * A {@link Consumer4} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function of 4 arguments that can be pickled, called for its effect ({@code Process(target=f, args=(...))}).
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 * @param <D> the type of argument {@code d}
 */
@FunctionalInterface
public interface SerializableConsumer4<A, B, C, D> extends Consumer4<A, B, C, D>, Serializable {
}
