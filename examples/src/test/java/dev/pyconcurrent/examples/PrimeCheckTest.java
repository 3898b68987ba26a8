package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.LongStream;

class PrimeCheckTest {

    @Test
    void isPrimeIsTrialDivisionUpToTheSquareRoot() {
        // Python: is_prime(n) divides by 2..floor(sqrt(n)) and treats 1 as not prime
        assertThat(PrimeCheck.isPrime(1)).isFalse();
        LongStream.rangeClosed(2, 5000).forEach(n ->
                assertThat(PrimeCheck.isPrime(n)).as("%d", n).isEqualTo(BigInteger.valueOf(n).isProbablePrime(50)));
        assertThat(PrimeCheck.isPrime(3306091L * 3306091L)).isFalse();
        assertThat(PrimeCheck.PRIMES).hasSize(65);
    }

    @Test
    void everyVariantFindsTheSameResultsInInputOrder() {
        // Python: executor.map(is_prime, PRIMES) zipped with PRIMES prints '%d is prime: %s' in input order
        List<Long> numbers = List.of(1116281L, 1297337L, 104395303L, 1L, 982451653L, 1099726899285419L, 4L);
        Output out = new Output();
        List<PrimeCheck.Timing> timings = PrimeCheck.run(numbers, out.stream());

        assertThat(timings).extracting(PrimeCheck.Timing::name)
                .containsExactly("sequential", "ThreadPoolExecutor", "Pools.map (threads)", "ProcessPoolExecutor");
        for (PrimeCheck.Timing t : timings) {
            assertThat(t.results()).as(t.name()).containsExactly(true, true, true, false, true, false, false);
        }
        assertThat(out.lines()).contains("1116281 is prime: True", "1099726899285419 is prime: False", "1 is prime: False");
        assertThat(out.text()).contains("speed-up");
    }
}
