package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

class CrawlerTest {

    @Test
    void everyFetchedPageHasItsTitleAppendedByTheDoneCallback(@TempDir Path dir) throws Exception {
        // Python: pool.submit(fetch, url).add_done_callback(save_title) appends one title per page to a file
        Output out = new Output();
        List<String> titles = Crawler.run(0.1, dir.resolve("titles.txt"), out.stream());

        assertThat(titles).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 10).mapToObj(i -> "Page " + i).toList());
        assertThat(out.lines()).filteredOn(l -> l.startsWith("saved: Page ")).hasSize(10);
    }
}
