package dev.pyconcurrent.threading;

import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Value;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Python's {@code acquire(timeout=-1)}, the default, waits without limit; other negative timeouts raise. */
class AcquireNoLimitTest {

    static Stream<Arguments> inThisProcess() {
        return Stream.of(
                Arguments.of("Lock", (Supplier<Acquirable>) Lock::new),
                Arguments.of("RLock", (Supplier<Acquirable>) RLock::new),
                Arguments.of("Semaphore(1)", (Supplier<Acquirable>) () -> new Semaphore(1)),
                Arguments.of("BoundedSemaphore(1)", (Supplier<Acquirable>) () -> new BoundedSemaphore(1)),
                Arguments.of("Condition()", (Supplier<Acquirable>) Condition::new),
                Arguments.of("Condition(Lock)", (Supplier<Acquirable>) () -> new Condition(new Lock())));
    }

    static Stream<Arguments> crossProcess() {
        return Stream.of(
                Arguments.of("Multiprocessing.lock()", (Supplier<Acquirable>) Multiprocessing::lock),
                Arguments.of("Multiprocessing.rlock()", (Supplier<Acquirable>) Multiprocessing::rlock),
                Arguments.of("Multiprocessing.semaphore(1)", (Supplier<Acquirable>) () -> Multiprocessing.semaphore(1)),
                Arguments.of("Multiprocessing.boundedSemaphore(1)", (Supplier<Acquirable>) () -> Multiprocessing.boundedSemaphore(1)),
                Arguments.of("Multiprocessing.condition()", (Supplier<Acquirable>) Multiprocessing::condition),
                Arguments.of("Value.getLock()", (Supplier<Acquirable>) () -> Value.ofLong(0).getLock()));
    }

    static Stream<Arguments> all() {
        return Stream.concat(inThisProcess(), crossProcess());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void minusOneAcquiresAndOtherNegativesAreRejected(String name, Supplier<Acquirable> make) {
        // Python: lock.acquire(timeout=-1) is lock.acquire(); acquire(timeout=-2) raises ValueError
        Acquirable a = make.get();
        assertThat(a.acquire(-1.0)).isTrue();
        a.release();
        for (double bad : new double[] {-2.0, -0.5, -1.5, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertThatThrownBy(() -> a.acquire(bad)).as("acquire(%s)", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must be a non-negative number of seconds or -1 (no limit), got " + bad);
        }
        assertThatThrownBy(() -> a.acquire(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be a non-negative number of seconds, got PT-1S");
        assertThat(a.acquire(false)).as("still free").isTrue();
        a.release();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inThisProcess")
    void minusOneWaitsWithoutLimitUntilReleased(String name, Supplier<Acquirable> make) throws InterruptedException {
        // Python: acquire(timeout=-1) on a held lock blocks (untimed) until another thread releases it
        Acquirable a = make.get();
        assertThat(a.acquire()).isTrue();
        AtomicReference<Object> got = new AtomicReference<>();
        java.lang.Thread waiter = new java.lang.Thread(() -> {
            try {
                got.set(a.acquire(-1.0));
                a.release();
            } catch (RuntimeException | Error e) {
                got.set(e);
            }
        }, "acquire-minus-one");
        waiter.start();
        // an untimed park, not a timed one and not an immediate false
        Waits.until("the waiter to park without a timeout", () -> waiter.getState() == java.lang.Thread.State.WAITING);
        assertThat(got.get()).isNull();
        a.release();
        waiter.join(Waits.DEFAULT.toMillis());
        assertThat(waiter.isAlive()).isFalse();
        assertThat(got.get()).isEqualTo(true);
    }
}
