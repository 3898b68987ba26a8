package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.internal.Timeouts;

import java.time.Duration;

/**
 * Options of {@link Listener} and {@link Client}: fluent and immutable (each setter returns a new
 * object). Python has no such options; these are limits a Java program may want to set.
 *
 * <pre>{@code
 * new Listener(new InetSocketAddress("0.0.0.0", 6000), key, ConnectionOptions.defaults().allowRemote(true));
 * }</pre>
 */
public final class ConnectionOptions {
    /** Default largest message: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;
    /** Default time a listener's {@code accept()} gives a peer to authenticate: 10 seconds. */
    public static final Duration DEFAULT_LISTENER_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final long UNSET = -1;
    private static final ConnectionOptions DEFAULTS = new ConnectionOptions(DEFAULT_MAX_MESSAGE_BYTES, UNSET, false);

    private final int maxMessageBytes;
    private final long handshakeNanos;     // UNSET: the default of each side
    private final boolean allowRemote;

    private ConnectionOptions(int maxMessageBytes, long handshakeNanos, boolean allowRemote) {
        this.maxMessageBytes = maxMessageBytes;
        this.handshakeNanos = handshakeNanos;
        this.allowRemote = allowRemote;
    }

    /**
     * Messages up to 64 MiB, a listener gives peers 10 s to authenticate, a client waits for the
     * listener's {@code accept()} without limit (as Python), loopback only.
     *
     * @return the default options
     */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The largest message this end sends or receives. A larger one is refused before anything is
     * written ({@code send}: {@link IllegalArgumentException}) or allocated ({@code recv}: the
     * connection is closed and {@link java.io.UncheckedIOException} names the limit).
     *
     * @param bytes at least 1
     * @return new options
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public ConnectionOptions maxMessageBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 1, got " + bytes);
        }
        return new ConnectionOptions(bytes, handshakeNanos, allowRemote);
    }

    /**
     * How long one side waits for the other's part of the authentication handshake. A listener's
     * {@code accept()} then fails with {@link dev.pyconcurrent.multiprocessing.AuthenticationException}
     * for a peer that says nothing; a client fails the same way if the listener does not
     * {@code accept()} in time.
     *
     * @param seconds the time; negative or NaN: {@link IllegalArgumentException}
     * @return new options
     */
    public ConnectionOptions handshakeTimeout(double seconds) {
        return new ConnectionOptions(maxMessageBytes, Timeouts.toNanos(seconds), allowRemote);
    }

    /**
     * As {@link #handshakeTimeout(double)}.
     *
     * @param timeout the time; negative: {@link IllegalArgumentException}
     * @return new options
     */
    public ConnectionOptions handshakeTimeout(Duration timeout) {
        return new ConnectionOptions(maxMessageBytes, Timeouts.toNanos(timeout), allowRemote);
    }

    /**
     * Whether a {@link Listener} may bind an address other machines can reach (a wildcard such as
     * {@code 0.0.0.0}, or a non-loopback interface). Off by default: binding one is an explicit choice.
     * Connections stay authenticated, but are neither encrypted nor protected against replay by a
     * man in the middle: use it on networks you trust.
     *
     * @param allow whether to allow it
     * @return new options
     */
    public ConnectionOptions allowRemote(boolean allow) {
        return new ConnectionOptions(maxMessageBytes, handshakeNanos, allow);
    }

    /**
     * Returns the largest message size.
     *
     * @return the largest message, in bytes
     */
    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Returns whether remote binding is allowed.
     *
     * @return whether a listener may bind an address other machines can reach
     */
    public boolean isAllowRemote() {
        return allowRemote;
    }

    /** @return the handshake limit in nanoseconds for a listener ({@code forClient == false}) or a client */
    long handshakeNanos(boolean forClient) {
        if (handshakeNanos != UNSET) {
            return handshakeNanos;
        }
        return forClient ? Long.MAX_VALUE : DEFAULT_LISTENER_HANDSHAKE_TIMEOUT.toNanos();
    }

    @Override
    public String toString() {
        return "ConnectionOptions[maxMessageBytes=" + maxMessageBytes + ", handshakeTimeout="
                + (handshakeNanos == UNSET ? "default" : Duration.ofNanos(handshakeNanos)) + ", allowRemote=" + allowRemote + "]";
    }
}
