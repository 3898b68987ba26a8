package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** A manager's set ({@link Kind#SET}): a {@link LinkedHashSet} under its monitor. */
final class ServedSet implements Served {
    private final Set<Object> set = new LinkedHashSet<>(); // guarded by set

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        synchronized (set) {
            return switch (op) {
                case APPEND -> set.add(a[0]);
                case REMOVE -> set.remove(a[0]);
                case CONTAINS_KEY -> set.contains(a[0]);
                case SIZE -> set.size();
                case CLEAR -> {
                    set.clear();
                    yield null;
                }
                case COPY -> new ArrayList<>(set);
                case PUT_ALL -> set.addAll((Collection<?>) a[0]);
                case REMOVE_ALL -> set.removeAll((Collection<?>) a[0]);
                case RETAIN_ALL -> set.retainAll(new LinkedHashSet<>((Collection<?>) a[0]));
                case CONTAINS_ALL -> set.containsAll((Collection<?>) a[0]);
                default -> throw Served.notServed(op, this);
            };
        }
    }
}
