package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;

import java.nio.MappedByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The reentrant lock of {@link Value#getLock()} and {@link Array#getLock()}, kept in the shared
 * memory it guards. Python: the {@code RLock} behind {@code get_lock()}.
 *
 * <p>Two words of the mapped file, at {@code base}: the owner and the hold count.
 * <pre>
 * owner word: 0 = UNLOCKED, else pid &lt;&lt; 32 | (thread id &amp; 0xffffffff) of the owning thread
 * count word: levels held by the owner; read and written by the owner only
 *
 * UNLOCKED --acquire: CAS owner 0 -> me, count = 1--> LOCKED(me, 1)
 * LOCKED(me, n) --acquire by me--> LOCKED(me, n + 1)
 * LOCKED(me, n > 1) --release by me--> LOCKED(me, n - 1)
 * LOCKED(me, 1) --release by me: count = 0, owner = 0 (volatile)--> UNLOCKED
 * LOCKED(p, n) --acquire by another process seeing pid p dead: CAS owner -> me--> LOCKED(me, 1)
 * </pre>
 * A waiter spins briefly, then yields, then parks with a growing pause (up to 1 ms); it checks
 * every few milliseconds whether the owner's process is still alive and takes the lock over if
 * not, so a process dying inside {@code with v.get_lock():} blocks no one forever (as the
 * served locks release what a dead process held). Objects of this class are not sent: each
 * process builds one over its own mapping of the file; get it from {@link Value#getLock()} or
 * {@link Array#getLock()}.
 */
public final class SharedMemoryLock extends AbstractAcquirable {
    private static final long PID = Pid.self();
    private static final long MAX_PARK_NANOS = 1_000_000L;
    private static final long LIVENESS_CHECK_NANOS = 5_000_000L;

    private final MappedByteBuffer buf;
    private final int owner;
    private final int count;

    /**
     * A lock at byte {@code base} (8-aligned, 16 bytes) of {@code buf}.
     *
     * @param buf  the mapping
     * @param base where the two words are
     */
    SharedMemoryLock(MappedByteBuffer buf, int base) {
        this.buf = buf;
        this.owner = base;
        this.count = base + 8;
    }

    private static long me() {
        @SuppressWarnings("deprecation")
        long tid = Thread.currentThread().getId();
        return PID << 32 | (tid & 0xffff_ffffL);
    }

    private long ownerWord() {
        return (long) SharedMemory.LONGS.getVolatile(buf, owner);
    }

    private boolean casOwner(long expected, long next) {
        return SharedMemory.LONGS.compareAndSet(buf, owner, expected, next);
    }

    private long holds() {
        return (long) SharedMemory.LONGS.get(buf, count);
    }

    private void setHolds(long n) {
        SharedMemory.LONGS.set(buf, count, n);
    }

    private static boolean ownerDead(long word) {
        long pid = word >>> 32;
        if (pid == PID) {
            return false;
        }
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** One attempt; {@code stealDead}: also take it over from a dead process. */
    private boolean tryOnce(long me, boolean stealDead) {
        long cur = ownerWord();
        if (cur == me) {
            setHolds(holds() + 1);
            return true;
        }
        if ((cur == 0 || (stealDead && ownerDead(cur))) && casOwner(cur, me)) {
            setHolds(1);
            return true;
        }
        return false;
    }

    /** Acquires within {@code nanos} ({@code Long.MAX_VALUE}: forever; below 0: one attempt). */
    @Override
    boolean acquireNanos(long nanos) {
        Interrupts.checkNotInterrupted();
        long me = me();
        if (tryOnce(me, false)) {
            return true;
        }
        if (nanos < 0) {
            return tryOnce(me, true);
        }
        boolean forever = nanos == Long.MAX_VALUE;
        long deadline = forever ? 0 : Timeouts.deadline(nanos);
        long nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
        long pause = 10_000L;
        for (int spins = 0; ; spins++) {
            boolean check = System.nanoTime() - nextCheck >= 0;
            if (check) {
                nextCheck = System.nanoTime() + LIVENESS_CHECK_NANOS;
            }
            if (tryOnce(me, check)) {
                return true;
            }
            if (Thread.interrupted()) {
                throw Interrupts.rethrow(new InterruptedException());
            }
            long left = forever ? Long.MAX_VALUE : Timeouts.remaining(deadline);
            if (left <= 0) {
                return false;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(Math.min(left, pause));
                pause = Math.min(MAX_PARK_NANOS, pause * 2);
            }
        }
    }

    /**
     * Python: {@code release()}.
     *
     * @throws IllegalMonitorStateException if the calling thread does not own it
     */
    @Override
    public void release() {
        if (ownerWord() != me()) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        long n = holds() - 1;
        if (n > 0) {
            setHolds(n);
        } else {
            setHolds(0);
            SharedMemory.LONGS.setVolatile(buf, owner, 0L);
        }
    }

    /**
     * Returns whether the calling thread holds it (Python's {@code _is_owned()}).
     *
     * @return whether the calling thread holds it
     */
    public boolean isOwnedByCurrentThread() {
        return ownerWord() == me();
    }

    /**
     * Whether a thread of any process holds it now. A lock whose holder's process has died counts as
     * unlocked: the next {@code acquire} takes it over. Python 3.14: {@code locked()}.
     *
     * @return whether it is held by a live process
     */
    public boolean locked() {
        long w = ownerWord();
        return w != 0 && !ownerDead(w);
    }

    @Override
    public String toString() {
        long w = ownerWord();
        return w == 0 ? "SharedRLock(unlocked)" : "SharedRLock(owner pid " + (w >>> 32) + ", count " + holds() + ")";
    }
}
