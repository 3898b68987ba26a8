package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.testing.Waits;

import java.time.Duration;
import java.util.List;

/** What the launch tests share: a pool worker's spec, and the check that no child JVM is left. */
final class LaunchTesting {
    private LaunchTesting() {
    }

    /** A daemon pool worker with no initializer, named {@code name}, with these JVM options. */
    static ChildProcess.Spec spec(String name, List<String> options) {
        return new ChildProcess.Spec(name, options, true, new byte[0], true, List.of(), null);
    }

    /** Waits (30 s at most) until every child JVM this test JVM started has ended. */
    static void awaitNoChildLeft() {
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }
}
