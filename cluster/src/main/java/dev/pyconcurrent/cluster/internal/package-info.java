/**
 * The engine behind {@link dev.pyconcurrent.cluster.ClusterExecutor}: scheduling, task envelopes and the
 * codec. Not public API.
 */
package dev.pyconcurrent.cluster.internal;
