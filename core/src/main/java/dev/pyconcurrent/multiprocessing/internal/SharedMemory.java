package dev.pyconcurrent.multiprocessing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory-mapped files for {@code Value} and {@code Array}: created under {@code /dev/shm}
 * (else {@code java.io.tmpdir}) with mode {@code rw-------}, named
 * {@code pyconcurrent-<owner pid>-<random>.shm}. The creating process deletes its files at
 * exit; files left by a creator that crashed are deleted by the next process that creates
 * one (their owner pid is no longer alive). A process that already mapped a file keeps
 * its memory after the file is removed.
 */
public final class SharedMemory {
    private SharedMemory() {
    }

    /** Atomic 8-byte access to a mapped buffer; indexes are byte offsets, multiples of 8. */
    public static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final String PREFIX = "pyconcurrent-";
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    /** @return the directory shared memory files go to */
    public static Path directory() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Creates a zero-filled file of {@code bytes} bytes, deleted at this JVM's exit.
     *
     * @return its path
     */
    public static Path create(long bytes) {
        installHook();
        sweepStale();
        Path dir = directory();
        String name = PREFIX + ProcessHandle.current().pid() + "-" + Long.toHexString(new java.security.SecureRandom().nextLong()) + ".shm";
        Path file = dir.resolve(name);
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            OWNED.add(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.allocate((int) Math.max(8, bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory in " + dir, e);
        }
        return file;
    }

    /**
     * Maps an existing file.
     *
     * @throws IllegalStateException if it is gone (its creator exited)
     */
    public static MappedByteBuffer map(Path file, long bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(8, bytes));
        } catch (IOException e) {
            throw new IllegalStateException("shared memory " + file + " is gone; the process that created it may have exited", e);
        }
    }

    private static void installHook() {
        if (hooked) {
            return;
        }
        synchronized (SharedMemory.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path p : OWNED) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // best effort at exit
                        }
                    }
                }, "pyconcurrent-shared-memory-cleanup"));
                hooked = true;
            }
        }
    }

    /** Deletes files whose owner process is no longer alive. */
    static void sweepStale() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory(), PREFIX + "*.shm")) {
            for (Path f : files) {
                String[] parts = f.getFileName().toString().split("-");
                if (parts.length < 3) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: another process may be sweeping too
        }
    }
}
