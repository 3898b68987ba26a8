package dev.pyconcurrent.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedStateExamplesTest {
    @AfterEach
    void noChildLeft() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)) {
            assertThat(System.nanoTime() - deadline).as("no child JVM left").isNegative();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aCharValueAndACharArrayChangedByAChildAreSeenByTheParent() {
        // Python: Value('c', b'H') and Array('c', b'hello world') set by a child print b'J' b'bye' b'bye\x00o world'
        assertThat(CharValueAndArray.run()).isEqualTo("b'J' b'bye' b'bye\\x00o world'");
    }

    @Test
    void aBlockAndAListMadeInJavaAreReadAndChangedByCPython() throws Exception {
        // Python: SharedMemory(name) and ShareableList(name=...) in CPython open what Java made, and writes come back
        List<String> lines = SharedMemoryWithCPython.run();
        assertThat(lines.get(0)).matches("java made SharedMemory\\('psm_[0-9a-f]{8}', size=64\\) and "
                + "ShareableList\\(\\[21, 2.5, 'ping', None\\], name='psm_[0-9a-f]{8}'\\)");
        if (lines.get(1).startsWith("python3 is not installed")) {
            assertThat(lines).hasSize(2);
            return;
        }
        assertThat(lines.get(1)).isEqualTo("python read from java  [21, 2.5, 'ping', None]");
        assertThat(lines.get(2)).matches("java read from py ShareableList\\(\\[42, 2.5, 'pong', None\\], name='psm_[0-9a-f]{8}'\\)");
    }
}
