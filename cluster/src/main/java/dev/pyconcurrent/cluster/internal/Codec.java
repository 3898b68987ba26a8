package dev.pyconcurrent.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization of tasks, items, results and exceptions, done by this library rather than by
 * Hazelcast, so that a task that cannot be serialized fails at the call with a message naming the class,
 * and a result that cannot be serialized fails its own future. Classes are resolved through the thread's
 * context class loader first, then this library's loader. Not public API.
 */
public final class Codec {
    private Codec() {
    }

    /**
     * Serializes {@code value}.
     *
     * @param value the object
     * @param what  what it is, for the message ("the task", "an item")
     * @return its bytes
     * @throws IllegalArgumentException naming the class that is not serializable
     */
    public static byte[] encode(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " (" + describe(value) + ") cannot be sent to a cluster member: "
                    + e.getMessage() + " is not Serializable", e);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException(what + " (" + describe(value) + ") cannot be sent to a cluster member: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " (" + describe(value) + ") cannot be sent to a cluster member: "
                    + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes bytes written by {@link #encode}.
     *
     * @param bytes the bytes
     * @return the object
     * @throws IllegalStateException if a class is missing or the stream is damaged
     */
    public static Object decode(byte[] bytes) {
        try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalStateException("cannot deserialize: " + e, e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "an object of " + value.getClass().getName();
    }

    /** Resolves classes through the context class loader, then this library's. */
    private static final class LoaderAwareInput extends ObjectInputStream {
        LoaderAwareInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException notThere) {
                    // fall back to the default resolution
                }
            }
            try {
                return Class.forName(desc.getName(), false, Codec.class.getClassLoader());
            } catch (ClassNotFoundException notThere) {
                return super.resolveClass(desc);
            }
        }
    }
}
