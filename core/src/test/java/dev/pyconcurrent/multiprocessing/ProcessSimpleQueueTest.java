package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.queue.EmptyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** multiprocessing.SimpleQueue: put, get, empty, close, across processes. */
class ProcessSimpleQueueTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void putGetAndEmptyInOneProcess() {
        // Python: q = SimpleQueue(); q.empty() is True; q.put(1); q.get() == 1, in FIFO order
        SimpleQueue<String> q = new SimpleQueue<>();
        assertThat(q.empty()).isTrue();
        q.put("a");
        q.put("b");
        assertThat(q.empty()).isFalse();
        assertThat(q.get()).isEqualTo("a");
        assertThat(q.get(1.0)).isEqualTo("b");
        assertThat(q.empty()).isTrue();
        assertThatThrownBy(() -> q.get(Duration.ofMillis(20))).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.get(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChildPutsAndTheParentGets() {
        // Python: a SimpleQueue passed to a child carries its puts back to the parent
        SimpleQueue<ArrayList<Integer>> q = new SimpleQueue<>();
        Process p = new Process((SimpleQueue<ArrayList<Integer>> queue) -> {
            for (int i = 0; i < 3; i++) {
                queue.put(new ArrayList<>(List.of(i, i * i)));
            }
        }, q);
        p.start();
        assertThat(q.get(60)).containsExactly(0, 0);
        assertThat(q.get(60)).containsExactly(1, 1);
        assertThat(q.get(60)).containsExactly(2, 4);
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).isZero();
    }

    @Test
    void closeEndsThisHandleOnly() {
        // Python: after close(), get/put/empty must not be used (OSError); other processes' handles still work
        SimpleQueue<String> q = new SimpleQueue<>();
        q.put("left");
        q.close();
        q.close();
        assertThatThrownBy(() -> q.put("x")).isInstanceOf(IllegalStateException.class)
                .hasMessage("SimpleQueue is closed");
        assertThatThrownBy(q::get).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(q::empty).isInstanceOf(IllegalStateException.class);
        Process p = new Process((SimpleQueue<String> queue) -> System.exit(queue.get().equals("left") ? 5 : 6), q);
        p.start();
        assertThat(p.join(60)).isTrue();
        assertThat(p.getExitcode()).as("the child's handle is open").isEqualTo(5);
    }

    @Test
    void anItemThatCannotBeSerializedFailsInPut() {
        // Python: put() of an unpicklable object fails in the caller
        SimpleQueue<java.io.Serializable> q = new SimpleQueue<>();
        ArrayList<Object> bad = new ArrayList<>(List.of(new Object()));
        assertThatThrownBy(() -> q.put(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(q.empty()).isTrue();
    }
}
