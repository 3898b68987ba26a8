/**
 * The engine behind {@link dev.pyconcurrent.cluster.ClusterExecutor}. Not public API.
 *
 * <p><b>Owns.</b> {@link dev.pyconcurrent.cluster.internal.ClusterScheduler} (the local queue of jobs,
 * dispatched to the cluster's data members, at most {@code tasksPerMember} in flight on each, and the
 * futures they settle; a member lost fails the jobs it held),
 * {@link dev.pyconcurrent.cluster.internal.TaskEnvelope} (one call or {@code map} chunk as Hazelcast
 * carries it; runs the user code on the member) and {@link dev.pyconcurrent.cluster.internal.Outcome}
 * (what comes back).
 *
 * <p><b>May use.</b> Hazelcast, core's public API, and the two packages core exports to this module:
 * {@code dev.pyconcurrent.multiprocessing.internal.codec} (the codec and its decoding limits,
 * {@code RemoteFailure}) and {@code dev.pyconcurrent.internal} ({@code Interrupts}). Nothing else of core's
 * internals (on the module path it could not even be read). See {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.cluster.internal;
