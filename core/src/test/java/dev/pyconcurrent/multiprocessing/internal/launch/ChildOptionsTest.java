package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The {@code java} a child runs and the engine's own flags on its command line. */
class ChildOptionsTest {
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @Test
    void childrenRunTheBinaryThisJvmRuns() {
        String running = ProcessHandle.current().info().command().orElse(null);
        assumeThat(running).as("the OS tells the running binary").isNotNull();
        assertThat(ChildProcess.javaBinary()).isEqualTo(running);
    }

    @Test
    void childrenRunWorkerMainNamedWithoutLoadingIt() {
        // the command line names the main class by a constant, so the parent need not load the child's code
        assertThat(ChildProcess.WORKER_MAIN).isEqualTo(WorkerMain.class.getName());
        List<String> cmd = ChildProcess.command(List.of(), true, List.of());
        assertThat(cmd.get(cmd.size() - 1)).endsWith(WorkerMain.class.getName());
    }

    @Test
    void hugePagesAreAskedForExactlyWhenTheKernelGivesThemOnRequest() throws Exception {
        boolean madvise = Files.isReadable(THP) && Files.readString(THP).contains("[madvise]");
        assertThat(ChildProcess.defaultOptions(List.of(), true).contains("-XX:+UseTransparentHugePages"))
                .isEqualTo(madvise);
    }

    @Test
    void theUsersOwnPageSettingsWin() {
        for (String mine : List.of("-XX:-UseTransparentHugePages", "-XX:+UseLargePages", "-XX:LargePageSizeInBytes=2m")) {
            assertThat(ChildProcess.defaultOptions(List.of(mine), true)).doesNotContain("-XX:+UseTransparentHugePages");
        }
        assertThat(ChildProcess.defaultOptions(List.of("-XX:+UseParallelGC"), true)).doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void theUsersOwnSharingOptionsReplaceTheEnginesOwn() {
        assertThat(ChildProcess.defaultOptions(List.of(), true)).contains("-Xshare:auto");
        for (String mine : List.of("-Xshare:off", "-XX:SharedArchiveFile=/tmp/a.jsa", "-XX:AOTCache=/tmp/a.aot",
                "-XX:AOTMode=record", "-XX:ArchiveClassesAtExit=/tmp/b.jsa", "-XX:+AutoCreateSharedArchive")) {
            assertThat(ChildProcess.defaultOptions(List.of(mine), true)).as(mine).doesNotContain("-Xshare:auto");
            assertThat(WorkerArchive.key("/tmp/x.jar", List.of(mine))).as(mine).isNull();
        }
    }

    @Test
    void aPoolWhoseWorkersRecordAnAotConfigurationRuns(@TempDir Path dir) {
        // JDK 24+ refuses -XX:AOTConfiguration together with any -Xshare option: the engine must not add one
        assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(24);
        List<String> options = List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + dir.resolve("w.aotconf"));
        try (Pool pool = Pool.builder().processes(1).jvmOptions(options).build()) {
            int x = 41;
            assertThat(pool.apply(() -> x + 1)).isEqualTo(42);
        }
    }

    @Test
    void theDefaultFlagsMakeTheJvmPrintNothingOfItsOwn() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildProcess.javaBinary());
        cmd.addAll(ChildProcess.defaultOptions(List.of(), true));
        cmd.add("-version");   // prints the version on stderr, and any warning about the flags with it
        assertThat(stderr(cmd)).isEqualTo(stderr(List.of(ChildProcess.javaBinary(), "-version")));
    }

    private static List<String> stderr(List<String> cmd) throws Exception {
        java.lang.Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return err.lines().toList();
    }
}
