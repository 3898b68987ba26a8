package dev.pyconcurrent.examples;

import dev.pyconcurrent.threading.Thread;

/**
 * T3: two daemon threads print "Ping" and "Pong" forever; the program still ends when
 * the main thread finishes, because the JVM (like Python) does not wait for daemon
 * threads. Remove the {@code setDaemon(true)} calls and the program never ends.
 *
 * <pre>
 * import threading, time
 *
 * def say(word):
 *     while True:
 *         print(word)
 *         time.sleep(0.5)
 *
 * threading.Thread(target=say, args=("Ping",), daemon=True).start()
 * threading.Thread(target=say, args=("Pong",), daemon=True).start()
 * time.sleep(2)
 * print("main thread done: the daemon threads die with it")
 * </pre>
 *
 * <p>Run it as a program (it is not meant to be called in-process: its daemons never stop).
 */
public final class DaemonPingPong {
    private DaemonPingPong() {
    }

    /**
     * Starts the daemons, lets them talk for two seconds (times the optional scale argument), and ends.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     */
    public static void main(String[] args) {
        double scale = Time.scale(args);
        for (String word : new String[] {"Ping", "Pong"}) {
            Thread t = new Thread((String w) -> {
                while (true) {
                    System.out.println(w);
                    Time.sleep(0.5 * scale);
                }
            }, word);
            t.setDaemon(true);
            t.start();
        }
        Time.sleep(2.0 * scale);
        System.out.println("main thread done: the daemon threads die with it");
    }
}
