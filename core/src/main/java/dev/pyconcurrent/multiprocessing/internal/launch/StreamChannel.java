package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.internal.Spin;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A pair of blocking streams (a pair of named pipes, {@link FifoPair}, or a connected {@link Socket}) as a
 * {@link ByteChannel} for heap buffers. Unlike an NIO channel it is not closed when a thread using it is
 * interrupted, and it costs a young JVM far less to set up (no selector provider, no Unix-domain socket
 * support to initialise; over named pipes, no {@code java.net} at all).
 */
final class StreamChannel implements ByteChannel {
    private final InputStream in;
    private final OutputStream out;
    /** What {@link #close} closes: the socket, or both pipes. */
    private final Closeable[] resources;
    private volatile boolean open = true;

    /** Whether a read that finds nothing waits a short while ({@link Spin}) before it blocks. */
    private final boolean spins;

    /**
     * @param spins whether a read that finds nothing yields for a short while before it blocks: for the
     *              thread that then runs what it reads (a worker's main thread), not for one that hands
     *              it on (the parent's reader of a child), which would only take turns with the thread
     *              that waits for it
     */
    private StreamChannel(InputStream in, OutputStream out, boolean spins, Closeable... resources) {
        this.in = in;
        this.out = out;
        this.spins = spins;
        this.resources = resources;
    }

    /** Over a connected socket, which it then owns. */
    static StreamChannel of(Socket socket, boolean spins) throws IOException {
        socket.setTcpNoDelay(true);   // frames go out at once; batching is FrameChannel's business
        return new StreamChannel(socket.getInputStream(), socket.getOutputStream(), spins, socket);
    }

    /** Over two opened pipes, which it then owns. */
    static StreamChannel of(InputStream in, OutputStream out, boolean spins) {
        return new StreamChannel(in, out, spins, in, out);
    }

    /** Reads what is there; when nothing is, maybe yields a short while ({@link #spins}) before it blocks. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (spins) {
            long spin = Spin.start();   // the next frame of a round trip, usually: no sleep, no wake-up
            while (in.available() == 0 && Spin.again(spin)) {
                // yielded
            }
        }
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        out.write(src.array(), src.arrayOffset() + src.position(), n);
        src.position(src.limit());
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Closes the socket, or both pipes (each, even if closing the other fails). */
    @Override
    public void close() throws IOException {
        open = false;
        IOException first = null;
        for (Closeable c : resources) {
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
