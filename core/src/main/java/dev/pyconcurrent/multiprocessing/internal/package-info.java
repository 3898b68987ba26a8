/**
 * The engine of {@code multiprocessing}, split by subsystem into sub-packages; this package itself
 * holds no class. Not exported (only {@code codec} is, to {@code dev.pyconcurrent.cluster}).
 *
 * <p><b>The sub-packages, bottom to top.</b>
 * <ol>
 *   <li>{@code codec}: the values that travel between JVMs ({@code ValueWriter}/{@code ValueReader},
 *       descriptors defined once per channel, Java serialization as the filtered fallback). Uses no
 *       other part of the engine.</li>
 *   <li>{@code shm}: the {@code /dev/shm} files behind {@code Value}, {@code Array} and the shared lock.
 *       May use {@code codec} (it uses nothing of the engine today).</li>
 *   <li>{@code launch}: one child JVM: launching it, the socket it connects back to, the handshake, the
 *       frames ({@code Wire}, {@code FrameChannel}), the child's main ({@code WorkerMain}) and the task
 *       payloads ({@code WorkerTask}). Uses {@code codec} and {@code shm}; never {@code pool} or
 *       {@code broker}.</li>
 *   <li>{@code pool}: the {@code Scheduler} of jobs and workers, process and thread workers, and
 *       {@code PoolEngine} (what {@code Pool} and {@code ThreadPool} do). Uses {@code codec} and
 *       {@code launch}; never {@code broker}.</li>
 *   <li>{@code broker}: the per-process server of cross-process objects. Uses {@code codec} and
 *       {@code launch}; never {@code pool}.</li>
 * </ol>
 * Beside them, {@code connection} waits on several connections and sentinels at once; it uses no other
 * part of the engine.
 *
 * <p><b>May use</b> (all of them): the public {@code multiprocessing} packages (the same subsystem),
 * {@code threading}, {@code queue}, {@code function}, {@code dev.pyconcurrent.internal}, and exception
 * types anywhere. <b>Never</b> {@code futures} or {@code futures.internal}, which stand on top of this
 * engine. How a task travels through these packages is told in {@code docs/ARCHITECTURE.md}; the rules
 * are checked by {@code LayeringTest}.
 */
package dev.pyconcurrent.multiprocessing.internal;
