package dev.pyconcurrent.multiprocessing.sharedmemory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A CPython program run by a test: the script comes on the command line ({@code python3 -c}), the
 * test reads its output line by line and answers on its standard input. Tests call
 * {@link #assumeAvailable()} first, so they are skipped where there is no {@code python3}.
 */
final class Python3 implements AutoCloseable {
    /** Attaches without letting CPython's resource tracker unlink the block at exit. */
    static final String PRELUDE = """
            import sys
            from multiprocessing import shared_memory, resource_tracker
            def attach(name):
                shm = shared_memory.SharedMemory(name)
                resource_tracker.unregister(shm._name, "shared_memory")
                return shm
            def attach_list(name):
                sl = shared_memory.ShareableList(name=name)
                resource_tracker.unregister(sl.shm._name, "shared_memory")
                return sl
            def say(*a):
                print(*a, flush=True)
            def wait():
                return sys.stdin.readline().strip()
            """;

    private static Boolean available;

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c",
                        "from multiprocessing import shared_memory; print('ok')").redirectErrorStream(true).start();
                String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && "ok".equals(line);
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    static void assumeAvailable() {
        assumeTrue(available(), "python3 with multiprocessing.shared_memory is not installed");
    }

    Python3(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", PRELUDE + script));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** @return the next line the script printed, or null at its end */
    String line() throws IOException {
        return out.readLine();
    }

    void send(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** Waits for the script to end; @return its exit code */
    int exit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 did not end");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
