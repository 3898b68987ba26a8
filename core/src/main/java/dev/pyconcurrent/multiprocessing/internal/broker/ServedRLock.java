package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.RLock;

/**
 * An {@link RLock} ({@link Kind#RLOCK}): the connection's handler thread is the owner, so
 * every call runs on the handler. The holds of each connection are counted to undo them if
 * it drops.
 */
final class ServedRLock implements Served {
    private final RLock lock;
    private final SessionHolds holds = new SessionHolds();

    ServedRLock(RLock lock) {
        this.lock = lock;
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case ACQUIRE: {
                boolean got = Served.acquire(lock, (Long) a[0]);
                if (got) {
                    holds.add(s, 1);
                }
                return got;
            }
            case RELEASE:
                lock.release();
                holds.add(s, -1);
                return null;
            case LOCKED:
                return lock.locked();
            default:
                throw Served.notServed(op, this);
        }
    }

    @Override
    public void dropped(Broker.Session s) {
        for (int n = holds.take(s); n > 0; n--) {
            lock.release();
        }
    }
}
