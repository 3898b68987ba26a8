/**
 * One child JVM and the channel to it: what every worker and every {@code Process} stands on. Not
 * exported.
 *
 * <p><b>Owns.</b>
 * <ul>
 *   <li>Launching: {@link dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess} (the parent's
 *       handle: command line, output pumps, the channel reader thread, exit), and
 *       {@link dev.pyconcurrent.multiprocessing.internal.launch.ProcessLauncher} (the child of a
 *       {@code Process}).</li>
 *   <li>Connecting: {@link dev.pyconcurrent.multiprocessing.internal.launch.FifoPair}, a child's two
 *       named pipes, or where they cannot be made
 *       {@link dev.pyconcurrent.multiprocessing.internal.launch.ChildServer}, the loopback TCP socket
 *       children connect back to (plain streams either way, {@code StreamChannel}), and
 *       {@link dev.pyconcurrent.multiprocessing.internal.launch.Handshake} /
 *       {@link dev.pyconcurrent.multiprocessing.internal.launch.HmacSha256}, the per-parent key and the
 *       HMAC challenge in both directions, before anything is decoded.</li>
 *   <li>Framing: {@link dev.pyconcurrent.multiprocessing.internal.launch.Wire} (frame types and the
 *       {@code START} frame on stdin) and
 *       {@link dev.pyconcurrent.multiprocessing.internal.launch.FrameChannel} (combined writes; a
 *       {@code DEFINE} frame before the first message that uses a descriptor).</li>
 *   <li>The child: {@link dev.pyconcurrent.multiprocessing.internal.launch.WorkerMain} (runs tasks one
 *       at a time and reports each result before starting the next),
 *       {@link dev.pyconcurrent.multiprocessing.internal.launch.WorkerTask} (the payloads of
 *       {@code TASK} and {@code RESULT}), {@link dev.pyconcurrent.multiprocessing.internal.launch.ChildContext}
 *       and {@link dev.pyconcurrent.multiprocessing.internal.launch.Signals}.</li>
 * </ul>
 *
 * <p><b>May use.</b> {@code codec} (payloads and descriptors), {@code shm} (a child whose parent died
 * lets go of its files), the public {@code multiprocessing} types it runs ({@code Process}),
 * {@code function}, {@code dev.pyconcurrent.internal}. <b>Never</b> {@code pool} or {@code broker}:
 * a child process knows nothing of pools or served objects; they listen to it through
 * {@code ChildProcess.Listener}. See {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.multiprocessing.internal.launch;
