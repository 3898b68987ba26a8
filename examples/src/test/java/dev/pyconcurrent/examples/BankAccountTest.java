package dev.pyconcurrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankAccountTest {

    @Test
    void depositsAreLostWithoutALockAndAllCountWithAnRLock() {
        // Python: 100 deposits on ThreadPoolExecutor(16): balance far below 100 unlocked, exactly 100 with RLock
        Output out = new Output();
        BankAccount.Result r = BankAccount.run(0.2, out.stream());

        assertThat(r.withoutLock()).isLessThan(100);
        assertThat(r.withLock()).isEqualTo(100);
        assertThat(out.lines()).contains("with RLock:   balance = 100");
    }
}
