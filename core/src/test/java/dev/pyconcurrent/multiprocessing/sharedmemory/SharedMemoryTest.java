package dev.pyconcurrent.multiprocessing.sharedmemory;

import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedMemoryTest {
    private final List<SharedMemory> made = new ArrayList<>();

    static String freshName() {
        return "pyc_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private SharedMemory keep(SharedMemory shm) {
        made.add(shm);
        return shm;
    }

    @AfterEach
    void unlinkWhatWasMade() {
        for (SharedMemory shm : made) {
            try {
                shm.unlink();
            } catch (UncheckedIOException alreadyGone) {
                // the test unlinked it
            }
        }
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    @Test
    void createWithoutANameMakesAPsmBlockInDevShmOfTheGivenSize() throws Exception {
        // Python: SharedMemory(create=True, size=100) gets a 'psm_' name, lives in /dev/shm, mode 0600
        SharedMemory shm = keep(SharedMemory.create(100));
        assertThat(shm.getName()).matches("psm_[0-9a-f]{8}");
        assertThat(shm.getSize()).isEqualTo(100);
        Path file = Path.of("/dev/shm", shm.getName());
        assertThat(file).exists();
        assertThat(Files.size(file)).isEqualTo(100);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(shm.getBuf().capacity()).isEqualTo(100);
        assertThat(shm.getBuf().get(99)).isZero();
    }

    @Test
    void aBlockAttachedByNameSeesTheSameBytes() {
        // Python: SharedMemory(name) opens the block another SharedMemory created; writes are shared
        String name = freshName();
        SharedMemory a = keep(SharedMemory.create(name, 64));
        SharedMemory b = SharedMemory.attach(name);
        assertThat(b.getName()).isEqualTo(name);
        assertThat(b.getSize()).isEqualTo(64);
        a.getBuf().put(3, (byte) 42);
        b.getBuf().putLong(8, 123456789L);
        assertThat(b.getBuf().get(3)).isEqualTo((byte) 42);
        assertThat(a.getBuf().getLong(8)).isEqualTo(123456789L);
        b.close();
    }

    @Test
    void theConstructorMirrorsPythonsArguments() {
        // Python: SharedMemory(name, create=True, size=n), then SharedMemory(name, False, 0) attaches at the block's size
        String name = freshName();
        SharedMemory a = keep(new SharedMemory(name, true, 10));
        SharedMemory b = new SharedMemory(name, false, 0);
        assertThat(b.getSize()).isEqualTo(10);
        SharedMemory c = new SharedMemory(null, true, 5);
        keep(c);
        assertThat(c.getName()).startsWith("psm_");
        assertThat(a.toString()).isEqualTo("SharedMemory('" + name + "', size=10)");
    }

    @Test
    void eachBufIsAFreshNativeOrderViewOfTheWholeBlock() {
        // Python: shm.buf is a memoryview of all the bytes; struct's native order is the platform's
        SharedMemory shm = keep(SharedMemory.create(16));
        ByteBuffer one = shm.getBuf();
        one.position(8);
        ByteBuffer two = shm.getBuf();
        assertThat(two.position()).isZero();
        assertThat(two.limit()).isEqualTo(16);
        assertThat(two.order()).isEqualTo(ByteOrder.nativeOrder());
    }

    @Test
    void creatingANameThatExistsIsAFileExistsError() {
        // Python: SharedMemory(existing, create=True) raises FileExistsError
        String name = freshName();
        keep(SharedMemory.create(name, 8));
        assertThatThrownBy(() -> SharedMemory.create(name, 8))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("already exists").hasMessageContaining(name);
    }

    @Test
    void attachingANameThatDoesNotExistIsAFileNotFoundError() {
        // Python: SharedMemory('missing') raises FileNotFoundError
        String name = freshName();
        assertThatThrownBy(() -> SharedMemory.attach(name))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(name);
    }

    @Test
    void aSizeOfZeroOrLessAndAMissingNameAreValueErrors() {
        // Python: size=0 with create, a negative size, or name=None without create raise ValueError
        assertThatThrownBy(() -> SharedMemory.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size' must be a positive number different from zero");
        assertThatThrownBy(() -> SharedMemory.create(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size' must be a positive integer");
        assertThatThrownBy(() -> new SharedMemory("x", false, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedMemory(null, false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'name' can only be null if create=true");
    }

    @Test
    void aNameWithASlashInsideIsRefusedAndALeadingSlashIsIgnored() {
        // Python (glibc shm_open): '/name' is 'name'; 'a/b' is EINVAL
        assertThatThrownBy(() -> SharedMemory.create("a/b", 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> SharedMemory.create("", 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedMemory.attach("..")).isInstanceOf(IllegalArgumentException.class);
        String name = freshName();
        SharedMemory shm = keep(SharedMemory.create("/" + name, 8));
        assertThat(shm.getName()).isEqualTo(name);
        SharedMemory.attach(name).close();
    }

    @Test
    void unlinkRemovesTheNameButNotTheMemoryAlreadyMapped() {
        // Python: after unlink() the name cannot be attached; existing views keep working; a second unlink is FileNotFoundError
        String name = freshName();
        SharedMemory shm = SharedMemory.create(name, 8);
        SharedMemory other = SharedMemory.attach(name);
        shm.unlink();
        assertThat(Path.of("/dev/shm", name)).doesNotExist();
        other.getBuf().put(0, (byte) 7);
        assertThat(shm.getBuf().get(0)).isEqualTo((byte) 7);
        assertThatThrownBy(() -> SharedMemory.attach(name)).hasCauseInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(shm::unlink).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void closeEndsThisViewOnlyAndIsIdempotent() {
        // Python: close() releases this instance's view; the block stays for the others
        String name = freshName();
        SharedMemory shm = keep(SharedMemory.create(name, 8));
        ByteBuffer before = shm.getBuf();
        shm.close();
        shm.close();
        assertThatThrownBy(shm::getBuf).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        before.put(0, (byte) 1);
        assertThat(SharedMemory.attach(name).getBuf().get(0)).isEqualTo((byte) 1);
        assertThat(shm.getName()).isEqualTo(name);
        assertThat(shm.getSize()).isEqualTo(8);
    }

    @Test
    void aSerializedBlockAttachesByNameWhereItIsRead() throws Exception {
        // Python: pickling a SharedMemory sends (name, False, size); unpickling attaches
        SharedMemory shm = keep(SharedMemory.create(8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(shm);
        }
        SharedMemory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SharedMemory) in.readObject();
        }
        copy.getBuf().put(5, (byte) 9);
        assertThat(shm.getBuf().get(5)).isEqualTo((byte) 9);
        assertThat(copy.toString()).isEqualTo(shm.toString());
    }

    @Test
    void aChildProcessWritesIntoABlockItWasSent() {
        // Python: a SharedMemory passed to Process(args=(shm,)) is the same memory in the child
        SharedMemory shm = keep(SharedMemory.create(32));
        Process p = new Process((SharedMemory s) -> {
            byte[] hello = "hello from the child".getBytes(StandardCharsets.US_ASCII);
            s.getBuf().put(0, hello);
            s.close();
        }, shm);
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        byte[] got = new byte[20];
        shm.getBuf().get(0, got);
        assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("hello from the child");
        assertThat(Path.of("/dev/shm", shm.getName())).exists();
    }

    @Test
    void aCreatedBlockIsUnlinkedWhenItsJvmExitsUnlessTrackIsFalse() throws Exception {
        // Python: the resource tracker unlinks blocks a process created and leaked; track=False keeps them
        String tracked = freshName();
        String untracked = freshName();
        java.lang.Process jvm = new ProcessBuilder(javaBinary(), "-cp", classPath(), CreateAndExitMain.class.getName(),
                tracked, untracked).redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(out).isZero();
        assertThat(out).contains("CREATED");
        assertThat(Path.of("/dev/shm", tracked)).doesNotExist();
        assertThat(Path.of("/dev/shm", untracked)).exists();
        SharedMemory kept = SharedMemory.attach(untracked);
        assertThat(kept.getBuf().get(0)).isEqualTo((byte) 77);
        kept.unlink();
    }

    static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** A plain directory class path: main classes, test classes and the slf4j jars. */
    static String classPath() {
        return String.join(File.pathSeparator, location(SharedMemory.class), location(SharedMemoryTest.class),
                location(org.slf4j.Logger.class), location(org.slf4j.simple.SimpleLogger.class));
    }

    static String location(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
