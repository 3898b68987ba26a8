package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.Semaphore;

/**
 * A {@link Semaphore} or {@link BoundedSemaphore} ({@link Kind#SEMAPHORE},
 * {@link Kind#BOUNDED_SEMAPHORE}). Permits are not tied to a connection: one taken by a
 * process that dies is not given back (as in Python).
 */
final class ServedSemaphore implements Served {
    private final Semaphore sem;

    ServedSemaphore(Semaphore sem) {
        this.sem = sem;
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        if (op == Op.ACQUIRE && (Long) a[0] != RemoteRef.NO_WAIT) {
            return sem.acquire(false) ? Boolean.TRUE : LATER;
        }
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case ACQUIRE:
                return Served.acquire(sem, (Long) a[0]);
            case RELEASE:
                sem.release((Integer) a[0]);
                return null;
            case GET_VALUE:
                return sem.getValue();
            default:
                throw Served.notServed(op, this);
        }
    }
}
