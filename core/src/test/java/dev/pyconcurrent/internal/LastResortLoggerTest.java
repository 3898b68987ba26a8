package dev.pyconcurrent.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The logger of a program without an slf4j provider: Python's {@code logging.lastResort}. */
class LastResortLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LastResortLogger log = new LastResortLogger("dev.pyconcurrent.Example",
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsAndErrorsArePrintedWithTheWholeStack() {
        // Python: logging.lastResort prints WARNING and above, the message, then the traceback
        IllegalStateException boom = new IllegalStateException("boom", new ArithmeticException("cause"));

        log.error("exception calling callback for {}", "<Future finished>", boom);
        log.warn("worker {} died with exit code {}", "PoolWorker-1", 137);

        String nl = System.lineSeparator();
        assertThat(printed()).startsWith("ERROR dev.pyconcurrent.Example: exception calling callback for"
                + " <Future finished>" + nl + "java.lang.IllegalStateException: boom");
        assertThat(printed()).contains("\tat dev.pyconcurrent.internal.LastResortLoggerTest.warningsAndErrors",
                "Caused by: java.lang.ArithmeticException: cause",
                nl + "WARN dev.pyconcurrent.Example: worker PoolWorker-1 died with exit code 137" + nl);
    }

    @Test
    void debugAndInfoAreDropped() {
        // Python: below WARNING, an unconfigured logger prints nothing
        log.debug("{}: closed", "Pool-1");
        log.info("started {}", 2);
        log.trace("t");

        assertThat(printed()).isEmpty();
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isWarnEnabled()).isTrue();
    }
}
