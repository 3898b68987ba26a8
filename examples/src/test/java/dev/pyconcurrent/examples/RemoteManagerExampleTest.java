package dev.pyconcurrent.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteManagerExampleTest {
    @AfterEach
    void noChildLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)) {
            assertThat(System.nanoTime() - deadline).as("no child JVM left").isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void aServerAndTwoClientProgramsShareAQueueAndADict() throws Exception {
        // Python docs, "Using a remote manager": serve_forever() in one program, put and get from two others
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.lang.Process server = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                RemoteManagerServer.class.getName(), "0")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).matches("serving on 127\\.0\\.0\\.1:\\d+");
            String address = first.substring("serving on ".length());

            ChildJvm.Run put = ChildJvm.run(RemoteManagerPut.class, 60, address);
            assertThat(put.exited()).isTrue();
            assertThat(put.exitCode()).as(put.stdout()).isZero();
            assertThat(put.lines()).contains("put 2 items, queue size 2");

            ChildJvm.Run get = ChildJvm.run(RemoteManagerGet.class, 60, address);
            assertThat(get.exitCode()).as(get.stdout()).isZero();
            assertThat(get.lines()).contains("hello world", "from the first client, 1 key in the dict");
            assertThat(server.isAlive()).as("the server serves on").isTrue();
        } finally {
            server.destroy();   // SIGTERM: Ctrl-C's way out, shutdown hooks run
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
