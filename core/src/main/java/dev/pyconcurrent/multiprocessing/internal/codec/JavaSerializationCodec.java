package dev.pyconcurrent.multiprocessing.internal.codec;

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
 * {@link ObjectInputFilter} (graph depth, number of references, total bytes, and array lengths no larger
 * than the stream could fill: {@code 8 ×} its bytes, which covers the tables {@code HashMap} and
 * {@code ArrayList} size from a count in the stream), merged with the JVM-wide filter when one is
 * configured. Classes are resolved through the thread's context class loader first (a cluster member
 * runs tasks of classes its application loaded), then this library's loader, then the default resolution.
 *
 * <p>Those limits bound memory, not time: a few kilobytes of nested, shared {@code HashSet}s pass them
 * all and still make {@code readObject} hash for minutes. A codec made with a work limit
 * ({@link #BOUNDED}, used by the object server, which decodes what any authenticated process sends) first
 * measures that work on the bytes, without creating an object ({@link StreamWork}), and refuses a stream
 * above the limit.
 *
 * <p>Process pools and cluster members both decode with it, so the same limits guard both.
 */
public final class JavaSerializationCodec implements Codec {
    /** The codec with the default limits. */
    public static final JavaSerializationCodec INSTANCE = new JavaSerializationCodec(2_000, 50_000_000L, MAX_MESSAGE_BYTES);

    /** The stream header every message starts with (the reused stream writes it only once). */
    private static final byte[] STREAM_HEADER = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05};

    /** One object stream per thread, reset between messages rather than created for each. */
    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final ObjectOutputStream out;

        Output() throws IOException {
            out = new SentClassesStream(bytes);
        }
    }

    /**
     * Notes the classes it writes (and the classes whose lambdas it writes) in {@link Descriptors#noteSent}:
     * a child of this JVM will load them, so the children's class-data archive lists them too.
     */
    private static final class SentClassesStream extends ObjectOutputStream {
        SentClassesStream(ByteArrayOutputStream bytes) throws IOException {
            super(bytes);
            try {
                enableReplaceObject(true);
            } catch (SecurityException refused) {
                // under a security manager without the permission: lambdas' classes go unnoted
            }
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            Descriptors.noteSent(cl.getName());
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof java.lang.invoke.SerializedLambda l) {
                Descriptors.noteSent(l.getCapturingClass());
            }
            return obj;
        }
    }

    private static final ThreadLocal<Output> OUTPUTS = new ThreadLocal<>();

    /**
     * Most work {@link #BOUNDED} lets one stream cost: objects visited by a recursive walk, shared
     * sub-objects once per path (about a second of hashing).
     */
    public static final long MAX_WORK = 1L << 27;

    /** The default limits, plus the work limit {@link #MAX_WORK}; for values from other processes. */
    public static final JavaSerializationCodec BOUNDED = new JavaSerializationCodec(2_000, 50_000_000L, MAX_MESSAGE_BYTES,
            MAX_WORK);

    private final ObjectInputFilter limits;
    private final int maxDepth;
    private final long maxWork;

    /**
     * @param maxDepth deepest object graph accepted
     * @param maxRefs  most object references in one stream
     * @param maxBytes most bytes in one stream
     */
    public JavaSerializationCodec(int maxDepth, long maxRefs, long maxBytes) {
        this(maxDepth, maxRefs, maxBytes, 0);
    }

    /**
     * @param maxDepth deepest object graph accepted
     * @param maxRefs  most object references in one stream
     * @param maxBytes most bytes in one stream
     * @param maxWork  most work one stream may cost ({@link StreamWork}); 0: not measured
     */
    public JavaSerializationCodec(int maxDepth, long maxRefs, long maxBytes, long maxWork) {
        // checked by hand: the JDK's pattern filters parse and stream on every check
        this.limits = new Limits(maxDepth, maxRefs, maxBytes, Long.MAX_VALUE, null);
        this.maxDepth = maxDepth;
        this.maxWork = maxWork;
    }

    @Override
    public byte[] encode(Object value) {
        Output o = OUTPUTS.get();
        try {
            if (o == null) {
                o = new Output();
                OUTPUTS.set(o);
            }
            o.bytes.reset();
            o.out.writeObject(value);
            o.out.flush();
            byte[] body = o.bytes.toByteArray();
            o.out.reset();   // forget this message's objects; the marker it writes is dropped with bytes.reset()
            byte[] message = new byte[STREAM_HEADER.length + body.length];
            System.arraycopy(STREAM_HEADER, 0, message, 0, STREAM_HEADER.length);
            System.arraycopy(body, 0, message, STREAM_HEADER.length, body.length);
            if (o.bytes.size() > (1 << 20)) {
                OUTPUTS.remove();   // do not keep a huge buffer
            }
            return message;
        } catch (NotSerializableException e) {
            OUTPUTS.remove();   // a stream left in the middle of an object is not used again
            throw new IllegalArgumentException(describe(value) + " cannot be serialized: " + e.getMessage()
                    + " is not Serializable", e);
        } catch (InvalidClassException e) {
            OUTPUTS.remove();
            throw new IllegalArgumentException(describe(value) + " cannot be serialized: " + e.getMessage(), e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            OUTPUTS.remove();
            throw new IllegalArgumentException(describe(value) + " cannot be serialized: " + e, e);
        }
    }

    @Override
    public Object decode(byte[] bytes) {
        if (maxWork > 0) {
            try {
                StreamWork.check(bytes, maxWork, maxDepth);
            } catch (StreamWork.TooCostly e) {
                throw new IllegalStateException("cannot deserialize: refused: " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("cannot deserialize: " + e.getMessage(), e);
            }
        }
        long maxArray = 8L * bytes.length + 64;
        ObjectInputFilter arrays = new Limits(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, maxArray, limits);
        try (ObjectInputStream in = new LoaderAwareInput(new ByteArrayInputStream(bytes))) {
            ObjectInputFilter current = in.getObjectInputFilter();
            in.setObjectInputFilter(current == null ? arrays : ObjectInputFilter.merge(arrays, current));
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalStateException("cannot deserialize: " + e, e);
        }
    }

    /**
     * The size limits of a stream, checked by hand: rejected beyond them, else what {@code then} says (or
     * undecided). A class, not a lambda: a young worker links no call site for it.
     */
    private static final class Limits implements ObjectInputFilter {
        private final int maxDepth;
        private final long maxRefs;
        private final long maxBytes;
        private final long maxArray;
        private final ObjectInputFilter then;   // null: undecided

        Limits(int maxDepth, long maxRefs, long maxBytes, long maxArray, ObjectInputFilter then) {
            this.maxDepth = maxDepth;
            this.maxRefs = maxRefs;
            this.maxBytes = maxBytes;
            this.maxArray = maxArray;
            this.then = then;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > maxDepth || info.references() > maxRefs || info.streamBytes() > maxBytes
                    || info.arrayLength() > maxBytes || info.arrayLength() > maxArray) {
                return Status.REJECTED;
            }
            return then != null ? then.checkInput(info) : Status.UNDECIDED;
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
