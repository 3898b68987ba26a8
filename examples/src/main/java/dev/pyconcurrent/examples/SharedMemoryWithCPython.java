package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.sharedmemory.ShareableList;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code multiprocessing.shared_memory} shared with a CPython program: this program makes a
 * {@link SharedMemory} block and a {@link ShareableList}, and a {@code python3} script opens both by
 * name, reads them and writes into them; this program then sees the script's changes. The block is
 * {@code /dev/shm/<name>} for both languages.
 *
 * <pre>
 * # what the CPython side runs (names from the command line)
 * import sys
 * from multiprocessing import shared_memory, resource_tracker
 * shm = shared_memory.SharedMemory(sys.argv[1])
 * sl = shared_memory.ShareableList(name=sys.argv[2])
 * # only attached here: keep CPython's resource tracker from unlinking them at exit (3.13: track=False)
 * resource_tracker.unregister(shm._name, 'shared_memory')
 * resource_tracker.unregister(sl.shm._name, 'shared_memory')
 * print('python read', bytes(shm.buf[:10]).decode(), list(sl))
 * shm.buf[:10] = b'from py   '
 * sl[0] = sl[0] * 2
 * sl[2] = 'pong'
 * </pre>
 *
 * Without {@code python3} on the path it says so and shows the Java side alone.
 */
public final class SharedMemoryWithCPython {
    private SharedMemoryWithCPython() {
    }

    static final String SCRIPT = String.join("\n",
            "import sys",
            "from multiprocessing import shared_memory, resource_tracker",
            "shm = shared_memory.SharedMemory(sys.argv[1])",
            "sl = shared_memory.ShareableList(name=sys.argv[2])",
            "resource_tracker.unregister(shm._name, 'shared_memory')",
            "resource_tracker.unregister(sl.shm._name, 'shared_memory')",
            "print('python read', bytes(shm.buf[:10]).decode(), list(sl), flush=True)",
            "shm.buf[:10] = b'from py   '",
            "sl[0] = sl[0] * 2",
            "sl[2] = 'pong'",
            "shm.close()",
            "sl.shm.close()");

    public static void main(String[] args) throws Exception {
        run().forEach(System.out::println);
    }

    /** @return the lines this program prints */
    static List<String> run() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        SharedMemory shm = SharedMemory.create(64);
        ShareableList sl = new ShareableList(Arrays.asList(21, 2.5, "ping", null));
        try {
            ByteBuffer buf = shm.getBuf();
            buf.put(0, "from java ".getBytes(StandardCharsets.US_ASCII));
            out.add("java made " + shm + " and " + sl);
            String python = runPython(shm.getName(), sl.getShm().getName());
            if (python == null) {
                out.add("python3 is not installed: nothing else to show");
                return out;
            }
            out.add(python);
            byte[] first = new byte[10];
            shm.getBuf().get(0, first);
            out.add("java read " + new String(first, StandardCharsets.US_ASCII).trim() + " " + sl);
            return out;
        } finally {
            shm.close();
            shm.unlink();
            sl.close();
            sl.getShm().unlink();
        }
    }

    /** @return the script's output line, or null without python3 */
    private static String runPython(String block, String list) throws IOException, InterruptedException {
        java.lang.Process py;
        try {
            py = new ProcessBuilder("python3", "-c", SCRIPT, block, list).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException noPython) {
            return null;
        }
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        if (!py.waitFor(60, TimeUnit.SECONDS)) {
            py.destroyForcibly();
            throw new IllegalStateException("python3 did not finish");
        }
        if (py.exitValue() != 0) {
            throw new IllegalStateException("python3 failed with exit code " + py.exitValue());
        }
        return line;
    }
}
