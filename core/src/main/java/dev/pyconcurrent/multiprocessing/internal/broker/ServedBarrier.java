package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.Barrier;

/**
 * A {@link Barrier} ({@link Kind#BARRIER}); a party whose process dies while waiting breaks
 * it (its handler thread is interrupted).
 */
final class ServedBarrier implements Served {
    private final Barrier barrier;

    ServedBarrier(int parties) {
        barrier = new Barrier(parties);
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return op == Op.AWAIT ? LATER : call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case AWAIT: {
                long n = (Long) a[0];
                return n == RemoteRef.FOREVER ? barrier.await() : barrier.await(Served.duration(n));
            }
            case RESET:
                barrier.reset();
                return null;
            case ABORT:
                barrier.abort();
                return null;
            case GET_PARTIES:
                return barrier.getParties();
            case GET_N_WAITING:
                return barrier.getNWaiting();
            case IS_BROKEN:
                return barrier.isBroken();
            default:
                throw Served.notServed(op, this);
        }
    }
}
