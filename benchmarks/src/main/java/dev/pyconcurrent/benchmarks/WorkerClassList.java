package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.multiprocessing.Connection;
import dev.pyconcurrent.multiprocessing.ConnectionPair;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Pool;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Queue;
import dev.pyconcurrent.multiprocessing.SharedLock;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes core's {@code worker.classlist}: the classes, and the lambda proxies, that a child JVM loads
 * before and while running its first tasks, from which {@code WorkerArchive} dumps the children's
 * class-data-sharing archive. A pool worker and a {@code Process} child run the usual first steps (tasks
 * that capture values, {@code map}, a {@code Queue}, a pipe, a lock) with {@code -XX:DumpLoadedClassList};
 * the union of their lists, without this program's own classes, is written to the file given. It keeps the
 * {@code @lambda-form-invoker} lines: from them the dump builds the method-handle forms that the children's
 * lambdas need into the archive, where a child would otherwise spin a dozen classes at start (cold
 * {@code Pool(2)} 300 → 289 ms).
 *
 * <p>Run from the shaded jar, after changing what a child does at start (WorkerArchiveTest fails when a
 * listed class or lambda of the library is gone):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.benchmarks.WorkerClassList
 * core/src/main/resources/dev/pyconcurrent/multiprocessing/internal/launch/worker.classlist}
 */
public final class WorkerClassList {
    private static final String HEADER = """
            # The classes a child JVM loads before and while it runs its first tasks (JDK and pyconcurrent), and the
            # lambda proxies it makes (@lambda-proxy lines) and the method-handle forms they use (@lambda-form-invoker
            # lines), for its class-data-sharing archive (WorkerArchive).
            # Made by dev.pyconcurrent.benchmarks.WorkerClassList (a pool worker and a Process child, with
            # -XX:DumpLoadedClassList); run it again when a child's start changes. A class or lambda listed here
            # that no longer exists is skipped by the dump (WorkerArchiveTest checks that the library's own exist).
            """;

    private WorkerClassList() {
    }

    /** A small record, as tasks capture. */
    record Point(int x, String label) implements Serializable {
    }

    static int addOne(int i) {
        return i + 1;
    }

    /** The {@code Process} child: a queue, a pipe and a lock of its parent. */
    private static void child(Queue<String> q, Connection c, SharedLock lock) {
        lock.acquire();
        try {
            q.put((String) c.recv());
        } finally {
            lock.release();
        }
        c.send("pong");
    }

    /**
     * @param args the file to write
     * @throws IOException if a list cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WorkerClassList OUTPUT_FILE");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("worker-classlist");
        Path poolList = dir.resolve("pool.classlist");
        Path processList = dir.resolve("process.classlist");
        int arg = 41;
        Point point = new Point(1, "a");
        String text = "x".repeat(1024);
        try (Pool pool = Pool.builder().processes(1).jvmOptions(List.of("-XX:DumpLoadedClassList=" + poolList)).build()) {
            check(pool.apply(() -> addOne(arg)) == 42);
            check(pool.apply(() -> point.label() + point.x()).equals("a1"));
            check(pool.apply(() -> text.length()) == 1024);
            check(pool.map(WorkerClassList::addOne, List.of(1, 2, 3)).equals(List.of(2, 3, 4)));
            check(pool.applyAsync(() -> new byte[1024]).get().length == 1024);
        }
        Queue<String> q = new Queue<>();
        ConnectionPair pipe = Multiprocessing.pipe();
        SharedLock lock = Multiprocessing.lock();
        Connection childEnd = pipe.second();
        Process p = new Process(() -> child(q, childEnd, lock));
        p.setJvmOptions(List.of("-XX:DumpLoadedClassList=" + processList));
        p.start();
        pipe.first().send("ping");
        check(q.get().equals("ping"));
        check(pipe.first().recv().equals("pong"));
        p.join();
        check(p.getExitcode() == 0);
        Set<String> lines = new LinkedHashSet<>();
        // the pool's worker writes its list when it exits: spare workers of a closed pool linger a while
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(poolList) && System.nanoTime() < deadline) {
            sleep();
        }
        for (Path list : List.of(poolList, processList)) {
            for (String l : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#") && !l.contains("dev/pyconcurrent/benchmarks/")) {
                    lines.add(l.strip());
                }
            }
        }
        Files.deleteIfExists(poolList);
        Files.deleteIfExists(processList);
        Files.deleteIfExists(dir);
        List<String> out = new ArrayList<>();
        out.add(HEADER.strip());
        out.addAll(lines);
        Files.write(Path.of(args[0]), out, StandardCharsets.UTF_8);
        System.out.println(lines.size() + " lines written to " + args[0]);
        System.exit(0);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("wrong result");
        }
    }
}
