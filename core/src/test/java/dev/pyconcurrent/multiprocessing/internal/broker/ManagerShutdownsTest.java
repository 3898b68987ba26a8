package dev.pyconcurrent.multiprocessing.internal.broker;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A proxy whose server is gone says why, as Python's proxies raise once their manager is gone. */
class ManagerShutdownsTest {

    @Test
    void aProxyWhoseSocketIsGoneSaysTheManagerIsShutDownOrItsProcessExited() throws Exception {
        // Python: a proxy of a manager that no longer runs raises (a connection error) instead of waiting
        Path dir = Files.createTempDirectory("no-server-");
        try {
            RemoteRef ref = new RemoteRef(dir.resolve("s").toString(), 1);
            assertThatThrownBy(() -> ref.call(Op.GET))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the server of this object is gone: its Manager has been shut down,"
                            + " or the process that owns it has exited")
                    .cause().hasMessageContaining("cannot reach the process that owns this object");
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        // Python: an error raised by the served object itself reaches the caller as it is
        IllegalStateException own = new IllegalStateException("release unlocked lock");
        assertThat(ManagerShutdowns.explain(Broker.local().socketPath(), own)).isSameAs(own);
    }
}
