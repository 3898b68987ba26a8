package dev.pyconcurrent.threading;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operating system's id of the calling thread. On Linux {@code /proc/thread-self} is a
 * link to {@code <pid>/task/<tid>}: one {@code readlink}, no file to open. Elsewhere (or if
 * {@code /proc} is missing) the caller's fallback, the java thread id, is used.
 */
final class NativeThreadIds {
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Set once reading the link failed: do not try again on every thread start. */
    private static volatile boolean unavailable = !System.getProperty("os.name", "").startsWith("Linux");

    private NativeThreadIds() {
    }

    /** The calling thread's OS id, or {@code fallback} where the OS does not tell. */
    static long current(long fallback) {
        if (unavailable) {
            return fallback;
        }
        try {
            String link = Files.readSymbolicLink(THREAD_SELF).toString();
            return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        } catch (Exception e) {
            unavailable = true;
            return fallback;
        }
    }
}
