package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Python's BaseManager.register(typeid, callable): your own types, served through interface proxies. */
class ManagerRegisterTest {
    /** A type of the user's: an interface, and a class implementing it. */
    public interface Counter {
        int increment();

        int get();

        void fail(String message);

        void failChecked() throws IOException;

        void failUnserializable();

        void failUndeclared();

        Object unsendable();

        default int incrementTwice() {
            increment();
            return increment();
        }
    }

    /** An exception that cannot be serialized (a field that is not Serializable). */
    static final class UnsendableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"unused", "serial"})
        private final Object notSerializable = new Object();

        UnsendableException(String message) {
            super(message);
        }
    }

    public static final class CounterImpl implements Counter {
        private int n;

        public CounterImpl() {
        }

        public CounterImpl(int start) {
            n = start;
        }

        public CounterImpl(String bad) throws IOException {
            throw new IOException("no counter from " + bad);
        }

        @Override
        public synchronized int increment() {
            return ++n;
        }

        @Override
        public synchronized int get() {
            return n;
        }

        @Override
        public void fail(String message) {
            throw new IllegalArgumentException(message);
        }

        @Override
        public void failChecked() throws IOException {
            throw new IOException("checked");
        }

        @Override
        public void failUnserializable() {
            throw new UnsendableException("cannot travel");
        }

        @Override
        public void failUndeclared() {
            sneaky(new Exception("undeclared"));
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneaky(Throwable t) throws T {
            throw (T) t;
        }

        @Override
        public Object unsendable() {
            return new Object();
        }

        @Override
        public synchronized String toString() {
            return "Counter(" + n + ")";
        }
    }

    /** Not an interface: cannot be registered. */
    public static class NotAnInterface {
    }

    static final BlockingQueue<String> SHARED = new LinkedBlockingQueue<>();
    static final Map<String, Integer> TABLE = new ConcurrentHashMap<>();
    static Manager m;

    @BeforeAll
    static void start() {
        m = Manager.builder()
                .register("Counter", Counter.class, CounterImpl.class)
                .register("TenTimes", Counter.class, args -> new CounterImpl((Integer) args[0] * 10))
                .register("ByName", Counter.class, CounterImpl.class.getName())
                .register("get_queue", BlockingQueue.class, () -> SHARED)
                .register("get_table", Map.class, () -> TABLE)
                .register("nothing", Counter.class, () -> null)
                .register("broken", Counter.class, () -> {
                    throw new IllegalStateException("factory broke");
                })
                .start();
    }

    @AfterAll
    static void stop() {
        m.shutdown();
    }

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void aRegisteredClassIsMadeWithTheConstructorTakingTheArguments() {
        // Python: MyManager.register('Counter', Counter); c = m.Counter(5); c.increment()
        Counter c = m.create("Counter", Counter.class, 5);
        assertThat(c.increment()).isEqualTo(6);
        assertThat(c.get()).isEqualTo(6);
        Counter zero = m.create("Counter", Counter.class);
        assertThat(zero.increment()).isEqualTo(1);
        assertThat(c.get()).isEqualTo(6);
        assertThat(m.create("ByName", Counter.class, 2).increment()).isEqualTo(3);
    }

    @Test
    void aRegisteredFunctionGetsTheArguments() {
        // Python: register('TenTimes', callable=lambda n: Counter(n * 10)); m.TenTimes(4)
        Counter c = m.create("TenTimes", Counter.class, 4);
        assertThat(c.get()).isEqualTo(40);
    }

    @Test
    void aFactoryReturningTheSameObjectGivesProxiesOfThatObject() {
        // Python: register('get_queue', callable=lambda: queue): every m.get_queue() reaches the one queue
        BlockingQueue<String> a = m.create("get_queue", BlockingQueue.class);
        BlockingQueue<String> b = m.create("get_queue", BlockingQueue.class);
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.offer("x")).isTrue();
        assertThat(SHARED).containsExactly("x");
        assertThat(b.poll()).isEqualTo("x");
        Map<String, Integer> t = m.create("get_table", Map.class);
        t.put("k", 1);
        assertThatThrownBy(() -> t.merge("k", 5, (x, y) -> x + y)).as("a lambda that is not serializable")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be serialized");
        assertThat(t.merge("k", 5, (java.util.function.BiFunction<Integer, Integer, Integer> & Serializable) Integer::sum))
                .as("runs in the manager").isEqualTo(6);
        assertThat(TABLE).containsEntry("k", 6);
    }

    @Test
    void everyCallIsARoundTripIncludingDefaultMethodsAndToString() {
        // Python: AutoProxy calls every exposed method in the manager; str(proxy) asks the object
        Counter c = m.create("Counter", Counter.class, 0);
        assertThat(c.incrementTwice()).isEqualTo(2);
        assertThat(c.toString()).isEqualTo("Counter(2)");
        assertThat(c).isNotEqualTo(m.create("Counter", Counter.class, 0));
        assertThat(c).isInstanceOf(Serializable.class);
    }

    @Test
    void anExceptionThrownInTheManagerArrivesAsItsOwnClass() {
        // Python: an exception raised by the referent is re-raised by the proxy (convert_to_error)
        Counter c = m.create("Counter", Counter.class);
        assertThatThrownBy(() -> c.fail("boom")).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("boom")
                .satisfies(e -> assertThat(e.getSuppressed()).anyMatch(s -> s instanceof CallerStackTrace))
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(CounterImpl.class.getName()));
        assertThatThrownBy(c::failChecked).isExactlyInstanceOf(IOException.class).hasMessage("checked");
        assertThatThrownBy(c::failUnserializable).isInstanceOf(RemoteException.class)
                .hasMessageContaining(UnsendableException.class.getName()).hasMessageContaining("cannot travel");
        assertThatThrownBy(c::failUndeclared).isInstanceOf(UndeclaredThrowableException.class)
                .hasCauseExactlyInstanceOf(Exception.class).hasRootCauseMessage("undeclared");
        assertThatThrownBy(c::unsendable).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be sent back");
        assertThat(c.increment()).isEqualTo(1);
    }

    @Test
    void unknownTypeIdsWrongInterfacesAndBadArgumentsAreClearErrors() {
        // Python: m.unknown raises AttributeError; a bad call of the callable raises TypeError in the manager
        assertThatThrownBy(() -> m.create("Nope", Counter.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Nope'").hasMessageContaining("Counter");
        assertThatThrownBy(() -> m.create("Counter", Runnable.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a java.lang.Runnable");
        assertThatThrownBy(() -> m.create("Counter", CounterImpl.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a class");
        assertThatThrownBy(() -> m.create("Counter", Counter.class, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no public constructor");
        assertThatThrownBy(() -> m.create("Counter", Counter.class, "x")).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("no counter from x");
        assertThatThrownBy(() -> m.create("nothing", Counter.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned null");
        assertThatThrownBy(() -> m.create("broken", Counter.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("factory broke");
        assertThatThrownBy(() -> m.create("get_queue", BlockingQueue.class, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes no arguments");
        try (Manager plain = Manager.start()) {
            assertThatThrownBy(() -> plain.create("Counter", Counter.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it has none");
        }
    }

    @Test
    void registeringSomethingThatIsNotAnInterfaceOrDoesNotImplementItIsRefused() {
        // Python: register checks nothing; here the interface and the class are checked at once
        Manager.Builder b = Manager.builder();
        assertThatThrownBy(() -> b.register("x", NotAnInterface.class, NotAnInterface::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interface");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Counter> wrong = (Class) NotAnInterface.class;
        assertThatThrownBy(() -> b.register("x", Counter.class, (Class<? extends Counter>) (Class) wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> b.register("x", Counter.class, "no.such.Class")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load");
        assertThatThrownBy(() -> b.register("", Counter.class, CounterImpl.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.register("x", Counter.class, (Class<CounterImpl>) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aProxyOfARegisteredTypeWorksInAChildProcess() {
        // Python: a proxy passed to a Process calls the manager's object from there
        Counter c = m.create("Counter", Counter.class, 100);
        Process p = new Process(() -> {
            c.increment();
            c.increment();
        });
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(c.get()).isEqualTo(102);
    }

    @Test
    void anInterruptedBlockingCallIsCancelledInTheManager() throws Exception {
        // Python: KeyboardInterrupt during a proxy call; here the waiting take() is cancelled and consumes nothing
        BlockingQueue<String> q = m.create("get_queue", BlockingQueue.class);
        SHARED.clear();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                q.take();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        Waits.until("the take() reaches the manager", ManagerRegisterTest::busy);
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(flag.get()).as("InterruptedException clears the flag").isFalse();
        q.put("after");
        assertThat(SHARED).containsExactly("after");
        SHARED.clear();
    }

    @Test
    void aCallWaitingInAManagerThatShutsDownFailsClearly() throws Exception {
        // Python: a proxy call whose manager shuts down raises instead of waiting forever
        BlockingQueue<String> own = new LinkedBlockingQueue<>();
        Manager other = Manager.builder().register("q", BlockingQueue.class, () -> own).start();
        BlockingQueue<String> q = other.create("q", BlockingQueue.class);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                q.take();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Waits.until("take() waits in the manager", ManagerRegisterTest::busy);
        other.shutdown();
        t.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
        assertThatThrownBy(q::size).isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
        assertThat(own).isEmpty();
    }

    /** Whether a broker handler thread is waiting inside the queue's take(), called for a proxy. */
    private static boolean busy() {
        return Thread.getAllStackTraces().values().stream().anyMatch(st -> List.of(st).stream()
                .anyMatch(f -> f.getClassName().endsWith(".ServedInstance")) && st.length > 0
                && List.of(st).stream().anyMatch(f -> f.getMethodName().equals("take")
                        && f.getClassName().equals(LinkedBlockingQueue.class.getName())));
    }

    /** A blocking method whose interface does not declare InterruptedException. */
    public interface Gate {
        void pass();
    }

    @Test
    void anInterruptedCallOfAMethodWithoutInterruptedExceptionThrowsThreadInterruptedException() throws Exception {
        // Python: an interrupted wait raises; Java: ThreadInterruptedException with the flag set (API rule)
        dev.pyconcurrent.threading.Event never = new dev.pyconcurrent.threading.Event();
        try (Manager own = Manager.builder().register("gate", Gate.class, () -> () -> never.await()).start()) {
            Gate g = own.create("gate", Gate.class);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    g.pass();
                } catch (Throwable e) {
                    thrown.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            Waits.until("pass() waits in the manager", () -> Thread.getAllStackTraces().values().stream()
                    .anyMatch(st -> List.of(st).stream().anyMatch(f -> f.getMethodName().equals("await")
                            && f.getClassName().equals(dev.pyconcurrent.threading.Event.class.getName()))));
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(ThreadInterruptedException.class);
            assertThat(flag.get()).isTrue();
            assertThat(never.isSet()).isFalse();
        }
    }
}
