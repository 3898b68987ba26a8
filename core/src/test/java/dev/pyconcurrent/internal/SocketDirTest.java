package dev.pyconcurrent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Socket directories: private, removed at close, and removed by a later JVM when their own JVM was killed. */
class SocketDirTest {

    @TempDir
    Path tmp;

    /** A JVM that makes a socket directory in its tmpdir, binds a socket in it, prints its path and waits. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            SocketDir dir = SocketDir.make();
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
            System.out.println(dir.path());
            System.out.flush();
            System.in.read();   // until the test kills this JVM or closes stdin
            dir.close();
        }
    }

    @Test
    void aDirectoryIsPrivateLockedAndRemovedAtClose() throws Exception {
        SocketDir dir = SocketDir.make();
        try {
            assertThat(dir.path().getFileName().toString()).startsWith("pyconcurrent-" + ProcessHandle.current().pid() + "-");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
            assertThat(dir.resolve(SocketDir.OWNER)).exists();
        } finally {
            dir.close();
        }
        assertThat(dir.path()).doesNotExist();
        dir.close();   // idempotent
    }

    @Test
    void theDirectoryOfAKilledJvmIsSweptAndALiveOnesIsNot() throws Exception {
        Process owner = startOwner();
        try {
            Path dir = Path.of(new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8)).readLine());
            assertThat(dir.getParent()).isEqualTo(tmp);
            assertThat(dir.resolve("s")).exists();

            assertThat(SocketDir.sweep(tmp, 0)).isZero();   // its JVM holds the lock
            assertThat(dir).exists();

            owner.destroyForcibly();   // SIGKILL: no shutdown hook runs
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve("s")).exists();

            assertThat(SocketDir.sweep(tmp, SocketDir.MIN_AGE_MILLIS)).as("too young to judge").isZero();
            assertThat(SocketDir.sweep(tmp, 0)).isEqualTo(1);
            assertThat(dir).doesNotExist();
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void anOwnerThatExitsNormallyRemovesItsDirectory() throws Exception {
        Process owner = startOwner();
        Path dir = Path.of(new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8)).readLine());
        assertThat(dir).exists();
        owner.getOutputStream().close();   // its System.in.read() returns; it closes the directory
        assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dir).doesNotExist();
    }

    @Test
    void earlierVersionsDirectoriesGoOnlyWhenTheirPidIsGoneAndTheyHoldOnlySockets() throws Exception {
        Process done = new ProcessBuilder("true").start();
        assertThat(done.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadPid = done.pid();
        Path dead = Files.createDirectory(tmp.resolve("pyconcurrent-" + deadPid + "-123"));
        bindAndLeave(dead.resolve("s"));
        Path deadWithData = Files.createDirectory(tmp.resolve("pyconcurrent-" + deadPid + "-456"));
        bindAndLeave(deadWithData.resolve("s"));
        Files.writeString(deadWithData.resolve("notes.txt"), "not a socket");

        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path live = Files.createDirectory(tmp.resolve("pyconcurrent-" + alive.pid() + "-789"));
            bindAndLeave(live.resolve("s"));

            assertThat(SocketDir.sweep(tmp, 0)).isEqualTo(1);
            assertThat(dead).doesNotExist();
            assertThat(deadWithData.resolve("notes.txt")).exists();
            assertThat(live.resolve("s")).exists();
        } finally {
            alive.destroyForcibly();
        }
    }

    private Process startOwner() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Owner.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Binds a Unix socket at {@code file} and closes it, leaving the socket file behind as a killed JVM would. */
    private static void bindAndLeave(Path file) throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(file));
        }
    }
}
