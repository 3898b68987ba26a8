package dev.pyconcurrent.benchmarks;

import java.util.List;

/** The prime check of scenario F3, in one place for every benchmark of this module. */
final class F3 {
    private F3() {
    }

    /** The thirteen distinct numbers of the F3 prime check. */
    static final List<Long> PRIMES = List.of(
            1116281L, 1297337L, 104395303L, 472882027L, 533000389L, 817504243L,
            982451653L, 112272535095293L, 112582705942171L, 112272535095293L,
            115280095190773L, 115797848077099L, 1099726899285419L);

    /**
     * Trial division by 2..floor(sqrt(n)); 1 is not prime.
     *
     * @param n the number
     * @return whether it is prime
     */
    static boolean isPrime(long n) {
        long limit = (long) Math.floor(Math.sqrt(n));
        for (long i = 2; i <= limit; i++) {
            if (n % i == 0) {
                return false;
            }
        }
        return n != 1;
    }
}
