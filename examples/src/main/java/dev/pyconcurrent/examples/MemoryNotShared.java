package dev.pyconcurrent.examples;

import dev.pyconcurrent.function.SerializableConsumer;
import dev.pyconcurrent.multiprocessing.Process;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * P2: memory is not shared between processes. The child fills a static list (Python: a
 * global) and prints it; the parent's list stays empty, because the child is another JVM
 * with its own heap. Threads of one JVM would see the change.
 *
 * <pre>
 * from multiprocessing import Process
 *
 * result = []
 *
 * def square_list(mylist):
 *     global result
 *     for num in mylist:
 *         result.append(num * num)
 *     print(f"Result(in process p1): {result}")
 *
 * if __name__ == "__main__":
 *     p1 = Process(target=square_list, args=([1, 2, 3, 4],))
 *     p1.start()
 *     p1.join()
 *     print(f"Result(in main program): {result}")
 * </pre>
 */
public final class MemoryNotShared {
    private MemoryNotShared() {
    }

    /** Python's global {@code result}: one copy per JVM. */
    static final List<Integer> RESULT = new ArrayList<>();

    /** Python's {@code square_list}; runs in the child. */
    static void squareList(ArrayList<Integer> numbers) {
        for (int n : numbers) {
            RESULT.add(n * n);
        }
        System.out.println("Result(in process p1): " + RESULT);
    }

    /**
     * Runs {@code squareList} in a child process, then prints the parent's copy.
     *
     * @param numbers the list the child squares
     * @param out where the parent prints (the child prints on {@code System.out})
     * @return the parent's copy of the list afterwards (empty)
     */
    static List<Integer> run(List<Integer> numbers, PrintStream out) {
        Process p1 = new Process((SerializableConsumer<ArrayList<Integer>>) MemoryNotShared::squareList,
                new ArrayList<>(numbers));
        p1.start();
        p1.join();
        out.println("Result(in main program): " + RESULT);
        return List.copyOf(RESULT);
    }

    /**
     * Squares {@code [1, 2, 3, 4]} in a child.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(List.of(1, 2, 3, 4), System.out);
    }
}
