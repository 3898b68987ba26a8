package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 * Python: a function that can be pickled (a module-level function, not a lambda).
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
    @Override
    R call() throws Exception;
}
