package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SixThreadsTest {

    @Test
    void sixThreadsRunTogetherAndEachPrintsItsSquare() {
        // Python: six started threads are all alive at once, each prints its square after sleep(1)
        Output out = new Output();
        // full scale: the six must still be sleeping when main counts them, even on a busy machine
        SixThreads.Result r = SixThreads.run(1.0, out.stream());

        for (int i = 0; i < 6; i++) {
            assertThat(out.lines()).contains("Worker-" + i + ": " + i + " squared is " + i * i);
        }
        assertThat(r.namesWhileRunning())
                .contains("Worker-0", "Worker-1", "Worker-2", "Worker-3", "Worker-4", "Worker-5");
        assertThat(r.activeWhileRunning()).isGreaterThanOrEqualTo(7);
        assertThat(r.seconds()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void asAProgramActiveCountIsSevenAndEnumerateListsMainAndTheSix() throws Exception {
        // Python: threading.active_count() == 7 and enumerate() == [MainThread, Worker-0..5] while they run
        ChildJvm.Run run = ChildJvm.run(SixThreads.class, 60, "1.0");

        assertThat(run.exited()).as(run.stdout()).isTrue();
        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.lines()).as(run.stdout()).contains("active threads: 7");
        String enumerate = run.lines().stream().filter(l -> l.startsWith("enumerate(): ")).findFirst().orElseThrow();
        assertThat(enumerate).contains("MainThread", "Worker-0", "Worker-1", "Worker-2", "Worker-3", "Worker-4", "Worker-5");
    }
}
