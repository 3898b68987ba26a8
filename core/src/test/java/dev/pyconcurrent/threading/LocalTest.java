package dev.pyconcurrent.threading;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTest {

    @RepeatedTest(3)
    void eachThreadSeesItsOwnValue() {
        // Python: mydata = threading.local(); each thread's mydata.x is its own (test_threading_local)
        Local<String> data = new Local<>();
        data.set("main");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String mine = "t" + i;
            threads.add(new Thread(() -> {
                seen.add("before " + data.get());
                data.set(mine);
                Thread.sleep(1);
                seen.add("after " + data.get());
            }));
        }
        threads.forEach(Thread::start);
        threads.forEach(Thread::join);
        assertThat(seen).filteredOn(s -> s.startsWith("before")).containsOnly("before null");
        assertThat(seen).filteredOn(s -> s.startsWith("after"))
                .containsExactlyInAnyOrder("after t0", "after t1", "after t2", "after t3", "after t4");
        assertThat(data.get()).isEqualTo("main");
    }

    @Test
    void theInitialValueIsComputedOncePerThreadInThatThread() {
        // Python: a local subclass's __init__ runs once in each thread that uses the object
        AtomicInteger calls = new AtomicInteger();
        List<String> madeIn = new CopyOnWriteArrayList<>();
        Local<StringBuilder> buf = new Local<>(() -> {
            calls.incrementAndGet();
            madeIn.add(java.lang.Thread.currentThread().getName());
            return new StringBuilder();
        });
        assertThat(buf.isSet()).isFalse();
        buf.get().append("a");
        buf.get().append("b");
        assertThat(buf.get()).hasToString("ab");
        Thread t = new Thread(() -> buf.get().append("other"), "other-thread");
        t.start();
        t.join();
        assertThat(buf.get()).hasToString("ab");
        assertThat(calls).hasValue(2);
        assertThat(madeIn).contains("other-thread");
    }

    @Test
    void removeForgetsAndIsSetDoesNotCompute() {
        // Python: del mydata.x; hasattr(mydata, 'x') is then False, and looking does not create it
        AtomicInteger calls = new AtomicInteger();
        Local<Integer> n = new Local<>(calls::incrementAndGet);
        assertThat(n.isSet()).isFalse();
        assertThat(calls).hasValue(0);
        assertThat(n.get()).isEqualTo(1);
        assertThat(n.isSet()).isTrue();
        n.remove();
        assertThat(n.isSet()).isFalse();
        assertThat(n.get()).isEqualTo(2);
        n.set(null);
        assertThat(n.isSet()).isTrue();
        assertThat(n.get()).isNull();
        assertThatThrownBy(() -> new Local<>(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSubclassMayOverrideInitialValue() {
        // Python: class MyLocal(local): def __init__(self): self.count = 0
        Local<int[]> counter = new Local<>() {
            @Override
            protected int[] initialValue() {
                return new int[1];
            }
        };
        counter.get()[0]++;
        counter.get()[0]++;
        AtomicReference<Integer> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(counter.get()[0]));
        t.start();
        t.join();
        assertThat(counter.get()[0]).isEqualTo(2);
        assertThat(other.get()).isZero();
    }

    @Test
    void theValueOfAThreadThatEndedCanBeCollected() {
        // Python: a thread's local values are freed when the thread ends (test_local_refs / _threading_local)
        Local<Object> data = new Local<>();
        AtomicReference<WeakReference<Object>> ref = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Object big = new byte[1 << 20];
            ref.set(new WeakReference<>(big));
            data.set(big);
        });
        t.start();
        t.join();
        Waits.until("the ended thread's value to be collected", () -> {
            System.gc();
            return ref.get().get() == null;
        }, Duration.ofSeconds(30));
        assertThat(data.isSet()).isFalse();
    }
}
