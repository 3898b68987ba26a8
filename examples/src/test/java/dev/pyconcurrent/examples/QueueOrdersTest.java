package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyconcurrent.examples.QueueOrders.Job;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class QueueOrdersTest {

    @Test
    void fifoLifoAndPriorityOrdersOfTheSamePuts() {
        // Python: Queue is FIFO, LifoQueue is LIFO, PriorityQueue gets (priority, data) tuples lowest first
        Map<String, List<Job>> orders = QueueOrders.run(new Output().stream());

        List<Job> jobs = QueueOrders.JOBS;
        assertThat(orders.get("Queue")).containsExactlyElementsOf(jobs);
        assertThat(orders.get("LifoQueue")).containsExactly(jobs.get(4), jobs.get(3), jobs.get(2), jobs.get(1), jobs.get(0));
        assertThat(orders.get("PriorityQueue")).containsExactly(
                new Job(1, "drink coffee"), new Job(1, "read mail"), new Job(2, "review"),
                new Job(2, "write code"), new Job(3, "go home"));
    }
}
