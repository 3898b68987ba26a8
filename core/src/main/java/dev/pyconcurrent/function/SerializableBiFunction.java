package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function that can be pickled (a module-level function, not a lambda).
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {
}
