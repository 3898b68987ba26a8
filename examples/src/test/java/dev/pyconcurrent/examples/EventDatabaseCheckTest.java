package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Map;

class EventDatabaseCheckTest {

    @Test
    void connectorsConnectOnceTheEventIsSet() {
        // Python: ready.wait(0.5) returns True once check_db() called ready.set()
        Map<String, String> outcome = EventDatabaseCheck.run(0.5, 0.2, new Output().stream());

        assertThat(outcome).containsEntry("connector-1", "connected").containsEntry("connector-2", "connected");
    }

    @Test
    void connectorsGiveUpAfterThreeTimedOutWaits() {
        // Python: ready.wait(0.5) returns False three times and the connector raises TimeoutError
        Output out = new Output();
        Map<String, String> outcome = EventDatabaseCheck.run(0.5, 3.0, out.stream());

        assertThat(outcome).containsEntry("connector-1", "connector-1: gave up")
                .containsEntry("connector-2", "connector-2: gave up");
        assertThat(out.lines()).contains("connector-1: database not ready (attempt 3)", "database is up");
    }
}
