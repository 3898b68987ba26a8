package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.ArrayList;
import java.util.List;

/** A manager's list ({@link Kind#LIST}): an {@link ArrayList} under its monitor. */
final class ServedList implements Served {
    private final List<Object> list = new ArrayList<>(); // guarded by list

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        synchronized (list) {
            return switch (op) {
                case GET -> list.get((Integer) a[0]);
                case SET -> list.set((Integer) a[0], a[1]);
                case INSERT -> {
                    list.add((Integer) a[0], a[1]);
                    yield null;
                }
                case APPEND -> list.add(a[0]);
                case REMOVE_AT -> list.remove((int) (Integer) a[0]);
                case SIZE -> list.size();
                case CLEAR -> {
                    list.clear();
                    yield null;
                }
                case COPY -> new ArrayList<>(list);
                default -> throw Served.notServed(op, this);
            };
        }
    }
}
