package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The class-data-sharing archives of child JVMs: keys, the bounded cache, one dump per key. */
class WorkerArchiveTest {

    private static Path jar(Path dir, String name) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("empty.txt"));
            out.closeEntry();
        }
        return jar;
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKeyFollowsThePathSpellingTheJarAndTheOptions(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, "app.jar");
        String key = WorkerArchive.key(jar.toString(), List.of());
        assertThat(key).isNotNull();
        assertThat(WorkerArchive.key(jar.toString(), List.of())).isEqualTo(key);
        // the JVM refuses an archive made under another spelling of the same path: another key
        assertThat(WorkerArchive.key(dir.resolve(".").resolve("app.jar").toString(), List.of())).isNotEqualTo(key);
        assertThat(WorkerArchive.key(jar.toString(), List.of("-Xmx64m"))).isNotEqualTo(key);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000));
        assertThat(WorkerArchive.key(jar.toString(), List.of())).as("a rebuilt jar").isNotEqualTo(key);
    }

    @Test
    void noKeyWhereSharingCannotApply(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, "app.jar");
        assertThat(WorkerArchive.key("", List.of())).isNull();
        assertThat(WorkerArchive.key(dir.toString(), List.of())).as("a directory").isNull();
        assertThat(WorkerArchive.key(jar + java.io.File.pathSeparator + dir, List.of())).isNull();
        assertThat(WorkerArchive.key(dir.resolve("missing.jar").toString(), List.of())).isNull();
        assertThat(WorkerArchive.key(jar.toString(), List.of("-Xshare:off"))).isNull();
        assertThat(WorkerArchive.key(jar.toString(), List.of("-XX:SharedArchiveFile=/x.jsa"))).isNull();
    }

    @Test
    void trimKeepsTheMostRecentlyUsedArchivesAndRemovesWhatKilledDumpsLeft(@TempDir Path dir) throws IOException {
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 6; i++) {
            Path a = Files.write(dir.resolve("worker-" + i + ".jsa"), new byte[] {1});
            Files.setLastModifiedTime(a, FileTime.fromMillis(now - (7 - i) * 60_000L));   // worker-6 newest
        }
        Path staleLock = Files.createFile(dir.resolve("worker-old.lock"));
        Files.setLastModifiedTime(staleLock, FileTime.fromMillis(now - WorkerArchive.STALE_MILLIS - 60_000));
        Path staleTmp = Files.createFile(dir.resolve("worker-old.jsa.tmp"));
        Files.setLastModifiedTime(staleTmp, FileTime.fromMillis(now - WorkerArchive.STALE_MILLIS - 60_000));
        Files.createFile(dir.resolve("worker-busy.lock"));
        Files.createFile(dir.resolve("notes.txt"));

        WorkerArchive.trim(dir);

        assertThat(names(dir)).containsExactly("notes.txt", "worker-4.jsa", "worker-5.jsa", "worker-6.jsa",
                "worker-busy.lock");
        assertThat(WorkerArchive.KEEP - 1).isEqualTo(3);
    }

    @Test
    void aKeyBeingMadeByAnotherJvmIsLeftToIt(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, "app.jar");
        Path cache = Files.createDirectory(dir.resolve("cds"));
        String key = WorkerArchive.key(jar.toString(), List.of());
        Files.createFile(cache.resolve("worker-" + key + ".lock"));

        List<String> opts = new WorkerArchive(cache, false).optionsFor(jar.toString(), List.of());

        assertThat(opts).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
        assertThat(opts).contains("-Xlog:cds=off");
        assertThat(names(cache)).containsExactly("worker-" + key + ".lock");   // no second dump started
    }

    @Test
    void aJvmDecidesOncePerKeyAndALaterOneMapsTheArchive(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, "app.jar");
        Path cache = dir.resolve("cds");
        String key = WorkerArchive.key(jar.toString(), List.of());
        WorkerArchive first = new WorkerArchive(cache, false);

        List<String> before = first.optionsFor(jar.toString(), List.of());
        assertThat(before).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
        Waits.until("the dump finished and cleaned up", () -> names(cache).equals(List.of("worker-" + key + ".jsa")),
                Duration.ofSeconds(60));

        // children spawned ahead and launched later must get the same command line
        assertThat(first.optionsFor(jar.toString(), List.of())).isEqualTo(before);
        assertThat(new WorkerArchive(cache, false).optionsFor(jar.toString(), List.of()))
                .contains("-XX:SharedArchiveFile=" + cache.resolve("worker-" + key + ".jsa"), "-Xlog:cds=off");
    }

    @Test
    void theDumpListAddsTheProgramsClassesOfTasksOnceAndNothingElse() throws IOException {
        String self = WorkerArchiveTest.class.getName().replace('.', '/');
        String listedLibraryClass = "dev/pyconcurrent/multiprocessing/internal/launch/WorkerMain";
        List<String> plain = WorkerArchive.classList(List.of());
        List<String> lines = WorkerArchive.classList(List.of(self, self, "java/lang/String", "no/such/Task", listedLibraryClass));
        assertThat(plain).contains(listedLibraryClass).doesNotContain(self);
        assertThat(lines).containsSequence(plain);
        assertThat(lines.subList(plain.size(), lines.size())).as("added").containsExactly(self);
    }

    @Test
    void everyLibraryClassTheListNamesExists() throws IOException, ClassNotFoundException {
        String list;
        try (InputStream in = WorkerArchive.class.getResourceAsStream("worker.classlist")) {
            assertThat(in).isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> ours = list.lines().filter(l -> l.startsWith("dev/pyconcurrent/")).toList();
        assertThat(ours).contains("dev/pyconcurrent/multiprocessing/internal/launch/WorkerMain");
        for (String name : ours) {
            Class.forName(name.replace('/', '.'), false, WorkerArchive.class.getClassLoader());
        }
        // @lambda-proxy CALLER NAME TYPE ERASED KIND IMPL_CLASS IMPL_METHOD IMPL_TYPE INSTANTIATED
        List<String[]> lambdas = list.lines().filter(l -> l.startsWith("@lambda-proxy dev/pyconcurrent/"))
                .map(l -> l.split(" ")).toList();
        // a worker's start links no lambda of the library's today (each cost it 2-4 ms): any listed must still exist
        for (String[] l : lambdas) {
            if (l[7].equals("<init>")) {
                continue;   // a constructor reference: its class was checked above
            }
            Class<?> impl = Class.forName(l[6].replace('/', '.'), false, WorkerArchive.class.getClassLoader());
            assertThat(java.util.Arrays.stream(impl.getDeclaredMethods()).map(java.lang.reflect.Method::getName))
                    .as("the lambda %s of %s is gone: make the list again with "
                            + "dev.pyconcurrent.benchmarks.WorkerClassList", l[7], l[6])
                    .contains(l[7]);
        }
    }
}
