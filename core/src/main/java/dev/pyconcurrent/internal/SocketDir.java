package dev.pyconcurrent.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private directory in {@code java.io.tmpdir} for this JVM's Unix-domain sockets, and the removal of
 * those left by JVMs that died. Python's {@code multiprocessing} puts its sockets in a {@code pymp-*}
 * directory that its exit handler removes; a process killed with {@code SIGKILL} leaves it behind, and
 * so would a JVM, since no shutdown hook runs then. Not public API.
 *
 * <p>Each directory is named {@code pyconcurrent-<pid>-<n>} (mode {@code rwx------}, made with it; a name
 * that exists is skipped) and holds a
 * file {@value #OWNER} that this JVM keeps locked ({@link FileChannel#lock()}) until the directory is
 * closed. The kernel drops that lock when the process ends, however it ends, so a lock anyone else can
 * take marks a directory nobody serves: that works across pid namespaces (containers sharing
 * {@code /tmp}), where a pid says nothing.
 *
 * <p>The first directory a JVM makes starts, on a daemon thread, {@link #SWEEP_DELAY_MILLIS} later and once per
 * JVM, a {@link #sweep} of
 * {@code java.io.tmpdir}: it removes every {@code pyconcurrent-*} directory older than a minute whose
 * owner lock it can take, or, for directories of earlier versions (no {@value #OWNER}), whose pid is not
 * alive. It removes only sockets and the lock file; a directory that holds anything else stays.
 *
 * <p>States of one directory: {@code OPEN --close() or JVM exit--> REMOVED}; a killed JVM leaves it
 * {@code OPEN} with its lock dropped, until some later JVM's sweep removes it.
 */
public final class SocketDir implements AutoCloseable {
    /** The lock file held by the directory's JVM while it lives. */
    static final String OWNER = "owner.lock";
    /** A directory younger than this is never swept: its JVM may be between making it and locking it. */
    static final long MIN_AGE_MILLIS = 60_000;
    /** How long after a JVM's first directory its sweep starts. */
    static final long SWEEP_DELAY_MILLIS = 2_000;

    private static final String PREFIX = "pyconcurrent-";
    /** Holder: compiled by the first sweep (in the background), not by a program's first {@code Queue}. */
    private static final class Legacy {
        static final Pattern PID = Pattern.compile("pyconcurrent-(\\d+)-\\w+");
    }
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    /** Directories not yet closed; removed by the exit hook. */
    private static final Set<SocketDir> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    /** The number of this JVM's next directory. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();
    private static final Set<java.nio.file.attribute.PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final FileChannel ownerChannel;   // open (and locked) until close()
    private final AtomicBoolean closed = new AtomicBoolean();

    private SocketDir(Path dir, FileChannel ownerChannel) {
        this.dir = dir;
        this.ownerChannel = ownerChannel;
    }

    /**
     * Makes a new private directory, locked as this JVM's, and sweeps dead JVMs' directories in the
     * background the first time.
     *
     * @return the directory
     * @throws UncheckedIOException if it cannot be made
     */
    public static SocketDir make() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String prefix = PREFIX + Pid.self() + "-";
        Path dir;
        FileChannel owner = null;
        try {
            dir = create(tmp, prefix);
            owner = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            owner.lock();
        } catch (IOException e) {
            closeQuietly(owner);
            throw new UncheckedIOException("cannot make a directory for a socket in " + tmp, e);
        }
        SocketDir made = new SocketDir(dir, owner);
        OPEN.add(made);
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(new Runnable() {   // not a lambda: a program's
                @Override                                                                 // first Queue comes here
                public void run() {
                    for (SocketDir d : OPEN) {
                        d.close();
                    }
                }
            }, "pyconcurrent-socket-dirs-cleanup"));
        }
        if (SWEPT.compareAndSet(false, true)) {
            java.lang.Thread sweeper = new java.lang.Thread(new Runnable() {
                @Override
                public void run() {
                    try {
                        java.lang.Thread.sleep(SWEEP_DELAY_MILLIS);   // not while the program (and its children) start
                    } catch (InterruptedException e) {
                        return;
                    }
                    sweep(tmp, MIN_AGE_MILLIS);
                }
            }, "pyconcurrent-socket-dirs-sweep");
            sweeper.setDaemon(true);
            sweeper.setPriority(java.lang.Thread.MIN_PRIORITY);
            sweeper.start();
        }
        return made;
    }

    /**
     * Makes {@code prefix + n} for the next free {@code n}, with its mode at once; a name that exists is
     * skipped, never used. Not {@code Files.createTempDirectory}: its random name starts a
     * {@code SecureRandom}, ~30 ms of a young JVM on the way to its first {@code Queue}. After 100 taken
     * names (someone else made them), a random name.
     */
    private static Path create(Path tmp, String prefix) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (int i = 0; i < 100; i++) {
            Path p = tmp.resolve(prefix + NEXT.getAndIncrement());
            try {
                return posix ? Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE))
                        : Files.createDirectory(p);
            } catch (FileAlreadyExistsException taken) {
                // a directory of an earlier JVM with this pid, or anyone's: the next name
            }
        }
        return posix ? Files.createTempDirectory(tmp, prefix, PosixFilePermissions.asFileAttribute(PRIVATE))
                : Files.createTempDirectory(tmp, prefix);
    }

    /** @return the directory */
    public Path path() {
        return dir;
    }

    /**
     * @param name a file name
     * @return that name in this directory
     */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Removes the directory and its sockets, and releases the lock. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OPEN.remove(this);
        removeContents(dir);
        closeQuietly(ownerChannel);
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort: something else was put there
        }
    }

    /**
     * Removes the {@code pyconcurrent-*} directories in {@code tmp} that no living JVM owns.
     *
     * @param tmp          the directory to look in
     * @param minAgeMillis directories modified more recently than this are left alone
     * @return how many were removed
     */
    static int sweep(Path tmp, long minAgeMillis) {
        long self = Pid.self();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path p : ds) {
                candidates.add(p);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        int removed = 0;
        for (Path p : candidates) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (!a.isDirectory() || System.currentTimeMillis() - a.lastModifiedTime().toMillis() < minAgeMillis
                        || p.getFileName().toString().startsWith(PREFIX + self + "-")) {
                    continue;
                }
                if (abandoned(p) && onlySockets(p)) {
                    removeContents(p);
                    Files.deleteIfExists(p);
                    removed++;
                }
            } catch (IOException | RuntimeException ignored) {
                // another JVM swept it first, or it is not ours to read: leave it
            }
        }
        return removed;
    }

    /** Whether no living process owns {@code dir}: its owner lock can be taken, or (earlier versions) its pid is gone. */
    private static boolean abandoned(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER);
        if (Files.exists(owner)) {
            try (FileChannel ch = FileChannel.open(owner, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                return lock != null;   // released as the channel closes
            } catch (OverlappingFileLockException e) {
                return false;          // held in this JVM
            }
        }
        Matcher m = Legacy.PID.matcher(dir.getFileName().toString());
        return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true);
    }

    /** Whether {@code dir} holds nothing but sockets and the owner lock: nothing a sweep could destroy. */
    private static boolean onlySockets(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                boolean socket = a.isOther();
                if (!socket && !f.getFileName().toString().equals(OWNER)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void removeContents(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
