package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * A {@link Consumer} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function that can be pickled (a module-level function, not a lambda).
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface SerializableConsumer<T> extends Consumer<T>, Serializable {
}
