package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.Lock;

/**
 * A {@link Lock} ({@link Kind#LOCK}), remembering which connection holds it so that the lock
 * is released if that connection drops. States as {@link Lock}: UNLOCKED, LOCKED (with the
 * holder set by the connection that acquired it).
 */
final class ServedLock implements Served {
    private final Lock lock = new Lock();
    /** The connection that holds it, or {@code null}; set after each acquire, cleared before each release. */
    private volatile Broker.Session holder;

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        if (op == Op.ACQUIRE && (Long) a[0] != RemoteRef.NO_WAIT) {
            if (!lock.acquire(false)) {
                return LATER;
            }
            holder = s;
            return true;
        }
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case ACQUIRE: {
                boolean got = Served.acquire(lock, (Long) a[0]);
                if (got) {
                    holder = s;
                }
                return got;
            }
            case RELEASE:
                if (!lock.locked()) {
                    throw new IllegalStateException("release unlocked lock");
                }
                holder = null;
                lock.release();
                return null;
            case LOCKED:
                return lock.locked();
            default:
                throw Served.notServed(op, this);
        }
    }

    @Override
    public void dropped(Broker.Session s) {
        if (holder == s) {
            holder = null;
            try {
                lock.release();
            } catch (IllegalStateException alreadyReleased) {
                // released meanwhile
            }
        }
    }
}
