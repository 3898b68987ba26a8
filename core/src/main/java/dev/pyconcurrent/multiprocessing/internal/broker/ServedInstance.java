package dev.pyconcurrent.multiprocessing.internal.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An object of a registered type ({@link Registration}), served by its manager: {@code CALL_METHOD}
 * runs one method of the registered interface on it, named by {@link Registration#methodKey}. Only
 * the interface's methods (and {@code toString}) can be called. What the method throws is answered
 * as a {@link MethodFailure}; calls from different connections run at the same time, so the object
 * must be thread-safe, as in Python. Every call may block, so all run on the connection's handler
 * thread, where a client's interrupt reaches them.
 */
final class ServedInstance implements Served {
    private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> m = new HashMap<>();
            for (Method x : type.getMethods()) {
                if (!Modifier.isStatic(x.getModifiers())) {
                    x.trySetAccessible();
                    m.putIfAbsent(Registration.methodKey(x), x);
                }
            }
            return Map.copyOf(m);
        }
    };
    private static final String TO_STRING = "toString()";

    private final Object target;
    private final Class<?> type;
    private final Map<String, Method> methods;

    ServedInstance(Object target, Class<?> type) {
        this.target = target;
        this.type = type;
        this.methods = METHODS.get(type);
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        if (op != Op.CALL_METHOD) {
            throw Served.notServed(op, this);
        }
        String key = (String) a[0];
        Method m = methods.get(key);
        if (m == null) {
            if (TO_STRING.equals(key)) {
                try {
                    return String.valueOf(target);
                } catch (RuntimeException | Error e) {
                    return MethodFailure.of(e);
                }
            }
            throw new IllegalArgumentException(key + " is not a method of " + type.getName());
        }
        Object[] args = Arrays.copyOfRange(a, 1, a.length);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            return MethodFailure.of(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + type.getName() + "." + key + " on a "
                    + target.getClass().getName() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the arguments do not fit " + type.getName() + "." + key + ": " + e.getMessage(), e);
        }
    }
}
