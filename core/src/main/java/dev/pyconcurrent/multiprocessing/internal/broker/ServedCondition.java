package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.RLock;

/**
 * A {@link Condition} over an {@link RLock} ({@link Kind#CONDITION}), as Python's
 * {@code multiprocessing.Condition()}. The connection's handler thread owns the lock, so
 * every call runs on the handler; the holds of each connection are counted to undo them if
 * it drops.
 */
final class ServedCondition implements Served {
    private final Condition cond = new Condition(new RLock());
    private final SessionHolds holds = new SessionHolds();

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case ACQUIRE: {
                boolean got = Served.acquire(cond, (Long) a[0]);
                if (got) {
                    holds.add(s, 1);
                }
                return got;
            }
            case RELEASE:
                cond.release();
                holds.add(s, -1);
                return null;
            case AWAIT: {
                long n = (Long) a[0];
                return n == RemoteRef.FOREVER ? cond.await() : cond.await(Served.duration(n));
            }
            case SIGNAL:
                cond.signal((Integer) a[0]);
                return null;
            case SIGNAL_ALL:
                cond.signalAll();
                return null;
            case LOCKED:
                return cond.locked();
            default:
                throw Served.notServed(op, this);
        }
    }

    @Override
    public void dropped(Broker.Session s) {
        for (int n = holds.take(s); n > 0; n--) {
            cond.release();
        }
    }
}
