package dev.pyconcurrent.function;

import java.io.Serializable;

/**
 * A {@link Consumer3} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function of 3 arguments that can be pickled, called for its effect ({@code Process(target=f, args=(...))}).
 *
 * @param <A> the type of argument {@code a}
 * @param <B> the type of argument {@code b}
 * @param <C> the type of argument {@code c}
 */
@FunctionalInterface
public interface SerializableConsumer3<A, B, C> extends Consumer3<A, B, C>, Serializable {
}
