package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of broker calls and answers. A call is {@code object:long pid:long op:byte
 * nargs:byte value*} (the op is its {@link Op#code() code}); an answer is one value. Each value starts with a one-byte tag:
 * {@code null}, {@link Integer}, {@link Long}, {@link Boolean}, {@link Double},
 * {@link String} and {@code byte[]} (serialized queue items and pipe messages) are
 * written raw; anything else (a dictionary key of a user class, an exception) goes
 * through {@link JavaSerializationCodec#BOUNDED}: its input filter, and a measure of the work the
 * stream would cost, taken before anything is created (a serialization bomb is refused). Most calls
 * carry only raw values, so they cost no object stream at either end.
 */
final class CallCodec {
    private CallCodec() {
    }

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte TRUE = 3;
    private static final byte FALSE = 4;
    private static final byte DOUBLE = 5;
    private static final byte STRING = 6;
    private static final byte BYTES = 7;
    private static final byte OBJECT = 8;

    /** A growable buffer whose first {@link Broker#HEADER} bytes are left for the frame header. */
    static final class Out extends ByteArrayOutputStream {
        final DataOutputStream data = new DataOutputStream(this);

        Out(int size) {
            super(Broker.HEADER + size);
            count = Broker.HEADER;
        }

        /**
         * Fills in the frame header.
         *
         * @return the whole frame, ready to write
         */
        ByteBuffer frame(byte type, long id) {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, count);
            b.putInt(count - Broker.HEADER).put(type).putLong(id);
            return b.rewind();
        }
    }

    /**
     * Encodes a call of this thread for a client to send: refused here, before anything is sent, when it
     * is larger than {@link Limits#maxMessageBytes()} (the owner would refuse it too).
     *
     * @throws IllegalArgumentException if an argument cannot be serialized, or the call is too large
     */
    static Out encodeLimitedCall(RemoteRef ref, Op op, Object[] args) {
        Out payload = encodeCall(RemoteRef.Call.fromHere(ref.id(), op, args));
        int max = Limits.maxMessageBytes();
        if (payload.size() - Broker.HEADER > max) {
            throw new IllegalArgumentException(Limits.tooLarge("a call", payload.size() - Broker.HEADER, max));
        }
        return payload;
    }

    /**
     * Encodes a call.
     *
     * @throws IllegalArgumentException if an argument cannot be serialized (naming its class)
     */
    static Out encodeCall(RemoteRef.Call call) {
        Out out = new Out(64);
        try {
            out.data.writeLong(call.object());
            out.data.writeLong(call.pid());
            out.data.writeLong(call.printed());
            out.data.writeByte(call.op().code());
            out.data.writeByte(call.args().length);
            for (Object a : call.args()) {
                writeValue(out.data, a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Decodes a call.
     *
     * @throws IllegalStateException if the bytes are not a call (truncated, or an unknown operation code)
     */
    static RemoteRef.Call decodeCall(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long object = in.getLong();
            long pid = in.getLong();
            long printed = in.getLong();
            Op op = Op.ofCode(in.get());
            int n = in.get();
            if (n < 0) {
                throw new IllegalStateException("protocol error: " + n + " arguments");
            }
            Object[] args = new Object[n];
            for (int i = 0; i < n; i++) {
                args[i] = readValue(in);
            }
            return new RemoteRef.Call(object, op, args, pid, printed);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("protocol error: truncated call", e);
        }
    }

    /**
     * Encodes one answer value.
     *
     * @throws IllegalArgumentException if it cannot be serialized
     */
    static Out encodeValue(Object value) {
        Out out = new Out(value instanceof byte[] b ? b.length + 8 : 32);
        try {
            writeValue(out.data, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The value of an answer: an {@code OK} answer's value, or the failure thrown as the caller's own
     * exception (its stack replaced by the caller's; a checked one wrapped in IllegalStateException).
     *
     * @param type  {@link Broker#OK} or an error type
     * @param bytes the answer's payload
     * @return the value of an {@code OK} answer
     */
    static Object answer(byte type, byte[] bytes) {
        Object result = decodeValue(bytes);
        if (type == Broker.OK) {
            return result;
        }
        Throwable t = (Throwable) result;
        t.setStackTrace(new Throwable().getStackTrace());
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t.toString(), t);
    }

    /** Decodes one answer value. */
    static Object decodeValue(byte[] bytes) {
        try {
            return readValue(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("protocol error: truncated answer", e);
        }
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (v instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else {
            byte[] b = JavaSerializationCodec.INSTANCE.encode(v);
            out.writeByte(OBJECT);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static Object readValue(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case INT -> in.getInt();
            case LONG -> in.getLong();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DOUBLE -> in.getDouble();
            case STRING -> readString(in);
            case BYTES -> readBytes(in);
            case OBJECT -> JavaSerializationCodec.BOUNDED.decode(readBytes(in));
            default -> throw new IllegalStateException("protocol error: value tag " + tag);
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("protocol error: length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }
}
