package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.launch.Wire;

/**
 * The limits of the object server's connections, set by system properties of the process that reads
 * the bytes.
 *
 * <ul>
 * <li>{@value #MAX_MESSAGE_PROPERTY}: the largest call or answer, in bytes (default 256 MiB, at most
 *     1 GiB). A larger call is refused in the caller before it is sent; a peer that sends one anyway gets
 *     an error answer naming the limit, and the server reads past the bytes without keeping them.
 * <li>{@link #HANDSHAKE_MILLIS}: how long a connection may take to authenticate before it is closed.
 * </ul>
 */
public final class Limits {
    private Limits() {
    }

    /** The system property that sets the largest message. */
    public static final String MAX_MESSAGE_PROPERTY = "pyconcurrent.maxMessageBytes";
    /** The default largest message: 256 MiB. */
    public static final int DEFAULT_MAX_MESSAGE = 256 << 20;
    /** How long a connection may take to authenticate. */
    public static final long HANDSHAKE_MILLIS = 20_000;

    /**
     * @return the largest message this process reads or sends, from {@value #MAX_MESSAGE_PROPERTY}
     */
    public static int maxMessageBytes() {
        Integer v = Integer.getInteger(MAX_MESSAGE_PROPERTY);
        if (v == null || v <= 0) {
            return DEFAULT_MAX_MESSAGE;
        }
        return Math.min(v, Wire.MAX_PAYLOAD);
    }

    /**
     * The message of a refused oversized message.
     *
     * @param what  what was too large ("a call", "a result")
     * @param bytes its size
     * @param limit the limit
     * @return the text
     */
    static String tooLarge(String what, long bytes, int limit) {
        return what + " of " + bytes + " bytes is larger than the limit of " + limit
                + " bytes between processes (system property " + MAX_MESSAGE_PROPERTY + ")";
    }
}
