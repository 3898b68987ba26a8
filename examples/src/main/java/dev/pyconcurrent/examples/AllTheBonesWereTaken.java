package dev.pyconcurrent.examples;

import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.queue.ShutDownException;
import dev.pyconcurrent.threading.Thread;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Q3: producer/consumer with {@code taskDone()} and {@code join()}. Three dogs take bones
 * from a queue and call {@code taskDone()} when they have eaten one; the owner puts ten
 * bones and {@code join()}s the queue, which returns only when every bone was eaten. Then
 * {@code shutdown()} (Python 3.13) sends the dogs home: their next {@code get()} throws
 * {@code ShutDownException} instead of waiting forever.
 *
 * <pre>
 * import queue, threading, time
 *
 * bones = queue.Queue()
 *
 * def dog(name):
 *     try:
 *         while True:
 *             bone = bones.get()
 *             print(f"{name} takes {bone}")
 *             time.sleep(0.1)
 *             print(f"{name} finished {bone}")
 *             bones.task_done()
 *     except queue.ShutDown:
 *         print(f"{name} goes home")
 *
 * dogs = [threading.Thread(target=dog, args=(n,)) for n in ("Rex", "Fido", "Lassie")]
 * for d in dogs: d.start()
 * for i in range(10):
 *     bones.put(f"bone-{i}")
 * bones.join()                     # until task_done() was called for every bone
 * print("all the bones were taken")
 * bones.shutdown()
 * for d in dogs: d.join()
 * </pre>
 */
public final class AllTheBonesWereTaken {
    private AllTheBonesWereTaken() {
    }

    /** The owner's line, as it appears in the log. */
    static final String ALL_TAKEN = "all the bones were taken";

    /** Runs the example; returns the log in order. Every sleep is multiplied by {@code timeScale}. */
    static List<String> run(double timeScale, PrintStream out) {
        Queue<String> bones = new Queue<>();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> say = line -> {
            log.add(line);
            out.println(line);
        };

        List<Thread> dogs = new ArrayList<>();
        for (String name : List.of("Rex", "Fido", "Lassie")) {
            dogs.add(new Thread((String dog) -> {
                try {
                    while (true) {
                        String bone = bones.get();
                        say.accept(dog + " takes " + bone);
                        Time.sleep(0.1 * timeScale);
                        say.accept(dog + " finished " + bone);
                        bones.taskDone();
                    }
                } catch (ShutDownException e) {
                    say.accept(dog + " goes home");
                }
            }, name));
        }
        for (Thread d : dogs) {
            d.start();
        }
        for (int i = 0; i < 10; i++) {
            bones.put("bone-" + i);
        }
        bones.join();
        say.accept(ALL_TAKEN);
        bones.shutdown();
        for (Thread d : dogs) {
            d.join();
        }
        return List.copyOf(log);
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
