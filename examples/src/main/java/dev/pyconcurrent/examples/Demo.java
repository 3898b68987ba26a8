package dev.pyconcurrent.examples;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo: why this library exists, in under a minute.
 *
 * <ol>
 *   <li>The prime check of Python's {@code concurrent.futures} documentation
 *       ({@link PrimeCheck}), sequentially, on threads and on processes (child JVMs),
 *       with a timing table. In
 *       CPython a thread pool cannot speed this CPU-bound work up (one thread runs Python
 *       code at a time), so Python programs need processes; on the JVM the same
 *       {@code ThreadPoolExecutor} code runs on every core. The process pool is timed twice: new
 *       (starting its child JVMs, whose JIT starts cold) and warm (a second pass on the same pool).</li>
 *   <li>The bank-account race ({@link BankAccount}): 100 deposits on a 16-thread pool
 *       lose most of the money without a lock, and none with {@code RLock}.</li>
 * </ol>
 *
 * <pre>
 * java -jar examples/target/examples.jar
 * </pre>
 */
public final class Demo {
    private Demo() {
    }

    /** What the demo measured: the prime-check timings and the bank-account balances. */
    record Result(List<PrimeCheck.Timing> timings, BankAccount.Result bank) {
    }

    /**
     * Runs the demo on {@code numbers} (the full {@link PrimeCheck#PRIMES} list in
     * {@link #main}); the bank account's sleeps are multiplied by {@code timeScale}.
     */
    static Result run(List<Long> numbers, double timeScale, PrintStream out) {
        out.println("pyconcurrent demo: Python's threading and concurrent.futures, on the JVM");
        PrimeCheck.describeMachine(out);
        out.println();

        out.println("1. CPU-bound work: is_prime() over " + numbers.size() + " numbers (the concurrent.futures docs example)");
        out.println("   In CPython a ThreadPoolExecutor cannot speed this up; on the JVM threads run in parallel.");
        // a whole untimed pass first: a baseline measured while the JIT still compiles is_prime would
        // be slow, and the speed-ups against it larger than the number of cores
        out.println("  warming up the JIT (one sequential pass, not timed) ...");
        PrimeCheck.sequential(numbers);
        List<PrimeCheck.Variant> variants = PrimeCheck.variants().stream()
                .map(v -> v.childJvms() ? new PrimeCheck.Variant(v.name() + ", new", v.check(), true) : v)
                .toList();
        List<PrimeCheck.Timing> timings = new ArrayList<>(PrimeCheck.timeAll(variants, numbers, out));
        timings.add(warmProcessPool(numbers, out));
        List<Boolean> expected = timings.get(0).results();
        for (PrimeCheck.Timing t : timings) {
            if (!t.results().equals(expected)) {
                throw new IllegalStateException(t.name() + " found different primes");
            }
        }
        long primes = expected.stream().filter(p -> p).count();
        out.println("  every variant found the same " + primes + " primes among " + numbers.size() + " numbers");
        out.println();
        PrimeCheck.printTable(timings, out);
        explain(timings, out);
        out.println();

        out.println("2. A race: 100 deposits of 1 from a ThreadPoolExecutor(16), read-sleep-write");
        out.println("   Each deposit reads the balance, sleeps 10 ms and writes it back: without a lock most are lost.");
        PrintStream indented = indented(out, "  ");
        BankAccount.Result bank = BankAccount.run(timeScale, indented);
        indented.flush();
        out.println();
        out.println("Threads on the JVM are fast and truly parallel, so shared state needs locks: the same");
        out.println("Lock, RLock, Condition, Queue and ThreadPoolExecutor you know from Python.");
        out.println("More examples: java -cp examples/target/examples.jar dev.pyconcurrent.examples.<Example>");
        out.flush();
        return new Result(timings, bank);
    }

    /**
     * Times a second pass on one {@link ProcessPoolExecutor}: its child JVMs already started and their
     * JIT warm, as in a program that keeps its pool.
     */
    private static PrimeCheck.Timing warmProcessPool(List<Long> numbers, PrintStream out) {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor()) {
            pool.map(PrimeCheck::isPrime, numbers).toList();   // starts the workers and warms their JIT
            PrimeCheck.Variant warm = new PrimeCheck.Variant("ProcessPoolExecutor, warm",
                    n -> pool.map(PrimeCheck::isPrime, n).toList(), true);
            return PrimeCheck.timeAll(List.of(warm), numbers, out).get(0);
        }
    }

    /** What the process rows include, and what a speed-up above the core count would mean. */
    private static void explain(List<PrimeCheck.Timing> timings, PrintStream out) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("  \"ProcessPoolExecutor, new\" includes starting %d worker JVMs (about 0.2 s), as a script's%n"
                + "  `with ProcessPoolExecutor() as ex:` does, and each worker compiling is_prime from cold;%n"
                + "  \"warm\" is a second pass on the same pool. On the JVM, processes buy isolation, not speed:%n"
                + "  see \"Threads or processes?\" in README.md.%n", Multiprocessing.cpuCount());
        double baseline = timings.get(0).seconds();
        double best = timings.stream().mapToDouble(t -> baseline / t.seconds()).max().orElse(1);
        if (best > cores * 1.05) {
            out.printf("  note: a speed-up above the %d cores means the sequential run was slowed by something%n"
                    + "  else (other programs, the garbage collector): run the demo again on a quiet machine.%n", cores);
        }
    }

    /** {@code out} with {@code prefix} at the start of every line, to indent what another example prints. */
    private static PrintStream indented(PrintStream out, String prefix) {
        return new PrintStream(new OutputStream() {
            private boolean lineStart = true;

            @Override
            public void write(int b) {
                if (lineStart) {
                    out.print(prefix);
                }
                out.write(b);
                lineStart = b == '\n';
            }

            @Override
            public void flush() {
                out.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * Runs the demo on the full prime list.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(PrimeCheck.PRIMES, 1.0, System.out);
    }
}
