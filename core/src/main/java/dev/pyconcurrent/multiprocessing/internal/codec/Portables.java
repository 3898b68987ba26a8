package dev.pyconcurrent.multiprocessing.internal.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * This library's objects that {@link ValueWriter} writes as a few plain parts and {@link ValueReader}
 * builds again from them, without Java serialization: the handles of cross-process objects (a queue is
 * its owner's address and its id) and a {@code Process} object. A young child JVM that Java-deserializes
 * a process object holding a queue spends tens of milliseconds setting up {@code ObjectInputStream} and
 * its record support before the target runs.
 *
 * <p>Java serialization's own idiom, with names of ours: a class of {@code dev.pyconcurrent} that declares
 * <pre>{@code
 * private Object[] writeParts()                       // values the writer writes directly
 * private static Object readParts(Object[] parts)      // the object again; ClassCastException or
 *                                                      // IllegalArgumentException for parts it did not make
 * }</pre>
 * is written as its parts. Only the class that declares both: a subclass that does not (a user's subclass
 * of {@code Process}) travels by Java serialization, as before, so nothing of it is lost. No public
 * method shows on the public classes.
 */
final class Portables {
    private Portables() {
    }

    private static final String OURS = "dev.pyconcurrent.";

    /** {@code writeParts} and {@code readParts} of each portable class; {@code null} for other classes. */
    private static final ClassValue<Method[]> METHODS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> c) {
            if (!c.getName().startsWith(OURS)) {
                return null;   // no reflection on the program's classes
            }
            try {
                Method write = c.getDeclaredMethod("writeParts");
                Method read = c.getDeclaredMethod("readParts", Object[].class);
                if (Modifier.isStatic(write.getModifiers()) || !Modifier.isStatic(read.getModifiers())
                        || write.getReturnType() != Object[].class) {
                    return null;
                }
                write.setAccessible(true);
                read.setAccessible(true);
                return new Method[] {write, read};
            } catch (NoSuchMethodException | RuntimeException none) {
                return null;
            }
        }
    };

    /**
     * @return whether {@code c} is a portable class of this library
     */
    static boolean isPortable(Class<?> c) {
        return METHODS.get(c) != null;
    }

    /**
     * @param v an object of a {@link #isPortable portable} class
     * @return its parts
     */
    static Object[] parts(Object v) {
        try {
            return (Object[]) METHODS.get(v.getClass())[0].invoke(v);
        } catch (InvocationTargetException e) {
            throw rethrow(v.getClass(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot take a " + v.getClass().getName() + " apart: " + e, e);
        }
    }

    /**
     * Builds a {@code c} from its parts.
     *
     * @throws IllegalStateException if {@code c} is not portable, or refuses the parts
     */
    static Object rebuild(Class<?> c, Object[] parts) {
        Method[] m = METHODS.get(c);
        if (m == null) {
            throw new IllegalStateException("protocol error: " + c.getName() + " is not a portable class here");
        }
        try {
            return m[1].invoke(null, (Object) parts);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof ClassCastException || t instanceof IllegalArgumentException
                    || t instanceof IndexOutOfBoundsException || t instanceof NullPointerException) {
                throw new IllegalStateException("cannot rebuild a " + c.getName() + ": " + t, t);
            }
            throw rethrow(c, t);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot rebuild a " + c.getName() + ": " + e, e);
        }
    }

    private static RuntimeException rethrow(Class<?> c, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(c.getName() + ": " + t, t);
    }
}
