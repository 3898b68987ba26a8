package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.Descriptors;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Class-data sharing for child JVMs: a static CDS archive of the classes a child loads before its first
 * task (the JDK's and this library's, listed in {@code worker.classlist}), mapped by every child instead
 * of being parsed and verified again. It saves a child some 30 ms of CPU at start-up, about a tenth of a
 * two-worker pool's cold start on a two-core machine.
 *
 * <p>The dump's list is {@code worker.classlist} and the classes of the program's tasks this JVM sent
 * ({@link #classList}), so a child loads the task's class from the archive too.
 *
 * <p>One archive per <em>key</em>: the {@code java} binary and its version, the class path exactly as
 * spelled, each jar's size and modification time, and the children's JVM options. An archive the JVM
 * would refuse (another spelling of the path, a rebuilt jar) is thus never named to it. Only class paths
 * of jars qualify (CDS does not archive classes from directories), only with the parent's own
 * {@code java}, not on the module path, and not when the user's options choose their own sharing.
 *
 * <p>States of one key, by its files in the cache directory ({@code -Dpyconcurrent.cdsDir}, default
 * {@code ~/.cache/pyconcurrent/cds}; {@code -Dpyconcurrent.cds=false} turns all of this off):
 * <pre>
 * ABSENT --a JVM that started a child with this key exits--> TRAINING (worker-KEY.lock, then .jsa.tmp)
 * TRAINING --the dump succeeds--> READY (worker-KEY.jsa; the .tmp renamed, which is atomic)
 * TRAINING --the dump fails, or is killed--> ABSENT (the script removes its files; a lock older than
 *     {@link #STALE_MILLIS} left by a killed one is removed by the next JVM that wants the key)
 * READY --{@link #KEEP} newer archives were used since--> ABSENT (least recently used first)
 * </pre>
 * The dump ({@code java -Xshare:dump}, about a second) starts when the JVM that wanted it exits, so it
 * does not slow that program, and runs in a shell of its own at low priority that ignores the terminal's
 * interrupt, so it finishes (or cleans up) after that JVM is gone; an archive is published only whole, by
 * the rename. A JVM that halts ({@code Runtime.halt}, a kill) starts no dump. A JVM decides once per key
 * whether its children get an archive, so children spawned ahead and launched later have the same command
 * line. Children with a key run with {@code -Xlog:cds=off} (and {@code -Xlog:aot=off} on JDK 24 and
 * later), so no sharing warning (an archive refused) ever reaches the program's output.
 */
final class WorkerArchive {
    /** Archives kept: the most recently used ones. About 10 MB each. */
    static final int KEEP = 4;
    /** A lock or temporary file older than this belongs to a dump that was killed. */
    static final long STALE_MILLIS = 120_000;
    private static final String CLASS_LIST = "worker.classlist";
    /**
     * The dump, as {@code sh -c SCRIPT sh java list archive classpath lock options...}: publishes the archive by
     * a rename and removes its other files whatever happens.
     */
    private static final String SCRIPT = "trap '' INT HUP\n"
            + "java=$1 list=$2 jsa=$3 cp=$4 lock=$5\n"
            + "shift 5\n"
            + "if command -v nice >/dev/null 2>&1; then n='nice -n 10'; else n=''; fi\n"
            + "if $n \"$java\" \"$@\" -Xshare:dump -XX:SharedClassListFile=\"$list\" -XX:SharedArchiveFile=\"$jsa.tmp\""
            + " -cp \"$cp\" >/dev/null 2>&1; then mv -f \"$jsa.tmp\" \"$jsa\"; fi\n"
            + "rm -f \"$jsa.tmp\" \"$list\" \"$lock\"\n";

    private static final WorkerArchive SHARED = new WorkerArchive(null, true);

    /** The cache directory, or null: the one the system properties name. */
    private final Path fixedDir;
    /** What this JVM decided per key: the options children get (empty while the archive is missing). */
    private final Map<String, List<String>> decided = new ConcurrentHashMap<>();

    /** Whether dumps start when this JVM exits (else at once). */
    private final boolean atExit;

    /**
     * @param dir    the cache directory, or null: the one the system properties name
     * @param atExit start dumps when this JVM exits, so that they do not slow the program; else at once
     */
    WorkerArchive(Path dir, boolean atExit) {
        this.fixedDir = dir;
        this.atExit = atExit;
    }

    /**
     * The options that make a child with this class path and these options map its archive; when there is
     * none yet, starts making it and returns only the logging options.
     *
     * @param classPath  the child's {@code -cp}
     * @param jvmOptions the user's options for the child
     * @return options to place before the user's; empty if sharing does not apply
     */
    static List<String> options(String classPath, List<String> jvmOptions) {
        if (!"true".equals(System.getProperty("pyconcurrent.cds", "true")) || File.separatorChar != '/') {
            return List.of();
        }
        return SHARED.optionsFor(classPath, jvmOptions);
    }

    /** {@link #options} in this instance's directory, whatever {@code pyconcurrent.cds} says. */
    List<String> optionsFor(String classPath, List<String> jvmOptions) {
        String key = key(classPath, jvmOptions);
        if (key == null) {
            return List.of();
        }
        List<String> opts = decided.get(key);   // no lambda: this runs before a young JVM's first one (spawnAhead)
        if (opts == null) {
            List<String> mine = decide(key, classPath, jvmOptions);
            opts = decided.putIfAbsent(key, mine);   // a JVM's children all get the first decision
            opts = opts != null ? opts : mine;
        }
        return opts;
    }

    private List<String> decide(String key, String classPath, List<String> jvmOptions) {
        List<String> quiet = Runtime.version().feature() >= 24 ? List.of("-Xlog:cds=off", "-Xlog:aot=off")
                : List.of("-Xlog:cds=off");
        Path dir = dir();
        Path archive = dir.resolve("worker-" + key + ".jsa");
        if (Files.isRegularFile(archive)) {
            try {
                Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis()));   // recently used
            } catch (IOException ignored) {
                // another JVM trimmed it meanwhile: the child then starts without it, silently
            }
            List<String> opts = new ArrayList<>();
            opts.add("-XX:SharedArchiveFile=" + archive);
            opts.addAll(quiet);
            return List.copyOf(opts);
        }
        Runnable dump = new Dump(dir, key, archive, classPath, jvmOptions, quiet);
        if (atExit) {
            AtExit.add(dump);
        } else {
            dump.run();
        }
        return quiet;
    }

    /** The dumps this JVM starts when it exits, from a shutdown hook registered with the first. */
    private static final class AtExit {
        private static final List<Runnable> DUMPS = new ArrayList<>();   // guarded by itself

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
                    @Override
                    public void run() {
                        synchronized (DUMPS) {
                            for (Runnable d : DUMPS) {
                                d.run();
                            }
                            DUMPS.clear();
                        }
                    }
                }, "pyconcurrent-class-data-archive"));
            } catch (IllegalStateException shuttingDown) {
                // asked during shutdown: no dump this time
            }
        }

        static void add(Runnable dump) {
            synchronized (DUMPS) {
                DUMPS.add(dump);
            }
        }
    }

    /** Starts the dump of one archive unless another JVM is making it; any failure just leaves it absent. */
    private record Dump(Path dir, String key, Path archive, String classPath, List<String> jvmOptions,
                        List<String> quiet) implements Runnable {
        @Override
        public void run() {
            try {
                start();
            } catch (IOException | RuntimeException e) {
                // no shell, no space, a read-only home: children start without an archive, as before
            }
        }

        private void start() throws IOException {
            Files.createDirectories(dir);
            trim(dir);
            Path lock = dir.resolve("worker-" + key + ".lock");
            try {
                Files.createFile(lock);
            } catch (FileAlreadyExistsException another) {
                return;   // being made (or killed while being made: trim removes it once stale)
            }
            Path list = dir.resolve("worker-" + key + ".classlist");
            List<String> lines = classList(Descriptors.namedClasses());
            if (lines.isEmpty()) {
                Files.deleteIfExists(lock);
                return;
            }
            Files.write(list, lines, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "sh", ChildProcess.javaBinary(),
                    list.toString(), archive.toString(), classPath, lock.toString()));
            cmd.addAll(ChildProcess.defaultOptions(jvmOptions, false));
            cmd.addAll(quiet);
            cmd.addAll(jvmOptions);
            new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        }
    }

    /**
     * The class list of a dump: {@code worker.classlist}, then those of {@code named} (classes this JVM sent
     * tasks of, or values of) that its class path gives: a child loads the task's class from the archive
     * too, and need not open the program's jar for it (30 ms for a jar of 17,000 entries, in a young JVM).
     *
     * @param named classes in the list's form ({@code a/b/C})
     * @return the lines, or empty if the library's list is missing
     */
    static List<String> classList(java.util.Collection<String> named) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = WorkerArchive.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return List.of();
            }
            lines.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
        java.util.Set<String> listed = new java.util.HashSet<>(lines);
        ClassLoader app = ClassLoader.getSystemClassLoader();
        for (String name : named) {
            if (listed.contains(name)) {
                continue;
            }
            try {
                Class<?> c = Class.forName(name.replace('/', '.'), false, app);
                if (c.getClassLoader() == app && !c.isHidden() && !c.isArray()) {
                    lines.add(name);
                    listed.add(name);
                }
            } catch (ClassNotFoundException | LinkageError notOnTheClassPath) {
                // a class of another loader: not in the archive
            }
        }
        return lines;
    }

    /**
     * Removes what killed dumps left (locks and partial files older than {@link #STALE_MILLIS}) and all
     * but the {@link #KEEP}{@code - 1} most recently used archives, making room for one more.
     */
    static void trim(Path dir) throws IOException {
        long now = System.currentTimeMillis();
        List<Path> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.startsWith("worker-")) {
                    continue;
                }
                if (name.endsWith(".jsa")) {
                    archives.add(f);
                } else if (name.endsWith(".lock") || name.endsWith(".tmp") || name.endsWith(".classlist")) {
                    if (now - modified(f) > STALE_MILLIS) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        archives.sort(Comparator.comparingLong(WorkerArchive::modified).reversed());
        for (int i = KEEP - 1; i < archives.size(); i++) {
            Files.deleteIfExists(archives.get(i));
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException gone) {
            return Long.MAX_VALUE;   // removed meanwhile: neither stale nor old
        }
    }

    private Path dir() {
        if (fixedDir != null) {
            return fixedDir;
        }
        String d = System.getProperty("pyconcurrent.cdsDir");
        if (d != null) {
            return Path.of(d);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("pyconcurrent").resolve("cds");
    }

    /**
     * @param jvmOptions a child's options from the user
     * @return whether they choose the child's class-data sharing or AOT cache themselves (an archive, a dump,
     *         {@code -Xshare}, {@code -XX:AOT...}): then the engine adds no sharing option of its own, since
     *         the JVM refuses some of them together (JDK 24+: {@code -XX:AOTConfiguration} with {@code -Xshare:auto})
     */
    static boolean choosesOwnSharing(List<String> jvmOptions) {
        for (String o : jvmOptions) {   // a loop, not a stream: this runs before the JVM's first lambda (spawnAhead)
            if (o.startsWith("-Xshare") || o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")
                    || o.contains("SharedClassListFile") || o.contains("DumpLoadedClassList")
                    || o.contains("AutoCreateSharedArchive") || o.startsWith("-XX:AOT")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the archive key of a child JVM, or null when sharing does not apply to it: a class path
     *         with anything but existing jar files, or user options that choose their own sharing
     */
    static String key(String classPath, List<String> jvmOptions) {
        if (classPath.isEmpty()) {
            return null;
        }
        if (choosesOwnSharing(jvmOptions)) {
            return null;
        }
        for (String o : jvmOptions) {
            if (o.startsWith("-Xlog")) {
                return null;
            }
        }
        long h = 0xcbf29ce484222325L;   // FNV-1a, 64 bits: cheap on a young JVM, and a clash only costs sharing
        h = mix(h, ChildProcess.javaBinary());
        h = mix(h, System.getProperty("java.vm.version", ""));
        h = mix(h, classPath);
        for (String entry : classPath.split(File.pathSeparator)) {
            File f = new File(entry);
            if (!entry.endsWith(".jar") || !f.isFile()) {
                return null;
            }
            h = mix(h, f.length() + "/" + f.lastModified());
        }
        for (String o : jvmOptions) {
            h = mix(h, o);
        }
        return Long.toHexString(h);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0x10000;   // no char has this value: a separator, so that ("ab", "c") and ("a", "bc") differ
        return h * 0x100000001b3L;
    }
}
