package dev.pyconcurrent.cluster;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** pyconcurrent-cluster as a named module: it uses only what core exports to it. */
class ModulePathTest {

    @Test
    void theClusterModuleRunsTasksOnTheModulePath() throws Exception {
        // Python has no module system; a Java user on the module path must get the same executor behaviour
        List<String> cp = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        // core's test jar (the test helpers) stays off the module path
        String modulePath = cp.stream()
                .filter(e -> !e.endsWith("-tests.jar"))
                .filter(e -> e.endsWith("cluster/target/classes") || e.contains("pyconcurrent-core")
                        || e.contains("core/target/classes") || e.contains("hazelcast") || e.contains("slf4j-api"))
                .collect(Collectors.joining(File.pathSeparator));
        String classPath = cp.stream().filter(e -> e.endsWith("cluster/target/test-classes") || e.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--module-path", modulePath, "--add-modules", "dev.pyconcurrent.cluster",
                "--add-opens", "java.base/java.lang=com.hazelcast.core",
                "--add-opens", "java.base/sun.nio.ch=com.hazelcast.core",
                "-Xmx256m", "-cp", classPath, "dev.pyconcurrent.modular.ModulePathMain",
                String.valueOf(43_000 + (int) (ProcessHandle.current().pid() % 1000) * 10)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("cluster module named: true dev.pyconcurrent.cluster")
                .contains("submit: 42").contains("map: 368").contains("failure: boom 7");
    }
}
