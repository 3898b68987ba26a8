package dev.pyconcurrent.threading;

import dev.pyconcurrent.function.SerializableRunnable;
import org.junit.jupiter.api.Test;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadTargetNameTest {

    /** A named target class. */
    static final class Downloader implements Runnable {
        @Override
        public void run() {
        }
    }

    static final class Saver implements Consumer<String> {
        @Override
        public void accept(String s) {
        }
    }

    void fetch() {
    }

    static void store(String a, Integer b) {
    }

    @Test
    void anObjectOfANamedClassGivesItsSimpleName() {
        // Python: Thread(target=f).name == "Thread-N (f)": the target's __name__ (here: its class's name)
        assertThat(new Thread(new Downloader()).getName()).matches("Thread-\\d+ \\(Downloader\\)");
        assertThat(new Thread(new Saver(), "x").getName()).matches("Thread-\\d+ \\(Saver\\)");
        class Local implements Runnable {
            @Override
            public void run() {
            }
        }
        assertThat(new Thread(new Local()).getName()).matches("Thread-\\d+ \\(Local\\)");
    }

    @Test
    void serializableMethodReferencesGiveTheMethodsName() {
        // Python: Thread(target=self.fetch).name == "Thread-N (fetch)"
        SerializableRunnable ref = this::fetch;
        assertThat(new Thread(ref).getName()).matches("Thread-\\d+ \\(fetch\\)");
        assertThat(new Thread(ref).getName()).as("cached per class").matches("Thread-\\d+ \\(fetch\\)");
    }

    @Test
    void plainLambdasAndMethodReferencesGiveLambda() {
        // Python: Thread(target=lambda: ...).name == "Thread-N (<lambda>)"; a plain Java method reference is
        // indistinguishable from a lambda, so it is named <lambda> too
        Runnable lambda = () -> { };
        Runnable ref = this::fetch;
        BiConsumer<String, Integer> two = ThreadTargetNameTest::store;
        assertThat(new Thread(lambda).getName()).matches("Thread-\\d+ \\(<lambda>\\)");
        assertThat(new Thread(ref).getName()).matches("Thread-\\d+ \\(<lambda>\\)");
        assertThat(new Thread(two, "a", 1).getName()).matches("Thread-\\d+ \\(<lambda>\\)");
    }

    @Test
    void anonymousClassesSubclassesAndNoTargetHaveNoSuffix() {
        // Python: a target without __name__ adds nothing; subclasses without a target are plain "Thread-N"
        Runnable anonymous = new Runnable() {
            @Override
            public void run() {
            }
        };
        assertThat(new Thread(anonymous).getName()).matches("Thread-\\d+");
        assertThat(new Thread().getName()).matches("Thread-\\d+");
        assertThat(new Thread((Runnable) null).getName()).matches("Thread-\\d+");
        assertThat(new Thread(new Downloader(), "given").getName()).isEqualTo("given");
    }
}
