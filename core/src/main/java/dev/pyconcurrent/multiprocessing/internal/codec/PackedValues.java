package dev.pyconcurrent.multiprocessing.internal.codec;

import dev.pyconcurrent.multiprocessing.internal.launch.Wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A compact encoding of the items and results of {@code map} chunks. Java serialization writes
 * each boxed number as an object (a handle, a class reference, reflective field access); a chunk
 * of thousands of {@code Integer}s then costs far more to encode and decode than the work itself,
 * above all in a young worker JVM that still interprets the serialization code. When every element
 * is a non-null {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String}
 * (all of one class), the values are written raw after a one-byte tag; anything else falls back to
 * the {@link Codec}.
 */
public final class PackedValues {
    private PackedValues() {
    }

    private static final byte OBJECTS = 0;
    private static final byte INTS = 1;
    private static final byte LONGS = 2;
    private static final byte DOUBLES = 3;
    private static final byte BOOLEANS = 4;
    private static final byte STRINGS = 5;

    /** Encodes {@code values}; the codec's exceptions (naming a class that cannot be serialized) pass through. */
    public static byte[] pack(Object[] values, Codec codec) {
        byte tag = tagOf(values);
        int n = values.length;
        ByteBuffer b;
        switch (tag) {
            case INTS -> {
                b = header(tag, n, 4L * n);
                for (Object v : values) {
                    b.putInt((Integer) v);
                }
            }
            case LONGS -> {
                b = header(tag, n, 8L * n);
                for (Object v : values) {
                    b.putLong((Long) v);
                }
            }
            case DOUBLES -> {
                b = header(tag, n, 8L * n);
                for (Object v : values) {
                    b.putDouble((Double) v);
                }
            }
            case BOOLEANS -> {
                b = header(tag, n, n);
                for (Object v : values) {
                    b.put((byte) ((Boolean) v ? 1 : 0));
                }
            }
            case STRINGS -> {
                byte[][] utf8 = new byte[n][];
                long size = 4L * n;
                for (int i = 0; i < n; i++) {
                    utf8[i] = ((String) values[i]).getBytes(StandardCharsets.UTF_8);
                    size += utf8[i].length;
                }
                b = header(tag, n, size);
                for (byte[] s : utf8) {
                    b.putInt(s.length).put(s);
                }
            }
            default -> {
                byte[] objects = codec.encode(values);
                b = header(OBJECTS, n, objects.length);
                b.put(objects);
            }
        }
        return b.array();
    }

    /** Encodes a list of values, as {@link #pack(Object[], Codec)}. */
    public static byte[] pack(List<?> values, Codec codec) {
        return pack(values.toArray(), codec);
    }

    /** Decodes {@link #pack} output. */
    public static Object[] unpack(byte[] bytes, Codec codec) {
        return unpack(bytes, 0, codec);
    }

    /** Decodes {@link #pack} output that starts at {@code offset} and runs to the end of {@code bytes}. */
    public static Object[] unpack(byte[] bytes, int offset, Codec codec) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        byte tag = b.get();
        int n = b.getInt();
        Object[] out = new Object[n];
        switch (tag) {
            case INTS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt();
                }
            }
            case LONGS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong();
                }
            }
            case DOUBLES -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getDouble();
                }
            }
            case BOOLEANS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get() != 0;
                }
            }
            case STRINGS -> {
                for (int i = 0; i < n; i++) {
                    int len = b.getInt();
                    out[i] = new String(bytes, b.position(), len, StandardCharsets.UTF_8);
                    b.position(b.position() + len);
                }
            }
            case OBJECTS -> {
                Object[] objects = (Object[]) codec.decode(Arrays.copyOfRange(bytes, b.position(), bytes.length));
                if (objects.length != n) {
                    throw new IllegalStateException("protocol error: " + objects.length + " values, expected " + n);
                }
                return objects;
            }
            default -> throw new IllegalStateException("protocol error: packed values tag " + tag);
        }
        return out;
    }

    private static ByteBuffer header(byte tag, int n, long payload) {
        long size = 5 + payload;
        if (size > Wire.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a chunk of " + n + " values is too large to send (" + size + " bytes)");
        }
        return ByteBuffer.allocate((int) size).put(tag).putInt(n);
    }

    private static byte tagOf(Object[] values) {
        if (values.length == 0 || values[0] == null) {
            return OBJECTS;
        }
        Class<?> c = values[0].getClass();
        byte tag;
        if (c == Integer.class) {
            tag = INTS;
        } else if (c == Long.class) {
            tag = LONGS;
        } else if (c == Double.class) {
            tag = DOUBLES;
        } else if (c == Boolean.class) {
            tag = BOOLEANS;
        } else if (c == String.class) {
            tag = STRINGS;
        } else {
            return OBJECTS;
        }
        for (Object v : values) {
            if (v == null || v.getClass() != c) {
                return OBJECTS;
            }
        }
        return tag;
    }
}
