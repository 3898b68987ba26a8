/**
 * The memory-mapped files behind {@code Value}, {@code Array} and their lock
 * ({@link dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory}): created under {@code /dev/shm}
 * with mode {@code rw-------}, each process that maps one marking itself as a user, the file deleted
 * when its last user is done, also after a {@code kill -9}. Not exported.
 *
 * <p>Python's named blocks ({@code multiprocessing.shared_memory}) are a separate, public package,
 * {@code dev.pyconcurrent.multiprocessing.sharedmemory}, with CPython's layout.
 *
 * <p><b>May use.</b> The JDK, and {@code codec} below it (it needs nothing of it today). <b>Never</b>
 * {@code launch}, {@code pool} or {@code broker}, which stand on it. Its users: the shared-memory classes of
 * {@code multiprocessing} ({@code SharedCells}, {@code SharedMemoryLock}) and {@code launch}'s
 * {@code WorkerMain}, which lets go of a dead parent's files before it halts. See
 * {@code docs/ARCHITECTURE.md}.
 */
package dev.pyconcurrent.multiprocessing.internal.shm;
