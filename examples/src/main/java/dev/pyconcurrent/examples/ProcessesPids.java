package dev.pyconcurrent.examples;

import dev.pyconcurrent.function.SerializableConsumer;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * P1: two processes, each printing its own pid and its parent's pid. Each process is a child JVM;
 * what it prints appears on the parent's standard output, whole lines, as in Python.
 *
 * <pre>
 * from multiprocessing import Process
 * import os
 *
 * def info(name):
 *     print(f"hello {name}: process id {os.getpid()}, parent process {os.getppid()}")
 *
 * if __name__ == "__main__":
 *     print(f"main process id {os.getpid()}")
 *     procs = [Process(target=info, args=(name,)) for name in ("bob", "alice")]
 *     for p in procs: p.start()
 *     for p in procs: p.join()
 * </pre>
 */
public final class ProcessesPids {
    private ProcessesPids() {
    }

    /** Python's {@code info(name)}; runs in the child, printing on its (forwarded) standard output. */
    static void info(String name) {
        System.out.println("hello " + name + ": process id " + ProcessHandle.current().pid()
                + ", parent process " + Multiprocessing.parentProcess().getPid());
    }

    /**
     * Starts one process per name and joins them all.
     *
     * @param names one process each
     * @param out where the parent prints (the children print on {@code System.out})
     * @return the children's pids, in the order of {@code names}
     */
    static List<Long> run(List<String> names, PrintStream out) {
        out.println("main process id " + ProcessHandle.current().pid());
        List<Process> procs = new ArrayList<>();
        for (String name : names) {
            procs.add(new Process((SerializableConsumer<String>) ProcessesPids::info, name));
        }
        for (Process p : procs) {
            p.start();
        }
        List<Long> pids = new ArrayList<>();
        for (Process p : procs) {
            p.join();
            pids.add(p.getPid());
            out.println(p.getName() + " exited with exitcode " + p.getExitcode());
        }
        return pids;
    }

    /**
     * Runs {@code bob} and {@code alice}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(List.of("bob", "alice"), System.out);
    }
}
