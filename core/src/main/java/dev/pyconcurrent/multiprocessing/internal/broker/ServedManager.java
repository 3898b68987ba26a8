package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A manager's control object, at id 0 of its broker: what a process connected to the manager asks
 * of it ({@link ManagerLink}). {@code CREATE(kind, args...)} makes a built-in object ({@code dict},
 * {@code Queue}, {@code Lock}, ...) and answers its id; {@code CREATE_TYPE(typeid, interface,
 * args...)} runs a registered type's factory (answering a {@link MethodFailure} if it throws);
 * {@code SIZE} answers the number of registered types (the first call of a {@code connect()}).
 */
final class ServedManager implements Served {
    /** What a manager makes for its clients: every kind but the pipe, which is not a manager's. */
    private static final Set<Kind> MANAGER_KINDS = EnumSet.complementOf(EnumSet.of(Kind.PIPE));

    private final ManagerHost host;

    ServedManager(ManagerHost host) {
        this.host = host;
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return op == Op.CREATE_TYPE ? LATER : call(op, a, s);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case SIZE:
                return host.typeCount();
            case CREATE: {
                Kind kind;
                try {
                    kind = Kind.valueOf((String) a[0]);
                } catch (IllegalArgumentException e) {
                    kind = null;
                }
                if (kind == null || !MANAGER_KINDS.contains(kind)) {
                    throw new IllegalArgumentException("a manager does not make a '" + a[0] + "'");
                }
                return host.create(kind, Arrays.copyOfRange(a, 1, a.length)).id();
            }
            case CREATE_TYPE:
                try {
                    return host.createRegistered((String) a[0], (String) a[1], Arrays.copyOfRange(a, 2, a.length));
                } catch (RuntimeException | Error e) {
                    return MethodFailure.of(e);
                }
            default:
                throw Served.notServed(op, this);
        }
    }
}
