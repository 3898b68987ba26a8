package dev.pyconcurrent.multiprocessing.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A connected {@link Socket} as a {@link ByteChannel} over its streams, for heap buffers. Unlike an
 * NIO socket channel it is not closed when a thread using it is interrupted, and it costs a young JVM
 * far less to set up (no selector provider, no Unix-domain socket support to initialise).
 */
final class SocketStreams implements ByteChannel {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SocketStreams(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);   // frames go out at once; batching is FrameChannel's business
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
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
        return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
