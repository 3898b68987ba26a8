package dev.pyconcurrent.threading;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Child-JVM program for {@link ThreadExitTest}: starts one library thread (daemon or not,
 * from {@code args[0]}; virtual if {@code args[1]} is {@code virtual}) and returns from {@code main} at once. The thread waits until the
 * main thread has ended, says so, then waits for a line on stdin before finishing.
 */
public final class KeepAliveMain {
    private KeepAliveMain() {
    }

    public static void main(String[] args) {
        boolean daemon = args[0].equals("daemon");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread worker = new Thread(() -> {
            Threading.mainThread().join();
            System.out.println("main-ended");
            System.out.flush();
            try {
                in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("thread-done");
            System.out.flush();
        }, "worker", daemon);
        if (args.length > 1 && args[1].equals("virtual")) {
            worker.setVirtual(true);
        }
        worker.start();
        System.out.println("main-exit " + Threading.currentThread().getName());
        System.out.flush();
    }
}
