/**
 * Waiting on several connections and process sentinels at once
 * ({@link dev.pyconcurrent.multiprocessing.internal.connection.Waiter}, behind
 * {@code Multiprocessing.wait}, {@code Sentinel} and {@code SocketConnection}). Not exported.
 *
 * <p><b>May use.</b> The public {@code multiprocessing} types it waits on ({@code Connection}) and
 * {@code dev.pyconcurrent.internal}. <b>Never</b> another part of the engine ({@code launch},
 * {@code pool}, {@code broker}). See {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.multiprocessing.internal.connection;
