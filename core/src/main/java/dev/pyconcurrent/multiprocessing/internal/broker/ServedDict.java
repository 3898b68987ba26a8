package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/** A manager's dictionary ({@link Kind#DICT}): a {@link LinkedHashMap} under its monitor. */
final class ServedDict implements Served {
    private final Map<Object, Object> map = new LinkedHashMap<>(); // guarded by map

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        synchronized (map) {
            return switch (op) {
                case GET -> map.get(a[0]);
                case PUT -> map.put(a[0], a[1]);
                case PUT_IF_ABSENT -> map.putIfAbsent(a[0], a[1]);
                case REMOVE -> map.remove(a[0]);
                case CONTAINS_KEY -> map.containsKey(a[0]);
                case CONTAINS_VALUE -> map.containsValue(a[0]);
                case SIZE -> map.size();
                case CLEAR -> {
                    map.clear();
                    yield null;
                }
                case PUT_ALL -> {
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> m = (Map<Object, Object>) a[0];
                    map.putAll(m);
                    yield null;
                }
                case COPY -> new LinkedHashMap<>(map);
                default -> throw Served.notServed(op, this);
            };
        }
    }
}
