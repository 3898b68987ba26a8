/**
 * The {@code concurrent.futures} {@link dev.pyconcurrent.futures.Executor} API on a Hazelcast cluster:
 * {@link dev.pyconcurrent.cluster.ClusterExecutor} runs the same serializable tasks as
 * {@link dev.pyconcurrent.futures.ProcessPoolExecutor}, on the members of a cluster instead of child JVMs;
 * {@link dev.pyconcurrent.cluster.LocalCluster} starts a few members on this machine to try it.
 * A member lost while running a task fails that task with {@link dev.pyconcurrent.cluster.MemberLostException}.
 * Python's standard library has no equivalent.
 *
 * <p>This module runs on the class path or as the named module {@code dev.pyconcurrent.cluster}. It
 * stands on top of core and uses core's public API ({@link dev.pyconcurrent.futures.SerializingExecutor},
 * {@link dev.pyconcurrent.futures.SettableFuture}) plus core's codec, which core exports to it alone, so a
 * member decodes tasks with the same size and depth limits as a pool worker.
 */
package dev.pyconcurrent.cluster;
