package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.threading.Event;

/** An {@link Event} ({@link Kind#EVENT}); an {@code await} on a set event runs at once. */
final class ServedEvent implements Served {
    private final Event event = new Event();

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        if (op == Op.AWAIT) {
            return event.isSet() ? Boolean.TRUE : LATER;
        }
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case SET:
                event.set();
                return null;
            case CLEAR:
                event.clear();
                return null;
            case IS_SET:
                return event.isSet();
            case AWAIT: {
                long n = (Long) a[0];
                return n == RemoteRef.FOREVER ? event.await() : event.await(Served.duration(n));
            }
            default:
                throw Served.notServed(op, this);
        }
    }
}
