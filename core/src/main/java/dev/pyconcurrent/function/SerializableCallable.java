package dev.pyconcurrent.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that is {@link Serializable}, so a lambda of this type can be sent to a child JVM.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
    @Override
    R call() throws Exception;
}
