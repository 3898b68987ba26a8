package dev.pyconcurrent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id, found once. On Linux it is the target of the {@code /proc/self} link, read without
 * {@code ProcessHandle.current()}: the first use of {@code ProcessHandle} starts its machinery (a reaper
 * thread pool and its lambdas, 3–4 ms of a young JVM), which a program's first {@code Queue} and a child
 * decoding its first queue handle need not pay. Elsewhere, {@code ProcessHandle.current().pid()}.
 */
public final class Pid {
    private Pid() {
    }

    private static volatile long self;   // 0 until found

    /** @return this process's id; Python {@code os.getpid()} */
    public static long self() {
        long p = self;
        if (p == 0) {
            p = fromProc();
            if (p <= 0) {
                p = ProcessHandle.current().pid();
            }
            self = p;
        }
        return p;
    }

    /** @return the pid {@code /proc/self} names, or -1 where there is no such link */
    private static long fromProc() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException noProc) {
            return -1;
        }
    }
}
