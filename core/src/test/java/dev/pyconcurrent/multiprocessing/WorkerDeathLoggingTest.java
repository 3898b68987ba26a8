package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Worker deaths reach the log (slf4j; here the test-scope slf4j-simple, which writes to the
 * current {@code System.err}): an unexpected death at WARN with pid and exit code, a requested
 * exit not at WARN.
 */
class WorkerDeathLoggingTest {

    @AfterEach
    void noChildren() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void aWorkerThatDiesIsLoggedAtWarnWithItsPidAndExitCode() {
        // Python's pool replaces a dead worker silently (and may hang); here the death is logged at WARN with pid and exit code
        try (Pool pool = new Pool(1)) {
            long pid = pool.apply(() -> ProcessHandle.current().pid());
            String[] captured = ChildJvms.capture(() -> assertThatThrownBy(() -> pool.apply(() -> {
                Runtime.getRuntime().halt(7);
                return 0;
            })).isInstanceOf(ProcessDiedException.class));
            List<String> warnings = ChildJvms.lines(captured[1]).stream().filter(l -> l.contains("WARN")).toList();
            assertThat(warnings).anySatisfy(l -> assertThat(l)
                    .contains("pid " + pid).contains("exit code 7").contains("while running a task"));
        }
    }

    @Test
    void workersStoppedByCloseAreNotLoggedAsDeaths() {
        // Python: close() and join() end the workers normally; nothing is reported as a failure
        String[] captured = ChildJvms.capture(() -> {
            Pool pool = new Pool(2);
            assertThat(pool.map(i -> i * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
            pool.close();
            pool.join();
            Pool killed = new Pool(1);
            assertThat(killed.apply(() -> 1)).isEqualTo(1);
            killed.terminate();
            killed.join();
        });
        assertThat(ChildJvms.lines(captured[1])).noneMatch(l -> l.contains("WARN"));
    }
}
