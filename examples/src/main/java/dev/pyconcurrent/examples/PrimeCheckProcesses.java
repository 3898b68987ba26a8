package dev.pyconcurrent.examples;

import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.Pool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * F3, process side: the prime check run sequentially, on {@code Pool(2)} and on
 * {@code ProcessPoolExecutor(2)}, printing {@code "%d is prime: %s"} per number and the time of
 * each. In CPython only processes speed this up; on the JVM threads already do, and processes
 * add a start-up cost (new JVMs) and serialization, so they pay off for isolation rather than speed.
 *
 * <pre>
 * import concurrent.futures, math, multiprocessing
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
 * if __name__ == "__main__":
 *     with multiprocessing.Pool(2) as pool:
 *         pool.map(is_prime, PRIMES)
 *     with concurrent.futures.ProcessPoolExecutor(2) as executor:
 *         for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
 *             print('%d is prime: %s' % (number, prime))
 * </pre>
 */
public final class PrimeCheckProcesses {
    private PrimeCheckProcesses() {
    }

    /** Python's {@code PRIMES}: the F3 numbers, five times over (65 numbers), as in {@link PrimeCheck}. */
    static final List<Long> PRIMES = PrimeCheck.PRIMES;

    /** Python's {@code is_prime}: {@link PrimeCheck#isPrime(long)}. */
    static boolean isPrime(long n) {
        return PrimeCheck.isPrime(n);
    }

    /** A plain loop. */
    static List<Boolean> sequential(List<Long> numbers) {
        List<Boolean> out = new ArrayList<>();
        for (long n : numbers) {
            out.add(isPrime(n));
        }
        return out;
    }

    /** Python's {@code with Pool(2) as pool: pool.map(is_prime, PRIMES)} (start-up included). */
    static List<Boolean> onPool(List<Long> numbers) {
        try (Pool pool = new Pool(2)) {
            return pool.map(PrimeCheckProcesses::isPrime, numbers);
        }
    }

    /** Python's {@code with ProcessPoolExecutor(2) as ex: list(ex.map(is_prime, PRIMES))} (start-up included). */
    static List<Boolean> onProcessPoolExecutor(List<Long> numbers) {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            return executor.map(PrimeCheckProcesses::isPrime, numbers).toList();
        }
    }

    /**
     * Checks {@code numbers} every way, prints each way's time and then {@code "%d is prime: %s"} per number.
     *
     * @param numbers the numbers
     * @param out where to print
     * @return seconds per way, in order: sequential, Pool(2), ProcessPoolExecutor(2)
     */
    static Map<String, Double> run(List<Long> numbers, PrintStream out) {
        Map<String, Function<List<Long>, List<Boolean>>> ways = new LinkedHashMap<>();
        ways.put("sequential", PrimeCheckProcesses::sequential);
        ways.put("Pool(2)", PrimeCheckProcesses::onPool);
        ways.put("ProcessPoolExecutor(2)", PrimeCheckProcesses::onProcessPoolExecutor);
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<Boolean> expected = null;
        List<Boolean> last = null;
        for (Map.Entry<String, Function<List<Long>, List<Boolean>>> way : ways.entrySet()) {
            long start = System.nanoTime();
            List<Boolean> results = way.getValue().apply(numbers);
            double s = (System.nanoTime() - start) / 1e9;
            seconds.put(way.getKey(), s);
            out.printf("%-24s %.2f s%n", way.getKey(), s);
            if (expected == null) {
                expected = results;
            } else if (!expected.equals(results)) {
                throw new IllegalStateException(way.getKey() + " disagrees with the sequential check");
            }
            last = results;
        }
        for (int i = 0; i < numbers.size(); i++) {
            out.printf("%d is prime: %s%n", numbers.get(i), last.get(i) ? "True" : "False");
        }
        return seconds;
    }

    /**
     * The full list.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(PRIMES, System.out);
    }
}
