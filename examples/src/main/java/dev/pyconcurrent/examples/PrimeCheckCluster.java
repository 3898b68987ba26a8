package dev.pyconcurrent.examples;

import dev.pyconcurrent.cluster.ClusterExecutor;
import dev.pyconcurrent.cluster.LocalCluster;
import dev.pyconcurrent.futures.ProcessPoolExecutor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * F3, scaled out: the prime check on a Hazelcast cluster of three members, next to
 * {@code ProcessPoolExecutor(2)}. Moving from child JVMs to cluster members is a one-line change,
 * the line that makes the executor; the {@code map} call stays the same:
 *
 * <pre>{@code
 * try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {      // child JVMs on this machine
 * try (ClusterExecutor executor = ClusterExecutor.embedded(config)) {     // members of a cluster
 *     List<Boolean> primes = executor.map(PrimeCheckCluster::isPrime, PRIMES).toList();
 * }
 * }</pre>
 *
 * <p>Here the three members are child JVMs on this machine ({@link LocalCluster}, listening on 127.0.0.1
 * only), so the run shows the mechanics rather than a speed-up: on one machine the members share its cores.
 * On real machines, start a member on each (with this program's classes on its class path) and build the
 * executor from a configuration that joins them.
 *
 * <pre>
 * # the Python original: concurrent.futures' documentation example
 * with concurrent.futures.ProcessPoolExecutor() as executor:
 *     for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
 *         print('%d is prime: %s' % (number, prime))
 * </pre>
 */
public final class PrimeCheckCluster {
    private PrimeCheckCluster() {
    }

    /** Python's {@code PRIMES}: the F3 numbers, five times over (65 numbers), as in {@link PrimeCheck}. */
    static final List<Long> PRIMES = PrimeCheck.PRIMES;

    /** Python's {@code is_prime}: {@link PrimeCheck#isPrime(long)}. */
    static boolean isPrime(long n) {
        return PrimeCheck.isPrime(n);
    }

    /** Python's {@code with ProcessPoolExecutor(2) as ex: list(ex.map(is_prime, PRIMES))}. */
    static List<Boolean> onProcessPool(List<Long> numbers) {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            return executor.map(PrimeCheckCluster::isPrime, numbers).toList();
        }
    }

    /** The same on the cluster: only the executor line differs. */
    static List<Boolean> onCluster(LocalCluster cluster, List<Long> numbers) {
        try (ClusterExecutor executor = cluster.executor()) {
            return executor.map(PrimeCheckCluster::isPrime, numbers).toList();
        }
    }

    /**
     * Starts a local cluster of {@code members}, checks {@code numbers} on {@code ProcessPoolExecutor(2)} and
     * on the cluster, prints each way's time and then {@code "%d is prime: %s"} per number; stops the cluster.
     *
     * @param numbers the numbers
     * @param members cluster members to start
     * @param out     where to print
     * @return seconds per step, in order: ProcessPoolExecutor(2), cluster start, ClusterExecutor, cluster stop
     */
    static Map<String, Double> run(List<Long> numbers, int members, PrintStream out) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<Boolean> onProcesses = onProcessPool(numbers);
        seconds.put("ProcessPoolExecutor(2)", (System.nanoTime() - t0) / 1e9);
        List<Boolean> onCluster;
        long t1 = System.nanoTime();
        long t3;
        try (LocalCluster cluster = LocalCluster.builder().members(members).memberThreads(2).start()) {
            seconds.put("start " + members + " members", (System.nanoTime() - t1) / 1e9);
            long t2 = System.nanoTime();
            onCluster = onCluster(cluster, numbers);
            seconds.put("ClusterExecutor (" + members + " members)", (System.nanoTime() - t2) / 1e9);
            t3 = System.nanoTime();
        }
        seconds.put("stop " + members + " members", (System.nanoTime() - t3) / 1e9);
        if (!onCluster.equals(onProcesses)) {
            throw new IllegalStateException("the cluster disagrees with the process pool");
        }
        List<Boolean> check = new ArrayList<>();
        for (long n : numbers) {
            check.add(isPrime(n));
        }
        if (!check.equals(onCluster)) {
            throw new IllegalStateException("the cluster disagrees with the sequential check");
        }
        for (int i = 0; i < numbers.size(); i++) {
            out.printf("%d is prime: %s%n", numbers.get(i), onCluster.get(i) ? "True" : "False");
        }
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            out.printf("%-32s %6.2f s%n", e.getKey(), e.getValue());
        }
        return seconds;
    }

    /**
     * The full list on three local members.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // Hazelcast's own start-up check (run before a member reads its configuration) logs through
        // java.util.logging unless told otherwise; through slf4j it follows simplelogger.properties
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
        run(PRIMES, 3, System.out);
    }
}
