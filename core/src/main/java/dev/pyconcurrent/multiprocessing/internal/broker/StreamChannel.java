package dev.pyconcurrent.multiprocessing.internal.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * A {@link ByteChannel} over a {@link Socket}'s streams (plain TCP or TLS), for the broker's
 * blocking reads and writes. Unlike {@link java.nio.channels.Channels#newChannel(InputStream)} an
 * interrupt never closes it: a connection ends only by {@link #close()} or its peer.
 *
 * <p>On the serving side the socket's read timeout bounds the authentication handshake;
 * {@link #handshakeDone()} lifts it once the peer has authenticated.
 */
final class StreamChannel implements ByteChannel {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean open = true;

    /**
     * @param socket a connected socket
     * @throws IOException if its streams cannot be had
     */
    StreamChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** @return the socket */
    Socket socket() {
        return socket;
    }

    /** The peer has authenticated: reads wait without a time limit from now on. */
    void handshakeDone() {
        try {
            socket.setSoTimeout(0);
        } catch (SocketException closed) {
            // the next read reports it
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int n;
        if (dst.hasArray()) {
            n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
        } else {
            byte[] b = new byte[Math.min(dst.remaining(), 64 * 1024)];
            n = in.read(b);
            if (n > 0) {
                dst.put(b, 0, n);
            }
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int n = src.remaining();
        if (src.hasArray()) {
            out.write(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            byte[] b = new byte[n];
            src.get(b);
            out.write(b);
        }
        out.flush();
        return n;
    }

    @Override
    public boolean isOpen() {
        return open && !socket.isClosed();
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
