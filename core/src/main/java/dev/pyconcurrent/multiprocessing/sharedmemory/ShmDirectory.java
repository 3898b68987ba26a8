package dev.pyconcurrent.multiprocessing.sharedmemory;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where POSIX shared memory lives on this system: {@code /dev/shm} (glibc's {@code shm_open}). */
final class ShmDirectory {
    private ShmDirectory() {
    }

    private static final Path DIR = Path.of("/dev/shm");

    /**
     * @return {@code /dev/shm}
     * @throws IllegalStateException if this system has none
     */
    static Path get() {
        if (!Files.isDirectory(DIR)) {
            throw new IllegalStateException("POSIX shared memory is not available here: " + DIR
                    + " does not exist (SharedMemory needs Linux, or a system whose shm_open uses " + DIR + ")");
        }
        return DIR;
    }
}
