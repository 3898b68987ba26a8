package dev.pyconcurrent.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A {@link PrintStream} that captures what an example prints, for assertions. */
final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    String text() {
        stream.flush();
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> lines() {
        return text().lines().toList();
    }
}
