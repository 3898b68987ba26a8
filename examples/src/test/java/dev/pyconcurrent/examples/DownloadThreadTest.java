package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

import java.util.Map;

class DownloadThreadTest {

    @Test
    void subclassRunIsWhatTheThreadExecutes() {
        // Python: class DownloadThread(threading.Thread) overriding run(); results read after join()
        Output out = new Output();
        Map<String, Integer> sizes = DownloadThread.run(0.05, out.stream());

        assertThat(sizes).containsExactly(entry("a.org", 5000), entry("bb.org", 6000), entry("ccc.org", 7000));
        assertThat(out.lines()).contains("download-a.org: downloading a.org", "download-ccc.org: done, 7000 bytes");
    }
}
