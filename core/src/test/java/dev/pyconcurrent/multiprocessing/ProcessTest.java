package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessTest {
    /** Changed only in children: the parent's copy must stay 0. */
    static int counter;

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    /** A subclass that overrides run(), as in Python. */
    static final class Greeter extends Process {
        private static final long serialVersionUID = 1L;
        private final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void run() {
            System.out.println(greeting + " from " + Multiprocessing.currentProcess().getName());
        }
    }

    /** A subclass with a field that cannot be sent. */
    static final class Unsendable extends Process {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object lock = new Object();
    }

    @Test
    void targetArgAndSubclassRunInChildrenWithTheirOutputForwarded() {
        // Python P1: Process(target=f, args=(x,)) prints its pid and its parent's pid; output reaches the parent
        long me = ProcessHandle.current().pid();
        Process[] ps = new Process[3];
        String[] out = ChildJvms.capture(() -> {
            ps[0] = new Process((String who) -> System.out.println("hello " + who + " pid=" + ProcessHandle.current().pid()
                    + " parent=" + Multiprocessing.parentProcess().getPid()), "bob");
            ps[1] = new Process(() -> System.err.println("to stderr"));
            ps[2] = new Greeter("hi");
            ps[2].setName("greeter");
            for (Process p : ps) {
                p.start();
            }
            for (Process p : ps) {
                p.join();
            }
        });
        assertThat(ChildJvms.lines(out[0])).contains("hello bob pid=" + ps[0].getPid() + " parent=" + me,
                "hi from greeter");
        assertThat(ChildJvms.lines(out[1])).contains("to stderr");
        for (Process p : ps) {
            assertThat(p.getExitcode()).isEqualTo(0);
            assertThat(p.isAlive()).isFalse();
        }
    }

    @Test
    void outputArrivesAsWholeLines() {
        // Python: children writing to stdout concurrently; here each line arrives whole, never mixed
        String[] out = ChildJvms.capture(() -> {
            List<Process> ps = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String mark = "child" + c + "-" + "x".repeat(200);
                ps.add(new Process((String m) -> {
                    for (int i = 0; i < 300; i++) {
                        System.out.print(m);
                        System.out.println(" " + i);
                    }
                    System.out.print("no newline at the end");
                }, mark));
            }
            ps.forEach(Process::start);
            ps.forEach(Process::join);
        });
        List<String> lines = ChildJvms.lines(out[0]);
        assertThat(lines).hasSize(602);
        for (String line : lines) {
            assertThat(line).matches("child[01]-x{200} \\d+|no newline at the end");
        }
    }

    @Test
    void linesAChildPrintedBeforeAQueuePutArePrintedBeforeTheParentGetsTheItem() {
        // Python: print(i); q.put(i) in the child, then q.get(); print(...) in the parent. On one terminal
        // the child's line comes first; here its lines travel on another channel than the put, and the
        // parent's broker runs the put only after they are printed
        int n = 200;
        String[] out = ChildJvms.capture(() -> {
            Queue<Integer> q = new Queue<>();
            Process p = new Process((Queue<Integer> qq, Integer count) -> {
                for (int i = 0; i < count; i++) {
                    System.out.println("child " + i);
                    qq.put(i);
                }
            }, q, n);
            p.start();
            for (int i = 0; i < n; i++) {
                System.out.println("parent got " + q.get());
            }
            p.join();
        });
        List<String> lines = ChildJvms.lines(out[0]);
        assertThat(lines).hasSize(2 * n);
        for (int i = 0; i < n; i++) {
            assertThat(lines.indexOf("child " + i)).as("line of item %d", i).isLessThan(lines.indexOf("parent got " + i));
        }
    }

    @Test
    void exitCodesFollowPython() {
        // Python: exitcode 0 normally, 1 after an uncaught exception, n after sys.exit(n), -9 / -15 after kill / terminate
        Process ok = new Process(() -> { });
        Process raises = new Process(() -> {
            throw new IllegalStateException("uncaught in child");
        });
        Process exits = new Process(() -> System.exit(7));
        Process killed = new Process(() -> sleep(60_000));
        Process terminated = new Process(() -> sleep(60_000));
        String[] out = ChildJvms.capture(() -> {
            for (Process p : List.of(ok, raises, exits, killed, terminated)) {
                p.start();
            }
            assertThat(killed.getExitcode()).isNull();
            killed.kill();
            terminated.terminate();
            for (Process p : List.of(ok, raises, exits, killed, terminated)) {
                p.join();
            }
        });
        assertThat(ok.getExitcode()).isEqualTo(0);
        assertThat(raises.getExitcode()).isEqualTo(1);
        assertThat(out[1]).contains("Process " + raises.getName() + ":").contains("uncaught in child");
        assertThat(exits.getExitcode()).isEqualTo(7);
        assertThat(killed.getExitcode()).isEqualTo(-9);
        assertThat(terminated.getExitcode()).isEqualTo(-15);
    }

    private static void sleep(long ms) {
        try {
            java.lang.Thread.sleep(ms);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }

    @Test
    void joinWithTimeoutAndLifecycleErrors() {
        // Python: join(timeout) returns with the child still alive; close() on a running process raises
        Process p = new Process(() -> sleep(60_000));
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class);
        assertThat(p.getPid()).isNull();
        assertThat(p.getExitcode()).isNull();
        p.setDaemon(true);
        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.setDaemon(false)).isInstanceOf(IllegalStateException.class);
        assertThat(p.join(0.2)).isFalse();
        assertThat(p.isAlive()).isTrue();
        assertThat(Multiprocessing.activeChildren()).contains(p);
        assertThatThrownBy(p::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still running");
        assertThat(p.toString()).contains("name='" + p.getName() + "'").contains("started").contains("daemon");
        p.kill();
        assertThat(p.join(java.time.Duration.ofSeconds(20))).isTrue();
        assertThat(Multiprocessing.activeChildren()).doesNotContain(p);
        p.close();
        assertThatThrownBy(p::isAlive).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void memoryIsNotShared() {
        // Python P2: a child changing a global or popping from a list it was given leaves the parent's copy alone
        ArrayList<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        Process p = new Process((ArrayList<Integer> l) -> {
            l.remove(0);
            counter = 42;
            System.exit(l.size() * 10 + (counter == 42 ? 1 : 0));
        }, list);
        p.start();
        p.join();
        assertThat(p.getExitcode()).isEqualTo(21);
        assertThat(list).containsExactly(1, 2, 3);
        assertThat(counter).isZero();
    }

    @Test
    void currentAndParentProcessInTheParent() {
        // Python: current_process().name == 'MainProcess' and parent_process() is None in the main process
        assertThat(Multiprocessing.currentProcess().getName()).isEqualTo("MainProcess");
        assertThat(Multiprocessing.currentProcess().getPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(Multiprocessing.currentProcess().isAlive()).isTrue();
        assertThat(Multiprocessing.parentProcess()).isNull();
        assertThat(Multiprocessing.cpuCount()).isPositive();
    }

    @Test
    void unserializableProcessFailsAtStart() {
        // Python: a process whose target cannot be pickled fails at start() (spawn), naming the object
        assertThatThrownBy(() -> new Unsendable().start()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        Object notSerializable = new Object();
        Process p = new Process(() -> System.out.println(notSerializable));
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(p.getPid()).isNull();
        assertThat((Serializable) p).isNotNull();
    }

    @Test
    void jvmOptionsReachTheChildJvm() {
        // Python has no equivalent: extra java options of one child (a system property here)
        Process p = new Process(() -> System.exit("bar".equals(System.getProperty("pyconcurrent.test.foo")) ? 7 : 3));
        assertThat(p.getJvmOptions()).isEmpty();
        p.setJvmOptions(List.of("-Dpyconcurrent.test.foo=bar", "-Xmx64m"));
        assertThat(p.getJvmOptions()).containsExactly("-Dpyconcurrent.test.foo=bar", "-Xmx64m");
        p.start();
        p.join();
        assertThat(p.getExitcode()).isEqualTo(7);
        assertThatThrownBy(() -> p.setJvmOptions(List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Process(() -> { }).setJvmOptions(java.util.Arrays.asList("-Xmx64m", null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void jvmOptionsTheJvmRefusesEndTheChildWithAnError() {
        // a child whose JVM cannot start never runs its target; it ends with a non-zero exit code
        Process p = new Process(() -> System.exit(0));
        p.setJvmOptions(List.of("-XX:+NoSuchOptionAnywhere"));
        p.start();
        assertThat(p.join(60.0)).isTrue();
        assertThat(p.getExitcode()).isEqualTo(1);   // the java launcher's "could not create the JVM"
    }
}
