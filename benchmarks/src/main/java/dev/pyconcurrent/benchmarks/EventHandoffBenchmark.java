package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.threading.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hand-off latency between two threads: a ping-pong where each side wakes the other,
 * with {@link Event} ({@code set} → {@code await}, then {@code clear} for the next round)
 * against the baseline of a fresh {@link CountDownLatch} pair per round. The score is the
 * average time of one call in the group; one round trip is two hand-offs.
 *
 * <p>It cannot hang at the end of an iteration: every wait is bounded (100 ms) and gives
 * up when JMH ends the measurement ({@link Control#stopMeasurement}); an unfinished round
 * is resumed by the next call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EventHandoffBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventHandoffBenchmark {
    private static final Duration SLICE = Duration.ofMillis(100);

    /** Two events: ping (initiator → responder) and pong (back). */
    @State(Scope.Group)
    public static class Events {
        final Event ping = new Event();
        final Event pong = new Event();
        boolean pinged;   // initiator only: ping sent, pong not yet seen
    }

    /** One round of the latch ping-pong; the initiator links the next round before pinging. */
    static final class Round {
        final CountDownLatch ping = new CountDownLatch(1);
        final CountDownLatch pong = new CountDownLatch(1);
        volatile Round next;
    }

    /** Each side walks the chain of rounds with its own cursor. */
    @State(Scope.Group)
    public static class Latches {
        Round initiator = new Round();   // initiator's cursor
        Round responder = initiator;     // responder's cursor
        boolean pinged;                  // initiator only
    }

    @Benchmark
    @Group("event")
    @GroupThreads(1)
    public boolean eventInitiator(Events s, Control control) {
        if (!s.pinged) {
            s.ping.set();
            s.pinged = true;
        }
        while (!s.pong.await(SLICE)) {
            if (control.stopMeasurement) {
                return false;
            }
        }
        s.pong.clear();
        s.pinged = false;
        return true;
    }

    @Benchmark
    @Group("event")
    @GroupThreads(1)
    public boolean eventResponder(Events s, Control control) {
        while (!s.ping.await(SLICE)) {
            if (control.stopMeasurement) {
                return false;
            }
        }
        s.ping.clear();
        s.pong.set();
        return true;
    }

    @Benchmark
    @Group("baselineLatch")
    @GroupThreads(1)
    public boolean latchInitiator(Latches s, Control control) throws InterruptedException {
        Round r = s.initiator;
        if (!s.pinged) {
            r.next = new Round();
            r.ping.countDown();
            s.pinged = true;
        }
        while (!r.pong.await(SLICE.toNanos(), TimeUnit.NANOSECONDS)) {
            if (control.stopMeasurement) {
                return false;
            }
        }
        s.initiator = r.next;
        s.pinged = false;
        return true;
    }

    @Benchmark
    @Group("baselineLatch")
    @GroupThreads(1)
    public boolean latchResponder(Latches s, Control control) throws InterruptedException {
        Round r = s.responder;
        while (!r.ping.await(SLICE.toNanos(), TimeUnit.NANOSECONDS)) {
            if (control.stopMeasurement) {
                return false;
            }
        }
        s.responder = r.next;
        r.pong.countDown();
        return true;
    }
}
