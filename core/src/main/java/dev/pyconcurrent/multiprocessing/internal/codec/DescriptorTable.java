package dev.pyconcurrent.multiprocessing.internal.codec;

import java.lang.invoke.SerializedLambda;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Descriptors} a channel's peer has defined, by its numbers, resolved once here: a class,
 * or a lambda's capturing class and shape. One per channel, filled by the channel's reader thread
 * before the messages that use them; read by the {@link ValueReader} of that channel.
 *
 * <p>Limit: at most {@link #MAX_DESCRIPTORS} descriptors per channel.
 */
public final class DescriptorTable {
    /** Most descriptors one peer may define. */
    static final int MAX_DESCRIPTORS = 1 << 16;

    /**
     * A lambda's shape: its capturing class, the parts of its serialized form, and the body that
     * {@link ReflectedLambdas} calls, or null where the lambda is rebuilt by {@link Lambdas}.
     */
    record Lambda(Class<?> capturing, List<String> parts, ReflectedLambdas.Body body) {
        SerializedLambda form(Object[] captured) {
            return ValueReader.form(parts, capturing, captured);
        }

        /** The lambda with these captured values. */
        Object rebuild(Object[] captured) {
            return body != null ? ReflectedLambdas.rebuild(body, form(captured))
                    : Lambdas.rebuild(capturing, form(captured));
        }
    }

    private Object[] resolved = new Object[16];   // index = id; a Class or a Lambda

    /**
     * Defines descriptor {@code id} from its peer's definition.
     *
     * @throws IllegalStateException if the definition is damaged or names a class missing here
     */
    public void define(int id, byte[] definition) {
        if (id <= 0 || id > MAX_DESCRIPTORS) {
            throw new IllegalStateException("protocol error: descriptor number " + id);
        }
        Object r = resolve(Descriptors.parse(definition));
        if (id >= resolved.length) {
            resolved = Arrays.copyOf(resolved, Math.max(id + 1, resolved.length * 2));
        }
        resolved[id] = r;
    }

    Object resolved(int id) {
        Object r = id > 0 && id < resolved.length ? resolved[id] : null;
        if (r == null) {
            throw new IllegalStateException("protocol error: descriptor " + id + " used before it is defined");
        }
        return r;
    }

    /** A class, or a {@link Lambda}, for a parsed definition. */
    static Object resolve(Descriptors.Key key) {
        if (key.kind() == Descriptors.TYPE) {
            return load(key.parts().get(0));
        }
        Class<?> capturing = load(key.parts().get(0).replace('/', '.'));
        try {
            Integer.parseInt(key.parts().get(4));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("protocol error: a lambda descriptor with method kind "
                    + key.parts().get(4));
        }
        return new Lambda(capturing, key.parts(), ReflectedLambdas.body(capturing, key.parts()));
    }

    /** Loads a class without initializing it: the context class loader first, then this library's. */
    static Class<?> load(String name) {
        ClassLoader context = java.lang.Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException | LinkageError notThere) {
                // try the next loader
            }
        }
        try {
            return Class.forName(name, false, DescriptorTable.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot decode a value: class " + name + " is not found here", e);
        }
    }
}
