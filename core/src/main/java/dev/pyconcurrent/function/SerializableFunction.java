package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function that can be pickled (a module-level function, not a lambda).
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
