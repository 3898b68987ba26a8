package dev.pyconcurrent.function;

import java.io.Serializable;

/**
 * A {@link Runnable} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function that can be pickled (a module-level function, not a lambda).
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
