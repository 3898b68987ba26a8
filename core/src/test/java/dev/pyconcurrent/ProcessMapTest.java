package dev.pyconcurrent;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pools.processMap: Python's {@code with Pool() as p: p.map(fn, items)} as one call. */
class ProcessMapTest {

    @AfterAll
    static void noChildLeft() {
        // the shared pool is never shut down by users; tests end it so later test classes see no child JVM
        Pools.resetSharedProcessPool();
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    @Test
    void resultsInInputOrderFromOtherProcesses() {
        // Python: Pool().map(f, range(1000)) returns [f(0), f(1), ...] computed in worker processes
        List<Integer> items = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
        List<Integer> out = Pools.processMap(i -> i * 2, items);
        assertThat(out).isEqualTo(items.stream().map(i -> i * 2).collect(Collectors.toList()));
        Set<Long> pids = new HashSet<>(Pools.processMap(i -> ProcessHandle.current().pid(), List.of(1, 2, 3)));
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());
        assertThat(Pools.processMap(i -> i, List.of())).isEmpty();
    }

    @Test
    void explicitProcessCountRunsOnItsOwnPoolAndShutsItDown() {
        // Python: with Pool(3) as p: p.map(f, items) uses three workers and ends them with the block
        int n = Runtime.getRuntime().availableProcessors() + 1;
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        List<Long> pids = Pools.processMap(i -> {
            sleep(20);
            return ProcessHandle.current().pid();
        }, IntStream.range(0, 40).boxed().collect(Collectors.toList()), n);
        assertThat(pids).hasSize(40).doesNotContain(ProcessHandle.current().pid());
        Set<Long> own = new HashSet<>(pids);
        own.removeAll(before);
        assertThat(own).isNotEmpty().hasSizeLessThanOrEqualTo(n);
        Waits.until("the call's workers exited",
                () -> own.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        assertThatThrownBy(() -> Pools.processMap(i -> i, List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstFailureIsRethrownAndTheRestCancelled(@TempDir Path dir) throws IOException {
        // Python: Pool.map raises the first exception; here what has not started is cancelled, not run
        Path ran = dir.resolve("ran.txt");
        String file = ran.toString();
        List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());   // 1 process: chunks of 10
        assertThatThrownBy(() -> Pools.processMap(i -> {
            if (i == 0) {
                throw new ArithmeticException("item 0");
            }
            sleep(50);
            append(file, i + "\n");
            return i;
        }, items, 1)).isInstanceOf(ArithmeticException.class).hasMessage("item 0");
        List<String> lines = Files.exists(ran) ? Files.readAllLines(ran) : List.of();
        assertThat(lines.size()).as("items run after the failure: %s", lines).isLessThanOrEqualTo(10);
    }

    @Test
    void nonSerializableCaptureFailsAtTheCall() {
        // Python: an unpicklable function fails the map call
        Object notSerializable = new Object();
        assertThatThrownBy(() -> Pools.processMap(i -> notSerializable.hashCode() + i, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }

    @Test
    void theSharedProcessPoolNeverKeepsTheJvmAlive() throws Exception {
        // API.md §2: the shared pools never keep the JVM alive; its workers end with the JVM
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(100, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child exited; output:%n%s", out).isTrue();
        assertThat(out).contains("[1, 2, 3]");
        String pids = out.substring(out.indexOf("pids=") + 5).lines().findFirst().orElseThrow();
        List<Long> workers = Arrays.stream(pids.replaceAll("[\\[\\] ]", "").split(","))
                .map(Long::parseLong).collect(Collectors.toList());
        assertThat(workers).isNotEmpty();
        Waits.until("the child's workers ended", () -> workers.stream()
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void append(String file, String line) {
        try {
            Files.writeString(Path.of(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Uses the shared process pool and returns from main. */
    public static final class Main {
        public static void main(String[] args) {
            System.out.println(Pools.processMap((Integer i) -> i + 1, List.of(0, 1, 2)));
            System.out.println("pids=" + Pools.processMap((Integer i) -> ProcessHandle.current().pid(), List.of(0, 1)));
        }
    }
}
