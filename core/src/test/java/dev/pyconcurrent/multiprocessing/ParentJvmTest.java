package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link ParentMain} as a separate parent JVM: orphans, exit behaviour, class path shapes. */
class ParentJvmTest {

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    private static java.lang.Process parent(List<String> launch, String mode) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvms.javaBinary());
        cmd.addAll(launch);
        cmd.add(mode);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<String> directoryLaunch() {
        return List.of("-cp", ChildJvms.directoryClassPath(), ParentMain.class.getName());
    }

    private static String readLineStartingWith(BufferedReader r, String prefix) throws IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }

    @Test
    void childrenDieWithinFiveSecondsOfAParentKilledByKill9() throws Exception {
        // Python's daemonic children die with the parent; here no child (pool worker, daemon or not) outlives kill -9
        java.lang.Process parent = parent(directoryLaunch(), "orphan");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = readLineStartingWith(r, "PIDS ");
            long[] pids = Arrays.stream(line.substring(5).split(" ")).mapToLong(Long::parseLong).toArray();
            assertThat(pids).hasSize(3);
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid)).isPresent();
            }
            parent.destroyForcibly();   // SIGKILL: no shutdown hook runs
            assertThat(parent.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Waits.until("children of the killed parent exit", () -> Arrays.stream(pids)
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                    Duration.ofSeconds(5));
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void parentJvmWaitsForANonDaemonChild() throws Exception {
        // Python: the main process waits for non-daemonic children at exit
        java.lang.Process parent = parent(directoryLaunch(), "nondaemon");
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(parent.exitValue()).isZero();
        assertThat(out.lines()).containsExactly("main done", "child done");
    }

    @Test
    void daemonChildIsTerminatedAtParentExit() throws Exception {
        // Python: daemonic children are terminated when the main process exits
        java.lang.Process parent = parent(directoryLaunch(), "daemon");
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long pid = Long.parseLong(readLineStartingWith(new BufferedReader(new java.io.StringReader(out)), "PIDS ")
                .substring(5).trim());
        Waits.until("the daemon child exits", () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                Duration.ofSeconds(10));
    }

    @Test
    void poolWorksFromAShadedJar(@TempDir Path dir) throws Exception {
        // the library's workers start when the application runs as java -jar app.jar (one jar holding everything)
        Path jar = shadedJar(dir);
        java.lang.Process parent = parent(List.of("-jar", jar.toString()), "pool");
        String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines()).contains("RESULT 42");
        assertThat(parent.exitValue()).isZero();
    }

    private static Path shadedJar(Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ParentMain.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            List<String> seen = new ArrayList<>();
            for (String entry : ChildJvms.directoryClassPath().split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.walk(p)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            add(out, seen, p.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
                        }
                    }
                } else {
                    try (JarFile in = new JarFile(p.toFile())) {
                        for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
                            if (!e.isDirectory() && !e.getName().startsWith("META-INF/")) {
                                add(out, seen, e.getName(), in.getInputStream(e).readAllBytes());
                            }
                        }
                    }
                }
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, List<String> seen, String name, byte[] bytes) throws IOException {
        if (seen.contains(name)) {
            return;
        }
        seen.add(name);
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(bytes);
        out.closeEntry();
    }
}
