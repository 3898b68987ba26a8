package dev.pyconcurrent.multiprocessing.internal.codec;

import dev.pyconcurrent.multiprocessing.internal.launch.Wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * {@link Codec} on Java serialization. Every stream it reads is limited by an
 * {@link ObjectInputFilter} (graph depth, number of references, total bytes), merged
 * with the JVM-wide filter when one is configured. Classes are resolved through the thread's
 * context class loader first (a cluster member runs tasks of classes its application loaded),
 * then this library's loader, then the default resolution.
 *
 * <p>Process pools and cluster members both decode with it, so the same limits guard both.
 */
public final class JavaSerializationCodec implements Codec {
    /** The codec with the default limits. */
    public static final JavaSerializationCodec INSTANCE = new JavaSerializationCodec(2_000, 50_000_000L, Wire.MAX_PAYLOAD);

    private final ObjectInputFilter limits;

    /**
     * @param maxDepth deepest object graph accepted
     * @param maxRefs  most object references in one stream
     * @param maxBytes most bytes in one stream
     */
    public JavaSerializationCodec(int maxDepth, long maxRefs, long maxBytes) {
        this.limits = ObjectInputFilter.Config.createFilter(
                "maxdepth=" + maxDepth + ";maxrefs=" + maxRefs + ";maxbytes=" + maxBytes);
    }

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(describe(value) + " cannot be serialized: " + e.getMessage()
                    + " is not Serializable", e);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException(describe(value) + " cannot be serialized: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(describe(value) + " cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes))) {
            ObjectInputFilter current = in.getObjectInputFilter();
            in.setObjectInputFilter(current == null ? limits : ObjectInputFilter.merge(limits, current));
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalStateException("cannot deserialize: " + e, e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "an object of " + value.getClass().getName();
    }

    /** Resolves classes through the context class loader, then this library's, then the default. */
    private static final class LoaderAwareInput extends ObjectInputStream {
        LoaderAwareInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = java.lang.Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException notThere) {
                    // try the next loader
                }
            }
            try {
                return Class.forName(desc.getName(), false, JavaSerializationCodec.class.getClassLoader());
            } catch (ClassNotFoundException notThere) {
                return super.resolveClass(desc);
            }
        }
    }
}
