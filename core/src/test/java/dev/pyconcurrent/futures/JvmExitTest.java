package dev.pyconcurrent.futures;

import dev.pyconcurrent.Pools;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exit behaviour in a child JVM: Python joins executor workers at interpreter exit, so a program that
 * never calls shutdown() exits once its tasks are done, and pending tasks still complete first.
 */
class JvmExitTest {

    /** Runs {@code main} in a child JVM on this test's class path; returns its output; fails if it does not exit. */
    private static String runChild(Class<?> main) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("child %s exited; output:%n%s", main.getSimpleName(), out).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
        return out;
    }

    @Test
    void programThatNeverShutsDownStillExits() throws Exception {
        // Python: an executor left open does not keep the interpreter alive once its work is done
        String out = runChild(NoShutdownMain.class);
        assertThat(out).contains("sum=285");
    }

    @Test
    void pendingTasksKeepTheJvmAliveUntilDone() throws Exception {
        // Python: _python_exit joins the workers, so queued and running tasks finish before the process exits
        String out = runChild(PendingWorkMain.class);
        assertThat(out).contains("task 0 finished", "task 1 finished", "task 2 finished", "main returns");
        assertThat(out.indexOf("main returns")).isLessThan(out.indexOf("task 2 finished"));
    }

    @Test
    void sharedPoolsNeverKeepTheJvmAlive() throws Exception {
        // API.md §2: the shared pools never keep the JVM alive after their work is done
        String out = runChild(PoolsMain.class);
        assertThat(out).contains("[0, 1, 4, 9]");
    }

    /** Submits work, reads the results, never shuts the pool down. */
    public static final class NoShutdownMain {
        public static void main(String[] args) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(4);
            int sum = 0;
            for (Future<Integer> f : Futures.asCompleted(
                    List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).stream().map(i -> pool.submit(() -> i * i)).toList())) {
                sum += f.result();
            }
            System.out.println("sum=" + sum);
        }
    }

    /** Returns from main while tasks are still queued and running. */
    public static final class PendingWorkMain {
        public static void main(String[] args) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
            for (int i = 0; i < 3; i++) {
                int n = i;
                pool.submit((Runnable) () -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    System.out.println("task " + n + " finished");
                    System.out.flush();
                });
            }
            pool.shutdown(false);
            System.out.println("main returns");
            System.out.flush();
        }
    }

    /** Uses Pools.map and returns. */
    public static final class PoolsMain {
        public static void main(String[] args) {
            System.out.println(Pools.map((Integer x) -> x * x, List.of(0, 1, 2, 3)));
            System.out.println(Pools.map((Integer x) -> x * x, List.of(0, 1, 2, 3), 3));
        }
    }
}
