package dev.pyconcurrent.multiprocessing.internal.codec;


/**
 * Turns objects into bytes for the wire and back. The engine uses
 * {@link JavaSerializationCodec}; the interface keeps the choice in one place.
 */
public interface Codec {
    /**
     * Largest message (1 GiB) that travels between two JVMs: the limit of a decoded stream here, and of
     * a frame's payload on the channels ({@code Wire.MAX_PAYLOAD}).
     */
    int MAX_MESSAGE_BYTES = 1 << 30;

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
