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

    @Test
    void childrenOfALaterRunMapTheClassDataArchiveAnEarlierRunMade(@TempDir Path dir) throws Exception {
        Path jar = shadedJar(dir);
        Path cache = dir.resolve("cds");
        List<String> launch = List.of("-Dpyconcurrent.cds=true", "-Dpyconcurrent.cdsDir=" + cache, "-jar", jar.toString());

        String first = runToEnd(launch, "sharing");   // no archive yet: it is made in the background
        assertThat(resultLine(first)).doesNotContain("SharedArchiveFile");
        Waits.until("one finished archive and nothing else in " + cache, () -> {
            try (Stream<Path> files = Files.list(cache)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                return names.size() == 1 && names.get(0).endsWith(".jsa");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Duration.ofSeconds(60));
        Path archive;
        try (Stream<Path> files = Files.list(cache)) {
            archive = files.findFirst().orElseThrow();
        }

        String second = runToEnd(launch, "sharing");
        assertThat(resultLine(second)).contains("-XX:SharedArchiveFile=" + archive).contains("sharing");
        assertThat(otherLines(second)).noneMatch(l -> l.contains("cds") || l.contains("warning") || l.contains("error"));

        // an archive the JVM refuses (here: garbage) is passed over in silence
        Files.write(archive, new byte[4096]);
        String third = runToEnd(launch, "sharing");
        assertThat(resultLine(third)).contains("-XX:SharedArchiveFile=").doesNotContain("sharing");
        assertThat(otherLines(third)).noneMatch(l -> l.contains("cds") || l.contains("warning") || l.contains("error"));
    }

    /** Runs the parent to its end; returns its stdout and stderr together. */
    private static String runToEnd(List<String> launch, String mode) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvms.javaBinary());
        cmd.addAll(launch);
        cmd.add(mode);
        java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The output lines but the result, in lower case. */
    private static List<String> otherLines(String out) {
        return out.lines().filter(l -> !l.startsWith("RESULT ")).map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static String resultLine(String out) {
        return out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new AssertionError(out));
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
