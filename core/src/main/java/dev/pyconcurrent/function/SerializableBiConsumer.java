package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * A {@link BiConsumer} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function of two arguments that can be pickled, called for its effect
 * ({@code Process(target=f, args=(a, b))}).
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 */
@FunctionalInterface
public interface SerializableBiConsumer<A, B> extends BiConsumer<A, B>, Serializable {
}
