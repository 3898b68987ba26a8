package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedMemoryTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    private static void runAll(List<Process> ps) {
        for (Process p : ps) {
            p.start();
        }
        for (Process p : ps) {
            p.join();
            assertThat(p.getExitcode()).isZero();
        }
    }

    @Test
    void fourProcessesAddingTenThousandTimesEachGiveExactlyFortyThousand() {
        // Python: Value('q', 0) shared by processes; atomic increments lose nothing
        Value v = Value.ofLong(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ps.add(new Process((Value x) -> {
                for (int k = 0; k < 10_000; k++) {
                    x.getAndAddLong(1);
                }
            }, v));
        }
        runAll(ps);
        assertThat(v.getLong()).isEqualTo(40_000);
    }

    @Test
    void compoundUpdatesUnderGetLockLoseNothingAcrossProcesses() {
        // Python: with v.get_lock(): v.value += 1 in several processes
        Value v = Value.ofLong(0);
        Array a = Array.ofDoubles(3);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(new Process(() -> {
                for (int k = 0; k < 300; k++) {
                    try (var h = v.getLock().hold()) {
                        v.setLong(v.getLong() + 1);
                    }
                    try (var h = a.getLock().hold()) {
                        a.setDouble(1, a.getDouble(1) + 0.5);
                    }
                }
            }));
        }
        runAll(ps);
        assertThat(v.getLong()).isEqualTo(900);
        assertThat(a.getDouble(1)).isEqualTo(450.0);
        assertThat(a.getDouble(0)).isZero();
    }

    @Test
    void writesOfTheParentAndOfAChildAreSeenByTheOther() {
        // Python: Value/Array writes in one process are visible in the others (shared memory, not copies)
        Value d = Value.ofDouble(1.5);
        Array arr = Array.ofLongs(4);
        arr.setLong(0, 10);
        Process p = new Process(() -> {
            if (d.getDouble() != 1.5 || arr.getLong(0) != 10) {
                System.exit(5);
            }
            d.setDouble(2.25);
            arr.setLong(3, 33);
            System.exit(arr.compareAndSetLong(0, 10, 11) ? 0 : 6);
        });
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(d.getDouble()).isEqualTo(2.25);
        assertThat(arr.getLong(3)).isEqualTo(33);
        assertThat(arr.getLong(0)).isEqualTo(11);
        assertThat(arr.length()).isEqualTo(4);
        assertThat(arr.toString()).isEqualTo("Array('q', [11, 0, 0, 33])");
    }

    @Test
    void badIndexesAndWrongTypesAreRefused() {
        // Python: a[len(a)] raises IndexError; Value('d') has no integer view
        Array a = Array.ofLongs(2);
        assertThatThrownBy(() -> a.getLong(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("array index out of range");
        assertThatThrownBy(() -> a.getLong(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getDouble(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Value.ofDouble(1).getAndAddLong(1)).isInstanceOf(IllegalStateException.class);
        Value v = Value.ofLong(5);
        assertThat(v.compareAndSetLong(4, 9)).isFalse();
        assertThat(v.compareAndSetLong(5, 9)).isTrue();
        assertThat(v.getAndAddLong(-2)).isEqualTo(9);
        assertThat(v.getLong()).isEqualTo(7);
    }

    @Test
    void theFileOfACrashedParentIsRemovedByTheNextUser() throws Exception {
        // Python: shared memory does not outlive its users (resource tracker); here: a stale-file sweep
        java.lang.Process crashed = new ProcessBuilder(ChildJvms.javaBinary(), "-cp", ChildJvms.directoryClassPath(),
                SharedMemoryCrashMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(crashed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(crashed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crashed.exitValue()).isEqualTo(3);
        Path file = Path.of(out.lines().filter(l -> l.startsWith("FILE ")).findFirst().orElseThrow().substring(5));
        assertThat(file).exists();
        Value.ofLong(1);
        assertThat(file).doesNotExist();
    }

    @Test
    void theFileOfAParentKilledByKill9GoesWithItsLastChild() throws Exception {
        // Python: shared memory does not outlive its users; here the last user (a child) deletes it as it exits
        java.lang.Process parent = new ProcessBuilder(ChildJvms.javaBinary(), "-cp", ChildJvms.directoryClassPath(),
                SharedMemoryCrashMain.class.getName(), "child").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            long child = Long.parseLong(r.readLine().substring("CHILD ".length()));
            Path file = Path.of(r.readLine().substring("FILE ".length()));
            assertThat(file).exists();
            assertThat(users(file)).hasSize(2);
            parent.destroyForcibly();   // SIGKILL: the parent's shutdown hook does not run
            assertThat(parent.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Waits.until("the orphaned child exits", () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true),
                    Duration.ofSeconds(30));
            Waits.until("the file and its user marks are gone", () -> !Files.exists(file) && users(file).isEmpty(),
                    Duration.ofSeconds(30));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aProcessThatMapsTheFileIsMarkedAsAUserUntilItExits() throws Exception {
        // Python: the resource stays while a process uses it; here a child's mark keeps the file
        Value v = Value.ofLong(0);
        Path file = Path.of(v.file());
        SharedEvent mapped = Multiprocessing.event();
        SharedEvent done = Multiprocessing.event();
        Process p = new Process(() -> {
            v.setLong(1);
            mapped.set();
            done.await(60);
        });
        p.start();
        assertThat(mapped.await(60)).isTrue();
        assertThat(users(file)).hasSize(2).anyMatch(m -> m.contains(".user-" + p.getPid() + "-"));
        done.set();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(users(file)).hasSize(1).allMatch(m -> m.contains(".user-" + ProcessHandle.current().pid() + "-"));
        assertThat(file).exists();
    }

    private static List<String> users(Path file) {
        try (var s = Files.list(file.getParent())) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(file.getFileName() + ".user-"))
                    .collect(java.util.stream.Collectors.toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
