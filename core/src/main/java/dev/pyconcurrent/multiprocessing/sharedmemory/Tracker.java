package dev.pyconcurrent.multiprocessing.sharedmemory;

import dev.pyconcurrent.internal.LazyLogger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's share of CPython's resource tracker: the blocks it created with {@code track} and has
 * not unlinked, unlinked by a shutdown hook when the JVM exits. Each is remembered with its file
 * key (device and inode), so a block of the same name made later by another program is left alone.
 */
final class Tracker {
    private Tracker() {
    }

    private static final LazyLogger LOG = new LazyLogger(SharedMemory.class);
    /** Created, tracked and not yet unlinked: file → its file key. */
    private static final Map<Path, Object> CREATED = new ConcurrentHashMap<>();
    private static volatile boolean hooked;

    static void created(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        installHook();
        CREATED.put(file, key == null ? file : key);
    }

    static void forget(Path file) {
        CREATED.remove(file);
    }

    private static void installHook() {
        if (hooked) {
            return;
        }
        synchronized (Tracker.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(Tracker::unlinkAll, "pyconcurrent-shared-memory-tracker"));
                hooked = true;
            }
        }
    }

    private static void unlinkAll() {
        for (Map.Entry<Path, Object> e : CREATED.entrySet()) {
            Path file = e.getKey();
            try {
                Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                if (Objects.equals(key == null ? file : key, e.getValue())) {
                    Files.delete(file);
                    LOG.get().warn("unlinked shared memory block '{}' at exit: it was created here and never unlinked",
                            file.getFileName());
                }
            } catch (IOException | RuntimeException gone) {
                // unlinked by someone else meanwhile
            }
        }
        CREATED.clear();
    }
}
