package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableConsumer;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueWriter;
import dev.pyconcurrent.multiprocessing.internal.launch.ProcessLauncher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Queue and pipe handles and process objects travel as their parts (no Java serialization, which a
 * young child JVM pays tens of milliseconds to set up), and work on the other side as before.
 */
class PortableHandlesTest {

    private static byte[] encode(Object v) {
        return ValueWriter.get().encode(v, true).bytes();
    }

    @SuppressWarnings("unchecked")
    private static <T> T decode(byte[] b) {
        return (T) ValueReader.standalone().decode(b);
    }

    /** Whether the bytes hold a Java serialization stream (its header 0xACED0005). */
    private static boolean javaSerializationIn(byte[] b) {
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == (byte) 0xAC && b[i + 1] == (byte) 0xED && b[i + 2] == 0 && b[i + 3] == 5) {
                return true;
            }
        }
        return false;
    }

    @Test
    void queueHandlesTravelAsTheirPartsAndReachTheSameQueue() {
        Queue<Integer> q = new Queue<>();
        JoinableQueue<String> jq = new JoinableQueue<>();
        SimpleQueue<Integer> sq = new SimpleQueue<>();
        try {
            byte[] qb = encode(q);
            byte[] jqb = encode(jq);
            byte[] sqb = encode(sq);
            assertThat(javaSerializationIn(qb) || javaSerializationIn(jqb) || javaSerializationIn(sqb)).isFalse();

            Queue<Integer> q2 = decode(qb);
            JoinableQueue<String> jq2 = decode(jqb);
            SimpleQueue<Integer> sq2 = decode(sqb);
            assertThat(q2).isExactlyInstanceOf(Queue.class).isNotSameAs(q);
            assertThat(jq2).isExactlyInstanceOf(JoinableQueue.class);

            q2.put(41);
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo(41);
            jq2.put("job");
            assertThat(jq.get(Duration.ofSeconds(10))).isEqualTo("job");
            jq2.taskDone();   // the copy's accounting is the queue's: join() now returns
            assertThat(jq.join(10)).isTrue();
            sq2.put(7);
            assertThat(sq.get()).isEqualTo(7);
        } finally {
            q.close();
            jq.close();
            sq.close();
        }
    }

    @Test
    void aBoundedQueuesCopyStillWaitsWhenFull() {
        Queue<Integer> q = new Queue<>(1);
        try {
            Queue<Integer> copy = decode(encode(q));
            copy.put(1);
            Throwable full = catchThrowable(() -> copy.put(2, Duration.ofMillis(50)));
            assertThat(full).isInstanceOf(dev.pyconcurrent.queue.FullException.class);
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo(1);
        } finally {
            q.close();
        }
    }

    @Test
    void pipeEndsTravelAsTheirParts() {
        ConnectionPair ends = Multiprocessing.pipe();
        try {
            byte[] b = encode(ends.second());
            assertThat(javaSerializationIn(b)).isFalse();
            Connection copy = decode(b);
            copy.send("over the copy");
            assertThat(ends.first().recv()).isEqualTo("over the copy");
        } finally {
            ends.first().close();
            ends.second().close();
        }
    }

    @Test
    void aProcessObjectTravelsAsItsPartsWithItsTargetAndQueue() {
        Queue<Integer> results = new Queue<>();
        try {
            int arg = 41;
            Process p = new Process(() -> results.put(arg + 1));
            p.setName("worker-7");
            p.setDaemon(true);
            byte[] b = ProcessLauncher.encode(p);
            assertThat(javaSerializationIn(b)).isFalse();

            Process copy = decode(b);
            assertThat(copy).isNotSameAs(p);
            assertThat(copy.getName()).isEqualTo("worker-7");
            assertThat(copy.isDaemon()).isTrue();
            copy.run();   // what the child does with it
            assertThat(results.get(Duration.ofSeconds(10))).isEqualTo(42);
        } finally {
            results.close();
        }
    }

    @Test
    void aProcessWithArgumentsKeepsThem() {
        Queue<String> results = new Queue<>();
        try {
            Process p = new Process((SerializableConsumer<ArrayList<String>>) words -> results.put(String.join("+", words)),
                    new ArrayList<>(List.of("a", "b")));
            Process copy = decode(ProcessLauncher.encode(p));
            copy.run();
            assertThat(results.get(Duration.ofSeconds(10))).isEqualTo("a+b");
        } finally {
            results.close();
        }
    }

    /** A user's subclass: it declares no parts of its own, so it keeps Java serialization and its fields. */
    static final class Counting extends Process {
        private static final long serialVersionUID = 1L;
        final int start;

        Counting(int start) {
            this.start = start;
        }

        @Override
        public void run() {
            // not run here
        }
    }

    @Test
    void aSubclassOfProcessTravelsByJavaSerializationWithItsFields() {
        Counting c = new Counting(5);
        byte[] b = ProcessLauncher.encode(c);
        assertThat(javaSerializationIn(b)).isTrue();
        Process copy = decode(b);
        assertThat(copy).isExactlyInstanceOf(Counting.class);
        assertThat(((Counting) copy).start).isEqualTo(5);
        assertThat(copy.getName()).isEqualTo(c.getName());
    }

    @Test
    void aUsersObjectAmongTheArgumentsKeepsJavaSerializationForItself() {
        Process p = new Process((SerializableConsumer<Date>) d -> System.out.println(d), new Date(0));
        byte[] b = ProcessLauncher.encode(p);
        assertThat(javaSerializationIn(b)).isTrue();
        Process copy = decode(b);
        assertThat(copy.getName()).isEqualTo(p.getName());
    }

    @Test
    void damagedPortableMessagesEndInAClearException() {
        // random changes and cuts of these messages never hang, never run anything: an IllegalStateException
        Queue<Integer> q = new Queue<>();
        ConnectionPair ends = Multiprocessing.pipe();
        try {
            List<byte[]> samples = List.of(encode(q), encode(ends.first()),
                    ProcessLauncher.encode(new Process(() -> q.put(1))),
                    ProcessLauncher.encode(new Process((SerializableRunnable) () -> System.exit(3))));
            Random r = new Random(5);
            int failures = 0;
            for (int round = 0; round < 5_000; round++) {
                byte[] base = samples.get(r.nextInt(samples.size()));
                byte[] m = round % 2 == 0 ? Arrays.copyOf(base, r.nextInt(base.length)) : base.clone();
                if (round % 2 == 1) {
                    m[r.nextInt(m.length)] = (byte) r.nextInt();
                }
                Throwable t = catchThrowable(() -> ValueReader.standalone().decode(m));
                if (t != null) {
                    failures++;
                    assertThat(t).isInstanceOf(IllegalStateException.class);
                }
            }
            assertThat(failures).isGreaterThan(2_000);
        } finally {
            q.close();
            ends.first().close();
            ends.second().close();
        }
    }
}
