package dev.pyconcurrent.threading;

import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadingTest {

    /** Opened at the end of each test so no test thread outlives its test. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void restore() {
        release.countDown();
        Threading.setExcepthook(Threading.defaultExcepthook());
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }

    private static void assumeOnJvmMainThread() {
        java.lang.Thread me = java.lang.Thread.currentThread();
        assumeTrue(me.getName().equals("main") && me.getThreadGroup().getName().equals("main"),
                "tests run on the JVM's main thread (Surefire)");
    }

    @Test
    void mainThreadIsTheJvmMainThread() {
        // Python: main_thread() is named "MainThread" and is current_thread() in the main program
        assumeOnJvmMainThread();
        Thread main = Threading.mainThread();
        assertThat(main.getName()).isEqualTo("MainThread");
        assertThat(Threading.currentThread()).isSameAs(main);
        assertThat(main.isAlive()).isTrue();
        assertThat(main.isDaemon()).isFalse();
        assertThat(main.getIdent()).isEqualTo(java.lang.Thread.currentThread().getId());
        assertThat(main.getNativeId()).isNotNull();
        assertThat(main).hasToString("<_MainThread(MainThread, started " + main.getIdent() + ")>");
        assertThat(Threading.enumerate().get(0)).isSameAs(main);
    }

    @Test
    void mainThreadIsAlreadyStarted() {
        // Python: main_thread().start() -> "threads can only be started once"; join from itself is an error
        assumeOnJvmMainThread();
        Thread main = Threading.mainThread();
        assertThatThrownBy(main::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("threads can only be started once");
        assertThatThrownBy(main::join).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot join current thread");
        assertThatThrownBy(() -> main.setDaemon(true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot set daemon status of active thread");
    }

    @Test
    void joiningTheRunningMainThreadTimesOut() throws Exception {
        // Python: main_thread().join(timeout) from another thread waits and returns while main runs
        assumeOnJvmMainThread();
        CompletableFuture<Boolean> joined = new CompletableFuture<>();
        Thread t = new Thread(() -> joined.complete(Threading.mainThread().join(0.05)));
        t.start();
        assertThat(joined.get(20, TimeUnit.SECONDS)).isFalse();
        t.join();
    }

    @Test
    void foreignThreadGetsOneDummy() throws Exception {
        // Python: current_thread() in a thread not started by threading is a _DummyThread "Dummy-N"
        CompletableFuture<List<Object>> seen = new CompletableFuture<>();
        java.lang.Thread foreign = new java.lang.Thread(() -> {
            Thread a = Threading.currentThread();
            Thread b = Threading.currentThread();
            List<Object> facts = new ArrayList<>();
            facts.add(a);
            facts.add(b);
            facts.add(a.isAlive());
            facts.add(Threading.enumerate().contains(a));
            facts.add(Threading.getIdent());
            Throwable joinError = null;
            try {
                a.join();
            } catch (Throwable e) {
                joinError = e;
            }
            facts.add(joinError);
            seen.complete(facts);
            awaitRelease();
        });
        foreign.setDaemon(true);
        foreign.start();
        List<Object> facts = seen.get(20, TimeUnit.SECONDS);
        Thread dummy = (Thread) facts.get(0);
        assertThat(facts.get(1)).isSameAs(dummy);
        assertThat(dummy.getName()).matches("Dummy-\\d+");
        assertThat(facts.get(2)).isEqualTo(true);
        assertThat(facts.get(3)).isEqualTo(true);
        assertThat(dummy.getIdent()).isEqualTo(foreign.getId()).isEqualTo(facts.get(4));
        assertThat((Throwable) facts.get(5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot join a dummy thread");
        assertThat(dummy.isDaemon()).isTrue();
        assertThat(dummy).hasToString("<_DummyThread(" + dummy.getName() + ", started daemon " + foreign.getId() + ")>");
        assertThatThrownBy(dummy::start).isInstanceOf(IllegalStateException.class);

        release.countDown();
        foreign.join(20_000);
        assertThat(foreign.isAlive()).isFalse();
        assertThat(dummy.isAlive()).isFalse();
        assertThat(Threading.enumerate()).doesNotContain(dummy);
    }

    @Test
    void dummyReportsTheJavaDaemonFlag() throws Exception {
        // Python: _DummyThread.daemon (here: the java thread's real daemon flag, which decides JVM exit)
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        java.lang.Thread foreign = new java.lang.Thread(() -> flag.complete(Threading.currentThread().isDaemon()));
        foreign.setDaemon(false);
        foreign.start();
        assertThat(flag.get(20, TimeUnit.SECONDS)).isFalse();
        foreign.join(20_000);
    }

    @Test
    void deadDummiesDoNotAccumulate() throws Exception {
        // Python: dummies of finished foreign threads leave threading._active
        int before = Threading.registrySize();
        List<Thread> dummies = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 300; i++) {
            java.lang.Thread foreign = new java.lang.Thread(() -> dummies.add(Threading.currentThread()));
            foreign.start();
            foreign.join(20_000);
        }
        assertThat(dummies).hasSize(300);
        // swept in bulk while they were being made, without any enumerate() call
        assertThat(Threading.registrySize()).isLessThan(before + 300);
        assertThat(Threading.enumerate()).doesNotContainAnyElementsOf(dummies);
        assertThat(Threading.registrySize()).isLessThanOrEqualTo(before);
    }

    @Test
    void enumerateAndActiveCountSeeSixRunningThreads() {
        // Python: with six threads running, active_count() is 7 and enumerate() lists main and the six (SCENARIOS T1)
        Set<Thread> baseline = new HashSet<>(Threading.enumerate());
        List<Thread> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(this::awaitRelease, "square-" + i);
            six.add(t);
            t.start();
        }
        List<Thread> now = Threading.enumerate();
        assertThat(now).containsAll(six).contains(Threading.mainThread());
        Set<Thread> added = new HashSet<>(now);
        added.removeAll(baseline);
        assertThat(added).containsExactlyInAnyOrderElementsOf(six);
        Waits.until("activeCount() == baseline still alive + 6", () ->
                Threading.activeCount() == baseline.stream().filter(Thread::isAlive).count() + 6);
        assertThat(Threading.activeCount()).isGreaterThanOrEqualTo(7);

        release.countDown();
        for (Thread t : six) {
            t.join();
        }
        assertThat(Threading.enumerate()).doesNotContainAnyElementsOf(six);
    }

    @Test
    void activeCountIsEnumerateSize() {
        // Python: active_count() == len(enumerate())
        Thread t = new Thread(this::awaitRelease);
        t.start();
        Waits.until("activeCount() == enumerate().size()",
                () -> Threading.activeCount() == Threading.enumerate().size());
    }

    @Test
    void finishedThreadsLeaveEnumerate() {
        // Python: a thread leaves enumerate() when it ends
        Thread t = new Thread(this::awaitRelease);
        t.start();
        assertThat(Threading.enumerate()).contains(t);
        release.countDown();
        t.join();
        assertThat(Threading.enumerate()).doesNotContain(t);
    }

    @Test
    void getIdentAndNativeIdDescribeTheCaller() throws Exception {
        // Python: get_ident() / get_native_id() equal current_thread().ident / .native_id
        assertThat(Threading.getIdent()).isEqualTo(java.lang.Thread.currentThread().getId());
        CompletableFuture<long[]> ids = new CompletableFuture<>();
        Thread t = new Thread(() -> ids.complete(new long[] {Threading.getIdent(), Threading.getNativeId()}));
        t.start();
        t.join();
        long[] inside = ids.get(20, TimeUnit.SECONDS);
        assertThat(inside[0]).isEqualTo(t.getIdent());
        assertThat(inside[1]).isEqualTo(t.getNativeId());
    }

    @Test
    void getNativeIdInAForeignThreadMakesNoDummy() throws Exception {
        // Python: get_native_id() does not register the calling thread (only current_thread() does)
        CompletableFuture<Boolean> registered = new CompletableFuture<>();
        CompletableFuture<Long> nativeId = new CompletableFuture<>();
        java.lang.Thread foreign = new java.lang.Thread(() -> {
            nativeId.complete(Threading.getNativeId());
            long me = java.lang.Thread.currentThread().getId();
            registered.complete(Threading.enumerate().stream().anyMatch(t -> t.getIdent() == me));
        });
        foreign.start();
        assertThat(registered.get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(nativeId.get()).isNotNull();
        foreign.join(20_000);
    }

    @Test
    void mainNativeIdIsTheKernelTid() throws Exception {
        // Python: get_native_id() in the main thread is its OS thread id
        assumeOnJvmMainThread();
        Path self = Path.of("/proc/thread-self");
        assumeTrue(Files.exists(self), "Linux /proc/thread-self");
        String link = Files.readSymbolicLink(self).toString();
        long tid = Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        assertThat(Threading.getNativeId()).isEqualTo(tid);
        assertThat(Threading.mainThread().getNativeId()).isEqualTo(tid);
    }

    @Test
    void excepthookAccessors() {
        // Python: threading.excepthook can be replaced; threading.__excepthook__ keeps the original
        Consumer<ExceptHookArgs> original = Threading.defaultExcepthook();
        assertThat(Threading.getExcepthook()).isSameAs(original);
        Consumer<ExceptHookArgs> mine = args -> { };
        Threading.setExcepthook(mine);
        assertThat(Threading.getExcepthook()).isSameAs(mine);
        assertThatThrownBy(() -> Threading.setExcepthook(null)).isInstanceOf(NullPointerException.class);
        assertThat(Threading.getExcepthook()).isSameAs(mine);
        Threading.setExcepthook(original);
        assertThat(Threading.getExcepthook()).isSameAs(original);
    }
}
