package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manager's namespace ({@link Kind#NAMESPACE}): attributes by name, in a {@link LinkedHashMap}
 * under its monitor. {@code GET} answers a one-element list (the value may be {@code null}, Python's
 * {@code None}) or {@code null} when there is no such attribute, so one round trip tells both apart.
 */
final class ServedNamespace implements Served {
    private final Map<String, Object> attributes = new LinkedHashMap<>(); // guarded by attributes

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        synchronized (attributes) {
            return switch (op) {
                case GET -> attributes.containsKey((String) a[0]) ? Collections.singletonList(attributes.get((String) a[0])) : null;
                case PUT -> {
                    attributes.put((String) a[0], a[1]);
                    yield null;
                }
                case REMOVE -> {
                    boolean had = attributes.containsKey((String) a[0]);
                    attributes.remove((String) a[0]);
                    yield had;
                }
                case CONTAINS_KEY -> attributes.containsKey((String) a[0]);
                case COPY -> new LinkedHashMap<>(attributes);
                default -> throw Served.notServed(op, this);
            };
        }
    }
}
