package dev.pyconcurrent.multiprocessing.internal.codec;


/**
 * Turns objects into bytes for the wire and back. The engine uses
 * {@link JavaSerializationCodec}; the interface keeps the choice in one place.
 */
public interface Codec {
    /**
     * Serializes {@code value}.
     *
     * @throws IllegalArgumentException if it (or something it refers to) cannot be
     *         serialized; the message names the offending class
     */
    byte[] encode(Object value);

    /**
     * Rebuilds an object from {@link #encode} output.
     *
     * @throws IllegalStateException if the bytes cannot be deserialized (missing class,
     *         a {@code readObject} that throws, a filter limit exceeded)
     */
    Object decode(byte[] bytes);
}
