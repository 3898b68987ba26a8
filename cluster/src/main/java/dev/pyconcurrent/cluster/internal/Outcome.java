package dev.pyconcurrent.cluster.internal;

import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;

import java.io.Serializable;

/**
 * What a member sends back for one task: the serialized result, or the failure. Not public API.
 *
 * @param value   the result serialized by {@link Codec} (a list of results for a map chunk), or {@code null}
 * @param failure the task's exception, or {@code null}
 */
public record Outcome(byte[] value, RemoteFailure failure) implements Serializable {
    private static final long serialVersionUID = 1L;
}
