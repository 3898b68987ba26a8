package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Process.getIdent, interrupt, setExecutable; Multiprocessing.setExecutable, cpuCount, activeChildren. */
class ProcessExtrasTest {
    @AfterEach
    void restoreAndNoChildLeft() {
        Multiprocessing.useParentsExecutable();
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void identIsThePid() {
        // Python: Process.ident is the same as Process.pid (None before start)
        SharedEvent go = Multiprocessing.event();
        Process p = new Process(() -> go.await(60));
        assertThat(p.getIdent()).isNull();
        p.start();
        try {
            assertThat(p.getIdent()).isEqualTo(p.getPid()).isNotNull();
            assertThat(Multiprocessing.currentProcess().getIdent()).isEqualTo(ProcessHandle.current().pid());
        } finally {
            go.set();
        }
        assertThat(p.join(60)).isTrue();
        assertThat(p.getIdent()).isEqualTo(p.getPid());
    }

    @Test
    void interruptSendsSigintAndTheChildRunsItsShutdownHooks() {
        // Python 3.14: Process.interrupt() sends SIGINT; a JVM runs its shutdown hooks and exits with -2
        Value hookRan = Value.ofLong(0);
        SharedEvent ready = Multiprocessing.event();
        Process p = new Process(() -> {
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> hookRan.setLong(1)));
            ready.set();
            dev.pyconcurrent.threading.Thread.sleep(120_000);
        });
        assertThatThrownBy(p::interrupt).isInstanceOf(IllegalStateException.class).hasMessage("process not started");
        p.start();
        assertThat(ready.await(60)).isTrue();
        p.interrupt();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isEqualTo(-2);
        assertThat(hookRan.getLong()).isEqualTo(1);
        p.interrupt();   // Python: nothing happens once the process has exited
    }

    @Test
    void activeChildrenListsRunningChildrenOnly() {
        // Python: active_children() lists the live children and joins the ones that finished
        SharedEvent go = Multiprocessing.event();
        Process running = new Process(() -> go.await(60));
        Process quick = new Process(() -> { });
        running.start();
        quick.start();
        assertThat(quick.join(60)).isTrue();
        try {
            assertThat(Multiprocessing.activeChildren()).contains(running).doesNotContain(quick);
        } finally {
            go.set();
        }
        assertThat(running.join(60)).isTrue();
        assertThat(Multiprocessing.activeChildren()).doesNotContain(running, quick);
    }

    @Test
    void setExecutableStartsChildrenWithAnotherJava() throws Exception {
        // Python: set_executable(path) chooses the interpreter of the children started afterwards
        Path dir = Files.createTempDirectory("pyc-exe");
        Path marker = dir.resolve("marker");
        Path wrapper = dir.resolve("java-wrapper");
        Files.writeString(wrapper, "#!/bin/sh\necho used >> '" + marker + "'\nexec '" + ChildJvms.javaBinary()
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        try {
            runWithWrapper(wrapper, marker);
        } finally {
            Files.deleteIfExists(marker);
            Files.deleteIfExists(wrapper);
            Files.deleteIfExists(dir);
        }
    }

    private static void runWithWrapper(Path wrapper, Path marker) throws IOException {
        Process one = new Process(() -> { });
        one.setExecutable(wrapper.toString());
        assertThat(one.getExecutable()).isEqualTo(wrapper.toString());
        one.start();
        assertThat(one.join(60)).isTrue();
        assertThat(one.getExitcode()).isZero();
        assertThat(Files.readAllLines(marker)).hasSize(1);
        assertThatThrownBy(() -> one.setExecutable(wrapper.toString())).isInstanceOf(IllegalStateException.class);

        Multiprocessing.setExecutable(wrapper.toString());
        assertThat(Multiprocessing.getExecutable()).isEqualTo(wrapper.toString());
        Process two = new Process(() -> { });
        assertThat(two.getExecutable()).isEqualTo(wrapper.toString());
        two.start();
        assertThat(two.join(60)).isTrue();
        try (Pool pool = new Pool(1)) {
            assertThat(pool.apply(() -> 1 + 1)).isEqualTo(2);
        }
        assertThat(Files.readAllLines(marker)).hasSize(3);
        Multiprocessing.useParentsExecutable();
        assertThat(Multiprocessing.getExecutable()).isNotEqualTo(wrapper.toString());
    }

    @Test
    void aChildMayRunOnAnotherJdk() {
        // Python: set_executable(other_python); here another JDK's java, seen by the child as its java.version
        Optional<Path> other = otherJdkJava();
        assumeTrue(other.isPresent(), "needs a second JDK under /usr/lib/jvm");
        Queue<String> q = new Queue<>();
        Process p = new Process((Queue<String> out) -> out.put(System.getProperty("java.version")), q);
        p.setExecutable(other.get().toString());
        p.start();
        String childVersion = q.get(60);
        assertThat(p.join(60)).isTrue();
        assertThat(childVersion).isNotEqualTo(System.getProperty("java.version"));
    }

    @Test
    void aBadExecutableIsRejected() {
        // Python: set_executable takes a path; a path that is not an executable file is refused at once here
        assertThatThrownBy(() -> Multiprocessing.setExecutable("/no/such/java")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an executable file: /no/such/java");
        assertThatThrownBy(() -> new Process(() -> { }).setExecutable(System.getProperty("java.home")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multiprocessing.setExecutable(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void cpuCountHonoursTheAffinityMask() throws Exception {
        // Python 3.13: os.process_cpu_count() counts the CPUs the process may use (sched_getaffinity)
        assertThat(Multiprocessing.cpuCount()).isPositive().isEqualTo(Multiprocessing.processCpuCount());
        Optional<String> taskset = Stream.of("/usr/bin/taskset", "/bin/taskset")
                .filter(t -> new File(t).canExecute()).findFirst();
        assumeTrue(taskset.isPresent(), "needs taskset");
        List<String> cmd = new ArrayList<>(List.of(taskset.get(), "-c", "0", ChildJvms.javaBinary(), "-cp",
                ChildJvms.directoryClassPath(), CpuCountMain.class.getName()));
        java.lang.Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(line).isEqualTo("1 1");
    }

    /** The java of another JDK (of a different version) under /usr/lib/jvm, if any. */
    private static Optional<Path> otherJdkJava() {
        String mine = System.getProperty("java.version");
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            return homes.map(h -> h.resolve("bin").resolve("java")).filter(Files::isExecutable)
                    .filter(j -> !version(j).map(mine::equals).orElse(true)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> version(Path java) {
        Path release = java.getParent().getParent().resolve("release");
        try {
            return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
