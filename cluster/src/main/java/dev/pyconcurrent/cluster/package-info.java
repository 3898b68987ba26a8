/**
 * The {@code concurrent.futures} {@link dev.pyconcurrent.futures.Executor} API on a Hazelcast cluster:
 * {@link dev.pyconcurrent.cluster.ClusterExecutor} runs the same serializable tasks as
 * {@link dev.pyconcurrent.futures.ProcessPoolExecutor}, on the members of a cluster instead of child JVMs;
 * {@link dev.pyconcurrent.cluster.LocalCluster} starts a few members on this machine to try it.
 * A member lost while running a task fails that task with {@link dev.pyconcurrent.cluster.MemberLostException}.
 * Python's standard library has no equivalent.
 *
 * <p>This module runs on the class path (it uses the core module's internal future implementation).
 */
package dev.pyconcurrent.cluster;
