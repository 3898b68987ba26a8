package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * T5: subclassing {@code Thread} and overriding {@code run()}, the other way (besides a
 * target function) to give a thread its work. The subclass keeps its result in a field
 * that the main thread reads after {@code join()}.
 *
 * <pre>
 * import threading, time
 *
 * class DownloadThread(threading.Thread):
 *     def __init__(self, url, seconds):
 *         super().__init__(name=f"download-{url}")
 *         self.url, self.seconds, self.size = url, seconds, None
 *
 *     def run(self):
 *         print(f"{self.name}: downloading {self.url}")
 *         time.sleep(self.seconds)
 *         self.size = len(self.url) * 1000
 *         print(f"{self.name}: done, {self.size} bytes")
 *
 * threads = [DownloadThread(url, 1) for url in ("a.org", "bb.org", "ccc.org")]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print({t.url: t.size for t in threads})
 * </pre>
 */
public final class DownloadThread extends Thread {
    private final String url;
    private final double seconds;
    private final PrintStream out;
    private int size;   // written by this thread in run(); read by others after join()

    /** A thread that pretends to download {@code url} in {@code seconds}, printing to {@code out}. */
    DownloadThread(String url, double seconds, PrintStream out) {
        this.url = url;
        this.seconds = seconds;
        this.out = out;
        setName("download-" + url);
    }

    /** The work of the thread: runs in the new thread once {@code start()} is called. */
    @Override
    public void run() {
        out.println(getName() + ": downloading " + url);
        Time.sleep(seconds);
        size = url.length() * 1000;
        out.println(getName() + ": done, " + size + " bytes");
    }

    /** The downloaded size; read it after {@code join()}. */
    int getSize() {
        return size;
    }

    /** Runs three downloads at once and returns url → size; every sleep is multiplied by {@code timeScale}. */
    static Map<String, Integer> run(double timeScale, PrintStream out) {
        List<DownloadThread> threads = List.of("a.org", "bb.org", "ccc.org").stream()
                .map(url -> new DownloadThread(url, 1.0 * timeScale, out))
                .toList();
        for (DownloadThread t : threads) {
            t.start();
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (DownloadThread t : threads) {
            t.join();                          // after join() the thread's writes are visible here
            sizes.put(t.url, t.getSize());
        }
        out.println(sizes);
        return sizes;
    }

    /**
     * Runs the example at full speed; an optional argument scales every sleep.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        run(Time.scale(args), System.out);
    }
}
