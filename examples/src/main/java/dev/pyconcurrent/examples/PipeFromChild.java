package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Connection;
import dev.pyconcurrent.multiprocessing.ConnectionPair;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Scenario P6: {@code parent_conn, child_conn = Pipe()}; the child sends a list through
 * its end and closes it; the parent {@code recv()}s it.
 */
public final class PipeFromChild {
    private PipeFromChild() {
    }

    public static void main(String[] args) {
        System.out.println(run());
    }

    /** @return what the parent received */
    static Object run() {
        ConnectionPair pair = Multiprocessing.pipe();
        Process p = new Process((Connection child) -> {
            child.send(new ArrayList<>(Arrays.asList(42, null, "hello")));
            child.close();
        }, pair.second());
        p.start();
        Object got = pair.first().recv();
        p.join();
        pair.first().close();
        return got;
    }
}
