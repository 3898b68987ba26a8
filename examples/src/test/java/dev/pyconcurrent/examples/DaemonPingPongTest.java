package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonPingPongTest {

    @Test
    void programEndsWhenMainEndsThoughDaemonThreadsLoopForever() throws Exception {
        // Python: daemon=True threads do not keep the interpreter alive at exit
        ChildJvm.Run run = ChildJvm.run(DaemonPingPong.class, 60, "0.5");

        assertThat(run.exited()).as("the program must end: " + run.stdout()).isTrue();
        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.lines()).contains("Ping", "Pong", "main thread done: the daemon threads die with it");
    }
}
