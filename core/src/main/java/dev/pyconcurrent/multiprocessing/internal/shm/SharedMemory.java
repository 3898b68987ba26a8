package dev.pyconcurrent.multiprocessing.internal.shm;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory-mapped files for {@code Value} and {@code Array}: created under {@code /dev/shm}
 * (else {@code java.io.tmpdir}) with mode {@code rw-------}, named
 * {@code pyconcurrent-<creator pid>-<random>.shm}.
 *
 * <p>Lifetime: every process that maps a file (its creator included) is a user of it and
 * says so with an empty marker file next to it,
 * {@code <file>.user-<pid>-<start time in ms>} (the start time tells a live user from a
 * new process that got the pid of a dead one). A process is done with its files when it
 * exits: its shutdown hook (or, in a child whose parent died, the code that halts it)
 * removes its markers and deletes each file no live user still marks. So the file goes
 * when its last user exits, even if the creator was killed with {@code kill -9} before its
 * children; and if every user died without cleaning up, the next process that creates
 * shared memory deletes files with no live user ({@link #sweepStale}). A process that
 * already mapped a file keeps its memory after the file is removed; a process that maps it
 * after that gets {@link IllegalStateException}.
 *
 * <p>State (per process): the files this process uses ({@code USED}), each with its marker and
 * the number of objects of this process that map it; markers are created before the file is
 * created or mapped, so a concurrent sweep never takes a file that is being set up for a user.
 * An object that is closed (or garbage-collected) calls {@link #release(Path)}: when the last
 * one of this process lets go, the marker goes, and the file too if no live process marks it.
 */
public final class SharedMemory {
    private SharedMemory() {
    }

    /** Atomic 8-byte access to a mapped buffer; indexes are byte offsets, multiples of 8. */
    public static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final String PREFIX = "pyconcurrent-";
    private static final String USER = ".user-";
    private static final long PID = ProcessHandle.current().pid();
    private static final String ME = USER + PID + "-" + startMillis(ProcessHandle.current());
    /** File → how many objects of this process use it. */
    private static final Map<Path, Integer> USED = new ConcurrentHashMap<>();   // changed under USE_LOCK
    private static final Object USE_LOCK = new Object();
    private static volatile boolean hooked;

    /** @return the directory shared memory files go to */
    public static Path directory() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Creates a zero-filled file of {@code bytes} bytes, used by this process.
     *
     * @param bytes its size
     * @return its path
     */
    public static Path create(long bytes) {
        sweepStale();
        Path dir = directory();
        String name = PREFIX + PID + "-" + Long.toHexString(new SecureRandom().nextLong()) + ".shm";
        Path file = dir.resolve(name);
        use(file);
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate((int) Math.max(8, bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory in " + dir, e);
        }
        return file;
    }

    /**
     * Maps an existing file, as one of its users.
     *
     * @param file  the file
     * @param bytes its size
     * @return the mapping
     * @throws IllegalStateException if it is gone (every user exited)
     */
    public static MappedByteBuffer map(Path file, long bytes) {
        use(file);
        try {
            return map0(file, bytes);
        } catch (RuntimeException e) {
            release(file);
            throw e;
        }
    }

    /**
     * Creates a zero-filled file of {@code bytes} bytes and maps it, as one use by this process
     * (to be given back with {@link #release(Path)}).
     *
     * @param bytes its size
     * @return the file and its mapping
     */
    public static Mapped createMapped(long bytes) {
        Path file = create(bytes);
        try {
            return new Mapped(file, map0(file, bytes));
        } catch (RuntimeException e) {
            release(file);
            throw e;
        }
    }

    /** A file and this process's mapping of it. */
    public record Mapped(Path file, MappedByteBuffer buffer) {
    }

    private static MappedByteBuffer map0(Path file, long bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(8, bytes));
        } catch (IOException e) {
            throw new IllegalStateException("shared memory " + file + " is gone; the processes that used it may have exited", e);
        }
    }

    private static void use(Path file) {
        installHook();
        synchronized (USE_LOCK) {
            Integer n = USED.get(file);
            if (n != null) {
                USED.put(file, n + 1);
                return;
            }
            try {
                Files.createFile(marker(file, ME));
            } catch (FileAlreadyExistsException already) {
                // marked already
            } catch (IOException e) {
                throw new UncheckedIOException("cannot register as a user of shared memory " + file, e);
            }
            USED.put(file, 1);
        }
    }

    /**
     * One object of this process is done with {@code file} (closed or unreachable). When it was the
     * last, this process stops marking the file, and the file is deleted if no live process marks
     * it; mappings already made stay valid.
     *
     * @param file a file passed to {@link #map} or made by {@link #createMapped}
     */
    public static void release(Path file) {
        synchronized (USE_LOCK) {
            Integer n = USED.get(file);
            if (n == null) {
                return;
            }
            if (n > 1) {
                USED.put(file, n - 1);
                return;
            }
            try {
                Files.deleteIfExists(marker(file, ME));
            } catch (IOException | RuntimeException ignored) {
                // a marker left behind is swept once this process is gone
            }
            USED.remove(file);
            sweep(Set.of(file), -1);
        }
    }

    private static Path marker(Path file, String who) {
        return file.resolveSibling(file.getFileName() + who);
    }

    private static void installHook() {
        if (hooked) {
            return;
        }
        synchronized (SharedMemory.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> release(-1), "pyconcurrent-shared-memory-cleanup"));
                hooked = true;
            }
        }
    }

    /**
     * This process is done with its shared memory (it is exiting): removes its markers and
     * deletes every file no live process still uses.
     *
     * @param deadPid a process known to be gone even if it is not reaped yet (a child's dead
     *                parent), or -1
     */
    public static void release(long deadPid) {
        if (USED.isEmpty()) {
            return;
        }
        for (Path file : USED.keySet()) {
            try {
                Files.deleteIfExists(marker(file, ME));
            } catch (IOException | RuntimeException ignored) {
                // best effort at exit
            }
        }
        sweep(Set.copyOf(USED.keySet()), deadPid);
        USED.clear();
    }

    /** Deletes files no live process uses, and markers of dead processes whose file is gone. */
    static void sweepStale() {
        sweep(null, -1);
    }

    /**
     * One pass over the directory: each file (of {@code only}, or any this process does not
     * use) that no live process marks is deleted with its markers; a dead process's marker
     * whose file is gone is deleted.
     */
    private static void sweep(Set<Path> only, long deadPid) {
        Path dir = directory();
        Set<String> files = new HashSet<>();
        Map<String, List<String>> markers = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                int at = name.indexOf(USER);
                if (at > 0) {
                    markers.computeIfAbsent(name.substring(0, at), k -> new ArrayList<>()).add(name.substring(at + USER.length()));
                } else if (name.endsWith(".shm")) {
                    files.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return;   // best effort: another process may be sweeping too
        }
        Map<String, Boolean> liveness = new HashMap<>();
        for (String f : files) {
            Path file = dir.resolve(f);
            if (only != null ? !only.contains(file) : USED.containsKey(file)) {
                continue;
            }
            List<String> users = markers.getOrDefault(f, List.of());
            if (users.stream().anyMatch(u -> liveness.computeIfAbsent(u, x -> alive(x, deadPid)))) {
                continue;
            }
            try {
                // a user may have marked it since the listing: look again before deleting
                users = new ArrayList<>();
                try (DirectoryStream<Path> again = Files.newDirectoryStream(dir, f + USER + "*")) {
                    for (Path m : again) {
                        users.add(m.getFileName().toString().substring(f.length() + USER.length()));
                    }
                }
                if (users.stream().anyMatch(u -> liveness.computeIfAbsent(u, x -> alive(x, deadPid)))) {
                    continue;
                }
                Files.deleteIfExists(file);
                for (String u : users) {
                    Files.deleteIfExists(marker(file, USER + u));
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
        if (only == null) {
            for (Map.Entry<String, List<String>> e : markers.entrySet()) {
                if (files.contains(e.getKey())) {
                    continue;
                }
                for (String u : e.getValue()) {
                    if (!liveness.computeIfAbsent(u, x -> alive(x, -1))) {
                        try {
                            Files.deleteIfExists(marker(dir.resolve(e.getKey()), USER + u));
                        } catch (IOException | RuntimeException ignored) {
                            // best effort
                        }
                    }
                }
            }
        }
    }

    /** @return whether the process {@code <pid>-<start ms>} is still running */
    private static boolean alive(String user, long deadPid) {
        String[] parts = user.split("-");
        if (parts.length != 2) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(parts[0]);
            start = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == deadPid) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        long actual = startMillis(h.get());
        return actual == 0 || start == 0 || Math.abs(actual - start) < 2_000;
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
