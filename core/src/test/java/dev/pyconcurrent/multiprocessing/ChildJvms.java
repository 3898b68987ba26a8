package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.testing.Waits;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers for tests that start child JVMs. */
final class ChildJvms {
    private ChildJvms() {
    }

    /** Fails unless every child JVM of this test JVM is gone within a bounded wait. */
    static void assertNoChildrenLeft() {
        Waits.until("no child JVM left, still: " + describe(), () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));
    }

    private static String describe() {
        return ProcessHandle.current().descendants().map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .collect(Collectors.joining("; "));
    }

    /** A plain directory class path: main classes, test classes and the slf4j jar. */
    static String directoryClassPath() {
        return String.join(File.pathSeparator, location(Pool.class), location(ChildJvms.class),
                location(org.slf4j.Logger.class), location(org.slf4j.simple.SimpleLogger.class));
    }

    static String location(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** Captures System.out and System.err while {@code body} runs. */
    static String[] capture(Runnable body) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    static List<String> lines(String s) {
        return s.lines().collect(Collectors.toList());
    }
}
