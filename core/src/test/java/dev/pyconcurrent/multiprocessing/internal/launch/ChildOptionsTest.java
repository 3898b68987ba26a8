package dev.pyconcurrent.multiprocessing.internal.launch;

import org.junit.jupiter.api.Test;

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
