package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.launch.HmacSha256;

import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A class data sharing archive (AppCDS) for child JVMs: the classes a worker loads to start, read
 * its first task and answer it, stored pre-parsed and pre-verified so later children map them
 * instead of loading them from the class path.
 *
 * <p>One archive per user, {@code java} installation, class path (each entry's size and time) and
 * user JVM options, in {@code $XDG_CACHE_HOME/pyconcurrent/cds} (else {@code ~/.cache/...}, or the
 * directory in the system property {@code pyconcurrent.cds.dir}). When a child is launched and its
 * archive does not exist yet, a training JVM is started once in the background with
 * {@code -XX:ArchiveClassesAtExit}: it runs the worker's start-up, one call and one map chunk, and
 * exits. Its archive is then checked by starting a JVM on it, and only then renamed, atomically, to
 * its final name, so a child never sees a partial file. A training that fails leaves a
 * {@code .failed} marker and is not tried again. Later children get
 * {@code -XX:SharedArchiveFile}; the JVM itself ignores an archive whose class path no longer
 * matches.
 *
 * <p>Not used when the system property {@code pyconcurrent.cds} is {@code false}, on JDKs before
 * 13, for modular launches, when a class path entry is not a jar (directories cannot be archived;
 * a manifest {@code Class-Path} naming directories, as Maven Surefire's, counts), or when the user
 * JVM options choose their own sharing options.
 *
 * <p>States of one archive, per parent JVM: ABSENT --first launch--> TRAINING --archive checked-->
 * READY (file present) | FAILED (marker file present); READY and FAILED are final.
 */
final class WorkerArchive {
    private WorkerArchive() {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerArchive.class);

    /** System property; {@code false} turns archives off. */
    static final String ENABLED_PROPERTY = "pyconcurrent.cds";
    /** System property: the directory of the archives. */
    static final String DIR_PROPERTY = "pyconcurrent.cds.dir";
    private static final long TRAINING_SECONDS = 120;

    /** What a training JVM runs. */
    private static final SerializableCallable<Integer> TRAINING_CALL = () -> 1;
    private static final SerializableFunction<Integer, Integer> TRAINING_MAP = i -> i + 1;

    /** An archive's files. */
    private record Paths(String id, Path archive, Path failed) {
    }

    /** null value: no archive for these options. */
    private static final Map<List<String>, java.util.Optional<Paths>> PATHS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> TRAINING = new ConcurrentHashMap<>();   // ids started here

    /**
     * The options that make a child use the archive for {@code jvmOptions}, or none. Starts the
     * training of a missing archive (once). Never throws.
     */
    static List<String> options(List<String> jvmOptions) {
        try {
            Paths p = PATHS.computeIfAbsent(List.copyOf(jvmOptions), o -> java.util.Optional.ofNullable(paths(o)))
                    .orElse(null);
            if (p == null) {
                return List.of();
            }
            if (Files.isRegularFile(p.archive())) {
                return List.of("-XX:SharedArchiveFile=" + p.archive());
            }
            if (!Files.exists(p.failed()) && TRAINING.putIfAbsent(p.id(), Boolean.TRUE) == null) {
                java.lang.Thread t = new java.lang.Thread(() -> train(p, jvmOptions), "pyconcurrent-cds-training");
                t.setDaemon(true);
                t.start();
            }
        } catch (RuntimeException | Error e) {
            LOG.debug("no class data sharing archive for child JVMs", e);
        }
        return List.of();
    }

    /** The archive's files, or null if these options / this class path cannot have one. */
    private static Paths paths(List<String> jvmOptions) {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true"))
                || Runtime.version().feature() < 13
                || WorkerMain.class.getModule().isNamed()
                || !System.getProperty("jdk.module.path", "").isEmpty()) {
            return null;
        }
        for (String o : jvmOptions) {
            if (o.startsWith("-Xshare") || o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")
                    || o.contains("AutoCreateSharedArchive") || o.contains("SharedClassListFile")
                    || o.contains("DumpLoadedClassList")) {
                return null;
            }
        }
        String cp = System.getProperty("java.class.path", "");
        if (cp.isEmpty()) {
            return null;
        }
        StringBuilder material = new StringBuilder("pyconcurrent-worker-archive-1\0")
                .append(System.getProperty("java.home")).append('\0')
                .append(System.getProperty("java.vm.version")).append('\0')
                .append(System.getProperty("java.vm.name")).append('\0');
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            try {
                if (!Files.isRegularFile(jar) || !jar.getFileName().toString().toLowerCase().endsWith(".jar")
                        || namesDirectories(jar)) {
                    return null;
                }
                material.append(jar).append('\0').append(Files.size(jar)).append('\0')
                        .append(Files.getLastModifiedTime(jar).toMillis()).append('\0');
            } catch (IOException e) {
                return null;
            }
        }
        for (String o : jvmOptions) {
            material.append(o).append('\0');
        }
        byte[] digest = HmacSha256.sha256(material.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            id.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        Path dir = directory();
        return new Paths(id.toString(), dir.resolve("worker-" + id + ".jsa"), dir.resolve("worker-" + id + ".failed"));
    }

    /** Whether the jar's manifest {@code Class-Path} names a directory (which CDS cannot archive). */
    private static boolean namesDirectories(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Manifest m = f.getManifest();
            String classPath = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return false;
            }
            for (String e : classPath.trim().split("\\s+")) {
                if (e.endsWith("/") || !e.toLowerCase().endsWith(".jar")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pyconcurrent").resolve("cds");
    }

    /** Runs a training JVM, checks its archive and publishes it; on failure leaves the marker. */
    private static void train(Paths p, List<String> jvmOptions) {
        Path dir = p.archive().getParent();
        Path tmp = dir.resolve("worker-" + p.id() + "." + ProcessHandle.current().pid() + ".tmp");
        boolean ok = false;
        try {
            createPrivateDirectory(dir);
            sweepAbandoned(dir);
            Files.deleteIfExists(tmp);
            ok = runTrainer(jvmOptions, tmp) && Files.isRegularFile(tmp) && Files.size(tmp) > 0 && check(jvmOptions, tmp);
            if (ok) {
                try {
                    Files.move(tmp, p.archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    ok = false;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("training a class data sharing archive for child JVMs failed", e);
            ok = false;
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            return;   // not a verdict on the archive: another parent may try again
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (!ok) {
            try {
                Files.write(p.failed(), new byte[0]);
            } catch (IOException | RuntimeException ignored) {
                // then the next parent tries again
            }
        }
    }

    /** Deletes temporary files of trainings abandoned (their parent JVM exited) long ago. */
    private static void sweepAbandoned(Path dir) {
        long before = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10);
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, "worker-*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toMillis() < before) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException ignored) {
                    // already gone
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** A worker that starts, runs one call and one chunk, and exits, writing the archive at exit. */
    private static boolean runTrainer(List<String> jvmOptions, Path tmp) throws IOException, InterruptedException {
        List<String> cmd = ChildProcess.command(jvmOptions, true, List.of("-XX:ArchiveClassesAtExit=" + tmp));
        java.lang.Process proc = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Codec codec = JavaSerializationCodec.INSTANCE;
        try {
            OutputStream in = proc.getOutputStream();
            Handshake.Start start = new Handshake.Start(Handshake.key(), Handshake.random(Handshake.CHALLENGE_BYTES),
                    "PoolWorker-archive", ProcessHandle.current().pid(), "MainProcess", new byte[0]);
            Wire.write(in, Wire.START, 0, start.write());
            Wire.write(in, Wire.TASK, 1, WorkerTask.call(TRAINING_CALL, codec));
            Wire.write(in, Wire.TASK, 2, WorkerTask.chunk(codec.encode(TRAINING_MAP), false,
                    new Object[] {1, 2, 3}, codec));
            Wire.write(in, Wire.SHUTDOWN, 0, new byte[0]);
            // stdin stays open until the trainer exited: end of input would halt it before its archive is written
            boolean exited = proc.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS);
            in.close();
            return exited && proc.exitValue() == 0;
        } finally {
            proc.destroyForcibly();
        }
    }

    /** Starts {@code java -version} on the archive: a damaged archive fails here, not in a worker. */
    private static boolean check(List<String> jvmOptions, Path archive) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(ChildProcess.command(jvmOptions, true,
                List.of("-XX:SharedArchiveFile=" + archive)));
        cmd.set(cmd.size() - 1, "-version");
        java.lang.Process proc = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return proc.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS) && proc.exitValue() == 0;
        } finally {
            proc.destroyForcibly();
        }
    }
}
