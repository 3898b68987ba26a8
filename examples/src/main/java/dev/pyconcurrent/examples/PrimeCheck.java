package dev.pyconcurrent.examples;

import dev.pyconcurrent.Pools;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.futures.ThreadPoolExecutor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * F3: the prime check from the {@code concurrent.futures} documentation, the headline
 * CPU-bound workload. It runs sequentially, on a {@code ThreadPoolExecutor}, with
 * {@code Pools.map} and on a {@code ProcessPoolExecutor} (child JVMs), and prints each
 * result and a timing table. In CPython threads
 * cannot speed this up (the interpreter lock lets one thread compute at a time), so
 * Python programs reach for processes; on the JVM threads run in parallel, so a thread
 * pool gives the speed-up by itself (up to the number of cores).
 *
 * <pre>
 * import concurrent.futures, math, time
 *
 * PRIMES = [1116281, 1297337, 104395303, 472882027, 533000389, 817504243,
 *           982451653, 112272535095293, 112582705942171, 112272535095293,
 *           115280095190773, 115797848077099, 1099726899285419] * 5
 *
 * def is_prime(n):
 *     for i in range(2, math.floor(math.sqrt(n)) + 1):
 *         if n % i == 0:
 *             return False
 *     return n != 1
 *
 * start = time.perf_counter()
 * with concurrent.futures.ThreadPoolExecutor() as executor:    # or ProcessPoolExecutor()
 *     for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
 *         print('%d is prime: %s' % (number, prime))
 * print(f"{time.perf_counter() - start:.1f} s")
 * </pre>
 *
 * <p>Every way of running the check is a {@link Variant} in {@link #variants()}; another
 * (a process pool, say) is one more entry there, and it then appears in the table.
 */
public final class PrimeCheck {
    private PrimeCheck() {
    }

    private static final List<Long> UNIQUE = List.of(
            1116281L, 1297337L, 104395303L, 472882027L, 533000389L, 817504243L,
            982451653L, 112272535095293L, 112582705942171L, 112272535095293L,
            115280095190773L, 115797848077099L, 1099726899285419L);

    /** Python's {@code PRIMES}: the thirteen numbers, five times over (65 numbers). */
    static final List<Long> PRIMES = Collections.nCopies(5, UNIQUE).stream()
            .flatMap(List::stream).toList();

    /** Python's {@code is_prime}: trial division by 2..floor(sqrt(n)); 1 is not prime. */
    static boolean isPrime(long n) {
        long limit = (long) Math.floor(Math.sqrt(n));
        for (long i = 2; i <= limit; i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return n != 1;
    }

    /**
     * One way to run {@link #isPrime} over a list of numbers, keeping their order; {@code childJvms}: the
     * work runs in other JVMs, whose CPU time this one cannot see.
     */
    record Variant(String name, Function<List<Long>, List<Boolean>> check, boolean childJvms) {
        Variant(String name, Function<List<Long>, List<Boolean>> check) {
            this(name, check, false);
        }
    }

    /**
     * How long one variant took, the CPU time the whole JVM used meanwhile (NaN where the
     * platform does not say, or the work ran in child JVMs), and what it found.
     */
    record Timing(String name, double seconds, double cpuSeconds, List<Boolean> results) {
        /** CPU seconds per wall-clock second: about how many cores the variant kept busy. */
        public double coresBusy() {
            return cpuSeconds / seconds;
        }
    }

    /**
     * The ways to run the check; the first one is the baseline of the speed-ups. The process
     * pools start their child JVMs inside the timing, as a script would
     * ({@code isPrime} is static, so the method reference is serializable).
     */
    static List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("sequential", PrimeCheck::sequential));
        variants.add(new Variant("ThreadPoolExecutor", PrimeCheck::onThreadPool));
        variants.add(new Variant("Pools.map (threads)", numbers -> Pools.map(PrimeCheck::isPrime, numbers)));
        variants.add(new Variant("ProcessPoolExecutor", PrimeCheck::onProcessPool, true));
        return variants;
    }

    /** Python's {@code with ProcessPoolExecutor() as ex: list(ex.map(is_prime, PRIMES))}: workers are child JVMs. */
    static List<Boolean> onProcessPool(List<Long> numbers) {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor()) {
            return executor.map(PrimeCheck::isPrime, numbers).toList();
        }
    }

    /** A plain loop: Python's {@code [is_prime(n) for n in PRIMES]}. */
    static List<Boolean> sequential(List<Long> numbers) {
        List<Boolean> results = new ArrayList<>();
        for (long n : numbers) {
            results.add(isPrime(n));
        }
        return results;
    }

    /** Python's {@code with ThreadPoolExecutor() as executor: executor.map(is_prime, PRIMES)}. */
    static List<Boolean> onThreadPool(List<Long> numbers) {
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor()) {
            return executor.map(PrimeCheck::isPrime, numbers).toList();
        }
    }

    /** Runs each variant over {@code numbers}, printing a progress line for each, and returns the timings. */
    static List<Timing> timeAll(List<Variant> variants, List<Long> numbers, PrintStream progress) {
        List<Timing> timings = new ArrayList<>();
        for (Variant v : variants) {
            progress.printf("  checking %d numbers: %-28s ... ", numbers.size(), v.name());
            progress.flush();
            double cpuStart = cpuSeconds();
            double start = Time.perfCounter();
            List<Boolean> results = v.check().apply(numbers);
            double seconds = Time.perfCounter() - start;
            double cpu = v.childJvms() ? Double.NaN : cpuSeconds() - cpuStart;
            progress.printf("%.2f s%n", seconds);
            timings.add(new Timing(v.name(), seconds, cpu, results));
        }
        return timings;
    }

    /** Prints the number of cores, and a note when other programs keep them busy (which shrinks the speed-ups). */
    static void describeMachine(PrintStream out) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.println("cores available: " + cores);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= cores) {
            out.printf("note: this machine is busy (load average %.1f on %d cores), so threads get fewer cores%n"
                    + "      and the speed-ups below will be smaller than on an idle machine%n", load, cores);
        }
    }

    /** The CPU time this JVM has used so far, in seconds; NaN if the platform does not tell. */
    static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /**
     * Prints the timing table: speed-ups are against the first row; "cores busy" is the
     * CPU time used per second of the run (other programs on the machine lower it), "-" where
     * the work ran in child JVMs.
     */
    static void printTable(List<Timing> timings, PrintStream out) {
        double baseline = timings.get(0).seconds();
        out.printf("  %-28s %9s %9s %11s%n", "variant", "seconds", "speed-up", "cores busy");
        for (Timing t : timings) {
            String busy = Double.isNaN(t.coresBusy()) ? "-" : String.format("%.1f", t.coresBusy());
            out.printf("  %-28s %9.2f %8.2fx %11s%n", t.name(), t.seconds(), baseline / t.seconds(), busy);
        }
        if (timings.stream().anyMatch(t -> Double.isNaN(t.coresBusy()))) {
            out.println("  (cores busy: \"-\" where the work ran in child JVMs, whose CPU time this JVM does not see)");
        }
    }

    /** Checks {@code numbers} every way, prints {@code "%d is prime: %s"} for each and the table; returns the timings. */
    static List<Timing> run(List<Long> numbers, PrintStream out) {
        List<Timing> timings = timeAll(variants(), numbers, out);
        List<Boolean> results = timings.get(0).results();
        for (Timing t : timings) {
            if (!t.results().equals(results)) {
                throw new IllegalStateException(t.name() + " disagrees with " + timings.get(0).name());
            }
        }
        for (int i = 0; i < numbers.size(); i++) {
            out.printf("%d is prime: %s%n", numbers.get(i), results.get(i) ? "True" : "False");
        }
        printTable(timings, out);
        return timings;
    }

    /**
     * Runs the check over the full {@link #PRIMES} list (a few seconds per variant).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        describeMachine(System.out);
        run(PRIMES, System.out);
    }
}
