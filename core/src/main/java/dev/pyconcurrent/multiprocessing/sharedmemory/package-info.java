/**
 * Python's {@code multiprocessing.shared_memory}: named blocks of POSIX shared memory
 * ({@link dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory}) and fixed-length lists kept
 * in one ({@link dev.pyconcurrent.multiprocessing.sharedmemory.ShareableList}).
 *
 * <p>Both live where CPython puts them ({@code /dev/shm/<name>} on Linux) and use CPython's
 * layout, so a block or list made by a CPython program can be opened from Java by its name, and
 * the other way round. Unlike {@link dev.pyconcurrent.multiprocessing.Value} and
 * {@link dev.pyconcurrent.multiprocessing.Array}, whose memory goes when the last process using
 * it lets go, a block stays until someone calls
 * {@link dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory#unlink()} (or, for a block this
 * JVM created, until it exits), as in Python.
 */
package dev.pyconcurrent.multiprocessing.sharedmemory;
