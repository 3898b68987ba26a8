package dev.pyconcurrent.examples;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import dev.pyconcurrent.threading.RLock;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * L2: a bank account receiving 100 deposits of 1 through a pool of 16 threads. Each
 * deposit reads the balance, waits a moment (say, for the database), and writes the
 * new balance. Without a lock deposits overwrite each other and most are lost; with an
 * {@code RLock} held around the read-modify-write ({@code with self.lock:} is
 * {@code try (Held h = lock.hold())}) the balance is exactly 100.
 *
 * <pre>
 * import threading, time
 * from concurrent.futures import ThreadPoolExecutor
 *
 * class Account:
 *     def __init__(self):
 *         self.balance = 0
 *         self.lock = threading.RLock()
 *
 *     def deposit(self, money):
 *         new = self.balance + money
 *         time.sleep(0.01)
 *         self.balance = new
 *
 *     def locked_deposit(self, money):
 *         with self.lock:
 *             self.deposit(money)
 *
 * for name in ("deposit", "locked_deposit"):
 *     account = Account()
 *     with ThreadPoolExecutor(16) as pool:
 *         for _ in range(100):
 *             pool.submit(getattr(account, name), 1)
 *     print(name, "->", account.balance)          # far below 100, then 100
 * </pre>
 */
public final class BankAccount {
    private BankAccount() {
    }

    /** The final balance without and with the lock. */
    record Result(int withoutLock, int withLock) {
    }

    /** Python's {@code Account}. */
    static final class Account {
        private final double delay;
        private final RLock lock = new RLock();
        private int balance;   // lockedDeposit: guarded by lock; deposit alone: raced on purpose

        Account(double delay) {
            this.delay = delay;
        }

        void deposit(int money) {
            int updated = balance + money;
            Time.sleep(delay);
            balance = updated;
        }

        void lockedDeposit(int money) {
            try (Held h = lock.hold()) {
                deposit(money);
            }
        }

        int getBalance() {
            try (Held h = lock.hold()) {
                return balance;
            }
        }
    }

    /** Makes 100 deposits of 1 on a 16-thread pool, with the given deposit method, and returns the balance. */
    static int hundredDeposits(Account account, IntConsumer deposit) {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(16)) {
            for (int i = 0; i < 100; i++) {
                pool.submit(() -> deposit.accept(1));
            }
        }   // close() = shutdown(wait=true): every deposit has run here
        return account.getBalance();
    }

    /** Runs both versions; every sleep is multiplied by {@code timeScale}. */
    static Result run(double timeScale, PrintStream out) {
        Account unsafe = new Account(0.01 * timeScale);
        int withoutLock = hundredDeposits(unsafe, unsafe::deposit);
        out.println("without lock: balance = " + withoutLock + "   (expected 100)");

        Account safe = new Account(0.01 * timeScale);
        int withLock = hundredDeposits(safe, safe::lockedDeposit);
        out.println("with RLock:   balance = " + withLock);
        return new Result(withoutLock, withLock);
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
