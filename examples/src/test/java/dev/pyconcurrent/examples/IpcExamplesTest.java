package dev.pyconcurrent.examples;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IpcExamplesTest {
    @AfterEach
    void noChildLeft() {
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    private static List<String> output(Runnable body) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(out);
        }
        return o.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void p4PingPongPrintsOneToFiftyAlternating() {
        // Python P4: two processes pass a counter through queues and print it up to 50
        List<String> lines = output(() -> QueuePingPong.main(new String[0]));
        // each child's lines arrive in its own order; lines of the two children are forwarded as
        // they reach the parent, so "pong 44" may overtake "ping 43" by a line
        assertThat(lines).hasSize(50);
        assertThat(lines.stream().filter(l -> l.startsWith("ping ")).toList())
                .isEqualTo(IntStream.rangeClosed(1, 50).filter(i -> i % 2 == 1)
                        .mapToObj(i -> "ping " + i).toList());
        assertThat(lines.stream().filter(l -> l.startsWith("pong ")).toList())
                .isEqualTo(IntStream.rangeClosed(1, 50).filter(i -> i % 2 == 0)
                        .mapToObj(i -> "pong " + i).toList());
    }

    @Test
    void p5TheParentGetsTheChildsList() {
        // Python P5: q.get() in the parent returns [42, None, 'hello'] put by the child
        assertThat(QueueFromChild.run()).isEqualTo(Arrays.asList(42, null, "hello"));
    }

    @Test
    void p6TheParentReceivesTheListSentThroughThePipe() {
        // Python P6: parent_conn.recv() returns the list the child sent
        assertThat(PipeFromChild.run()).isEqualTo(Arrays.asList(42, null, "hello"));
    }

    @Test
    void p7TenProcessesFillTheManagersDictAndList() {
        // Python P7: the manager's dict has i -> i*i for ten processes and its list their ten numbers
        ManagerDictList.Result r = ManagerDictList.run();
        assertThat(r.dict()).hasSize(10);
        r.dict().forEach((k, v) -> assertThat(v).isEqualTo(k * k));
        assertThat(r.list()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void p8EachProcessPrintsItsBlockOfLinesWithoutInterleaving() {
        // Python P8: with lock: print(...) keeps each process's lines together
        List<String> lines = output(() -> LockedPrinting.main(new String[0]));
        assertThat(lines).hasSize(10 * LockedPrinting.LINES);
        for (int b = 0; b < 10; b++) {
            String who = lines.get(b * LockedPrinting.LINES).replaceAll(" line .*", "");
            for (int k = 0; k < LockedPrinting.LINES; k++) {
                assertThat(lines.get(b * LockedPrinting.LINES + k)).isEqualTo(who + " line " + k);
            }
        }
    }

    @Test
    void p11ResultsFromProcessesArriveThroughOneQueue() {
        // Python P11: every worker's result is collected from the queue
        assertThat(ResultsThroughQueue.run(4)).containsExactly(1, 4, 9, 16);
    }
}
