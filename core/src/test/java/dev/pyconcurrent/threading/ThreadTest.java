package dev.pyconcurrent.threading;

import dev.pyconcurrent.ThreadInterruptedException;
import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadTest {

    private static final Pattern AUTO_NAME = Pattern.compile("Thread-(\\d+)(?: \\((.*)\\))?");

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

    private static int number(String name) {
        Matcher m = AUTO_NAME.matcher(name);
        assertThat(m.matches()).as("auto name %s", name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static void download() {
    }

    @Test
    void defaultNamesCountUp() {
        // Python: unnamed threads are "Thread-N" with N from one global counter
        Thread a = new Thread();
        Thread b = new Thread();
        assertThat(a.getName()).matches("Thread-\\d+");
        assertThat(b.getName()).matches("Thread-\\d+");
        assertThat(number(b.getName())).isGreaterThan(number(a.getName()));
    }

    @Test
    void givenNameIsKeptAndEmptyNameMeansDefault() {
        // Python: Thread(name="worker").name == "worker"; a false-y name gets "Thread-N (target)"
        assertThat(new Thread(() -> { }, "worker").getName()).isEqualTo("worker");
        assertThat(new Thread(() -> { }, "worker", true).getName()).isEqualTo("worker");
        assertThat(new Thread("sub").getName()).isEqualTo("sub");
        assertThat(new Thread(() -> { }, "").getName()).matches("Thread-\\d+ \\(<lambda>\\)");
    }

    @Test
    void targetNameIsAppendedWhenKnown() {
        // Python: Thread(target=download).name == "Thread-N (download)", lambda gives "(<lambda>)"
        SerializableRunnable ref = ThreadTest::download;
        SerializableRunnable lambda = () -> { };
        Runnable plain = () -> { };
        assertThat(new Thread(ref).getName()).matches("Thread-\\d+ \\(download\\)");
        assertThat(new Thread(lambda).getName()).matches("Thread-\\d+ \\(<lambda>\\)");
        assertThat(new Thread(plain).getName()).matches("Thread-\\d+ \\(<lambda>\\)");
        assertThat(new Thread((Runnable) null).getName()).matches("Thread-\\d+");
    }

    @Test
    void threeConstructorShapesRunTheTarget() {
        // Python: Thread(target=f), Thread(target=f, args=(a,)), Thread(target=f, args=(a, b))
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread t0 = new Thread(() -> seen.add("none"));
        Thread t1 = new Thread((String s) -> seen.add("one " + s), "x");
        Thread t2 = new Thread((String s, Integer i) -> seen.add("two " + s + i), "y", 2);
        for (Thread t : List.of(t0, t1, t2)) {
            t.start();
            t.join();
        }
        assertThat(seen).containsExactly("none", "one x", "two y2");
    }

    @Test
    void subclassOverridesRun() {
        // Python: class DownloadThread(Thread): def run(self): ... (SCENARIOS T5)
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        class DownloadThread extends Thread {
            DownloadThread() {
                super("download-1");
            }

            @Override
            public void run() {
                ranIn.set(Threading.currentThread());
            }
        }
        DownloadThread t = new DownloadThread();
        t.start();
        t.join();
        assertThat(ranIn.get()).isSameAs(t);
        assertThat(t.getName()).isEqualTo("download-1");
        assertThat(new Thread() { }.getName()).matches("Thread-\\d+");
    }

    @Test
    void runCallsTargetOnceInTheCaller() {
        // Python: run() called directly runs the target in the caller, then drops it
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<java.lang.Thread> where = new AtomicReference<>();
        Thread t = new Thread(() -> {
            calls.incrementAndGet();
            where.set(java.lang.Thread.currentThread());
        });
        t.run();
        t.run();
        assertThat(calls).hasValue(1);
        assertThat(where.get()).isSameAs(java.lang.Thread.currentThread());
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void startTwiceIsAnError() {
        // Python: RuntimeError("threads can only be started once")
        Thread t = new Thread(() -> { });
        t.start();
        assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("threads can only be started once");
        t.join();
        assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("threads can only be started once");
    }

    @Test
    void joinBeforeStartIsAnError() {
        // Python: RuntimeError("cannot join thread before it is started")
        Thread t = new Thread(() -> { });
        assertThatThrownBy(t::join).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot join thread before it is started");
        assertThatThrownBy(() -> t.join(1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot join thread before it is started");
    }

    @Test
    void joinOnItselfIsAnError() {
        // Python: RuntimeError("cannot join current thread")
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread() {
            @Override
            public void run() {
                try {
                    join();
                } catch (Throwable e) {
                    error.set(e);
                }
            }
        };
        t.start();
        t.join();
        assertThat(error.get()).isInstanceOf(IllegalStateException.class).hasMessage("cannot join current thread");
    }

    @Test
    void badJoinTimeoutsAreRejected() {
        // API.md §1: a negative or NaN timeout is an IllegalArgumentException (Python clamps it)
        Thread t = new Thread(this::awaitRelease);
        t.start();
        assertThatThrownBy(() -> t.join(-1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.join(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.join(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void joinWithTimeoutOnLongThreadReturnsFalse() {
        // Python: join(timeout) returns after the timeout and is_alive() stays True (SCENARIOS T4)
        Thread t = new Thread(this::awaitRelease);
        t.start();
        assertThat(t.join(0.05)).isFalse();
        assertThat(t.join(Duration.ofMillis(10))).isFalse();
        assertThat(t.join(0.0)).isFalse();
        assertThat(t.isAlive()).isTrue();
        release.countDown();
        assertThat(t.join(Waits.DEFAULT)).isTrue();
        assertThat(t.isAlive()).isFalse();
        assertThat(t.join(0.0)).isTrue();
    }

    @Test
    void joinReturnsAfterTheThreadsWorkIsVisible() {
        // Python: join() blocks until the thread terminates; its writes are then visible
        int[] box = new int[1];
        Thread t = new Thread(() -> {
            awaitRelease();
            box[0] = 42;
        });
        t.start();
        release.countDown();
        t.join();
        assertThat(box[0]).isEqualTo(42);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void interruptedJoinThrowsAndKeepsFlag() {
        // API.md §1: an interrupted join -> ThreadInterruptedException, interrupt flag set again
        Thread t = new Thread(this::awaitRelease);
        t.start();
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(t::join).isInstanceOf(ThreadInterruptedException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> t.join(5.0)).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            java.lang.Thread.interrupted();
        }
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void interruptWhileBlockedInJoinWakesIt() throws Exception {
        // API.md §1: a join blocked in another thread is woken by interrupt()
        Thread target = new Thread(this::awaitRelease);
        target.start();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        java.lang.Thread joiner = new java.lang.Thread(() -> {
            try {
                target.join();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(java.lang.Thread.currentThread().isInterrupted()
                        ? e : new AssertionError("interrupt flag not set again", e));
            }
        });
        joiner.start();
        Waits.untilBlocked(joiner);
        joiner.interrupt();
        assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(ThreadInterruptedException.class);
        joiner.join(20_000);
    }

    @Test
    void isAliveFollowsTheLifecycle() {
        // Python: is_alive() is False before start, True while run() runs, False after
        Thread t = new Thread(this::awaitRelease);
        assertThat(t.isAlive()).isFalse();
        t.start();
        assertThat(t.isAlive()).isTrue();
        release.countDown();
        t.join();
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void setNameRenamesTheJavaThread() throws Exception {
        // Python: thread.name = "x" renames it; here the java thread is renamed too
        CountDownLatch renamed = new CountDownLatch(1);
        CompletableFuture<String> before = new CompletableFuture<>();
        CompletableFuture<String> after = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            before.complete(java.lang.Thread.currentThread().getName());
            try {
                renamed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
            after.complete(java.lang.Thread.currentThread().getName());
        }, "first");
        t.setName("second");
        assertThat(t.getName()).isEqualTo("second");
        t.start();
        assertThat(before.get(20, TimeUnit.SECONDS)).isEqualTo("second");
        t.setName("third");
        renamed.countDown();
        assertThat(after.get(20, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(t.getName()).isEqualTo("third");
        assertThatThrownBy(() -> t.setName(null)).isInstanceOf(NullPointerException.class);
        t.join();
    }

    @Test
    void daemonDefaultsToTheCreatorsFlag() throws Exception {
        // Python: daemon defaults to current_thread().daemon
        assertThat(new Thread().isDaemon()).isEqualTo(Threading.currentThread().isDaemon());
        CompletableFuture<Boolean> childOfDaemon = new CompletableFuture<>();
        CompletableFuture<Boolean> childOfNonDaemon = new CompletableFuture<>();
        Thread daemon = new Thread(() -> childOfDaemon.complete(new Thread().isDaemon()), "d", true);
        Thread nonDaemon = new Thread(() -> childOfNonDaemon.complete(new Thread().isDaemon()), "n", false);
        daemon.start();
        nonDaemon.start();
        assertThat(childOfDaemon.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(childOfNonDaemon.get(20, TimeUnit.SECONDS)).isFalse();
        daemon.join();
        nonDaemon.join();
    }

    @Test
    void daemonFlagReachesTheJavaThreadAndIsFrozenAtStart() throws Exception {
        // Python: daemon=True makes a daemon thread; setting it once started is a RuntimeError
        CompletableFuture<Boolean> javaDaemon = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            javaDaemon.complete(java.lang.Thread.currentThread().isDaemon());
            awaitRelease();
        });
        t.setDaemon(true);
        assertThat(t.isDaemon()).isTrue();
        t.setDaemon(false);
        t.setDaemon(true);
        t.start();
        assertThat(javaDaemon.get(20, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> t.setDaemon(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot set daemon status of active thread");
        release.countDown();
        t.join();
        assertThatThrownBy(() -> t.setDaemon(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot set daemon status of active thread");
        assertThat(t.isDaemon()).isTrue();
    }

    @Test
    void identsAreNullBeforeStartAndSetOnceStarted() throws Exception {
        // Python: ident and native_id are None before start(), then the thread's ids
        CompletableFuture<Long> javaId = new CompletableFuture<>();
        CompletableFuture<Long> nativeInside = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            javaId.complete(java.lang.Thread.currentThread().getId());
            nativeInside.complete(Threading.getNativeId());
            awaitRelease();
        });
        assertThat(t.getIdent()).isNull();
        assertThat(t.getNativeId()).isNull();
        t.start();
        assertThat(t.getIdent()).isNotNull();
        assertThat(t.getNativeId()).isNotNull();
        assertThat(t.getIdent()).isEqualTo(javaId.get(20, TimeUnit.SECONDS));
        assertThat(t.getNativeId()).isEqualTo(nativeInside.get(20, TimeUnit.SECONDS));
        release.countDown();
        t.join();
        assertThat(t.getIdent()).isEqualTo(javaId.get());
    }

    @Test
    void nativeIdIsTheKernelThreadIdOnLinux() throws Exception {
        // Python: native_id is the OS thread id (Linux: gettid())
        Path self = Path.of("/proc/thread-self");
        assumeTrue(Files.exists(self), "Linux /proc/thread-self");
        CompletableFuture<Long> tid = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                String link = Files.readSymbolicLink(self).toString();
                tid.complete(Long.parseLong(link.substring(link.lastIndexOf('/') + 1)));
            } catch (Exception e) {
                tid.completeExceptionally(e);
            }
        });
        t.start();
        t.join();
        assertThat(t.getNativeId()).isEqualTo(tid.get(20, TimeUnit.SECONDS));
        assertThat(t.getNativeId()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void reprLikePython() {
        // Python: repr(t) is <Thread(name, initial)>, <Thread(name, started daemon 1234)>, <Thread(name, stopped 1234)>
        Thread t = new Thread(this::awaitRelease, "w");
        assertThat(t).hasToString("<Thread(w, initial)>");
        t.setDaemon(true);
        assertThat(t).hasToString("<Thread(w, initial daemon)>");
        t.setDaemon(false);
        t.start();
        assertThat(t).hasToString("<Thread(w, started " + t.getIdent() + ")>");
        release.countDown();
        t.join();
        assertThat(t).hasToString("<Thread(w, stopped " + t.getIdent() + ")>");

        Thread d = new Thread(() -> { }, "dd", true);
        d.start();
        d.join();
        assertThat(d).hasToString("<Thread(dd, stopped daemon " + d.getIdent() + ")>");

        class Worker extends Thread {
            Worker() {
                super("wk");
            }
        }
        assertThat(new Worker()).hasToString("<Worker(wk, initial)>");
        assertThat(new Thread("anon") { }).hasToString("<Thread(anon, initial)>");
    }

    @Test
    void reprWhileRunningSaysStarted() {
        // Python: repr of a running daemon thread: <Thread(name, started daemon <ident>)>
        Thread t = new Thread(this::awaitRelease, "runner", true);
        t.start();
        assertThat(t.toString()).isEqualTo("<Thread(runner, started daemon " + t.getIdent() + ")>");
    }

    @Test
    void currentThreadInsideIsTheThread() throws Exception {
        // Python: threading.current_thread() inside run() is the Thread object
        CompletableFuture<Thread> inside = new CompletableFuture<>();
        Thread t = new Thread(() -> inside.complete(Threading.currentThread()));
        t.start();
        assertThat(inside.get(20, TimeUnit.SECONDS)).isSameAs(t);
        t.join();
    }

    @Test
    void excepthookReceivesExceptionAndThread() throws Exception {
        // Python: threading.excepthook(args) gets exc_value and thread of the failed run()
        CompletableFuture<ExceptHookArgs> got = new CompletableFuture<>();
        CompletableFuture<Thread> hookRanIn = new CompletableFuture<>();
        Threading.setExcepthook(args -> {
            hookRanIn.complete(Threading.currentThread());
            got.complete(args);
        });
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Thread t = new Thread(() -> {
            throw boom;
        });
        t.start();
        t.join();
        ExceptHookArgs args = got.get(20, TimeUnit.SECONDS);
        assertThat(args.exception()).isSameAs(boom);
        assertThat(args.thread()).isSameAs(t);
        assertThat(hookRanIn.get()).isSameAs(t);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void defaultExcepthookPrintsLikePython() {
        // Python: "Exception in thread <name>:" then the traceback, on sys.stderr
        Threading.setExcepthook(Threading.defaultExcepthook());
        String out = captureStderr(() -> {
            Thread t = new Thread(() -> {
                throw new IllegalStateException("kaput");
            }, "exploder");
            t.start();
            t.join();
        });
        assertThat(out).contains("Exception in thread exploder:" + System.lineSeparator()
                + "java.lang.IllegalStateException: kaput");
        assertThat(out).contains("\tat ");
    }

    @Test
    void failingExcepthookIsReportedAndTheThreadStillEnds() {
        // Python: an exception raised by excepthook itself is reported on stderr
        Threading.setExcepthook(args -> {
            throw new IllegalStateException("hook broke");
        });
        String out = captureStderr(() -> {
            Thread t = new Thread(() -> {
                throw new RuntimeException("first");
            });
            t.start();
            assertThat(t.join(Waits.DEFAULT)).isTrue();
        });
        assertThat(out).contains("Exception in threading.excepthook:").contains("hook broke");
    }

    @Test
    void errorsAlsoReachTheExcepthook() throws Exception {
        // Python: any exception (BaseException but SystemExit) escaping run() goes to excepthook
        CompletableFuture<Throwable> got = new CompletableFuture<>();
        Threading.setExcepthook(args -> got.complete(args.exception()));
        Thread t = new Thread(() -> {
            throw new AssertionError("an error");
        });
        t.start();
        t.join();
        assertThat(got.get(20, TimeUnit.SECONDS)).isInstanceOf(AssertionError.class).hasMessage("an error");
    }

    @Test
    void interruptWakesABlockedCallInTheThread() throws Exception {
        // API.md §1: interrupting a thread blocked in the library -> ThreadInterruptedException there, flag set
        Lock lock = new Lock();
        lock.acquire();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        CompletableFuture<java.lang.Thread> javaThread = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            javaThread.complete(java.lang.Thread.currentThread());
            try {
                lock.acquire();
                failure.complete(null);
            } catch (Throwable e) {
                flag.complete(Threading.currentThread().isInterrupted());
                failure.complete(e);
            }
        });
        assertThat(t.isInterrupted()).isFalse();
        t.interrupt();   // before start: no effect
        t.start();
        Waits.untilBlocked(javaThread.get(20, TimeUnit.SECONDS));
        assertThat(t.isInterrupted()).isFalse();
        t.interrupt();
        assertThat(failure.get(20, TimeUnit.SECONDS)).isInstanceOf(ThreadInterruptedException.class);
        assertThat(flag.get(20, TimeUnit.SECONDS)).isTrue();
        t.join();
    }

    @Test
    void staticHelpersMirrorJavaLangThread() {
        // Python: threading.currentThread() is current_thread(); sleep/interrupted as java.lang.Thread, unchecked
        assertThat(Thread.currentThread()).isSameAs(Threading.currentThread());
        assertThatThrownBy(() -> Thread.sleep(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Thread.sleep(-1L)).isInstanceOf(IllegalArgumentException.class);
        Thread.sleep(1L);
        Thread.sleep(Duration.ofMillis(1));
        java.lang.Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Thread.sleep(10_000L)).isInstanceOf(ThreadInterruptedException.class);
            assertThat(java.lang.Thread.currentThread().isInterrupted()).isTrue();
            assertThatThrownBy(() -> Thread.sleep(Duration.ofSeconds(10))).isInstanceOf(ThreadInterruptedException.class);
            assertThat(Thread.interrupted()).isTrue();
            assertThat(Thread.interrupted()).isFalse();
        } finally {
            java.lang.Thread.interrupted();
        }
    }

    private static String captureStderr(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setErr(saved);
            capture.flush();
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
