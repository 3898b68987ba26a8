package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.multiprocessing.internal.launch.Handshake;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client side of connections to managers at TCP addresses ({@code tcp://} and {@code tls://}
 * endpoints), as {@link BrokerClient} is for Unix domain sockets: one authenticated connection per
 * thread and endpoint, the same frames. The connection is a blocking {@link Socket} (an
 * {@link SSLSocket} for TLS) whose reads time out every {@value #POLL_MILLIS} ms, so that a thread
 * interrupted while it waits sends a {@code CANCEL} and keeps its connection (and the locks it
 * holds), as over a Unix domain socket.
 *
 * <p>A manager that goes away (its process killed, the connection reset) ends the wait at once
 * with {@link IllegalStateException}; so does every later call that cannot connect.
 */
final class NetClient {
    private NetClient() {
    }

    /** How often a waiting call looks at its thread's interrupt flag. */
    static final int POLL_MILLIS = 100;
    private static final ThreadLocal<Map<String, Conn>> MINE = ThreadLocal.withInitial(HashMap::new);
    private static final Set<Conn> ALL = ConcurrentHashMap.newKeySet();

    /** One authenticated connection, used by its owner thread only. */
    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final Thread owner = Thread.currentThread();
        long nextId; // owner thread only
        long cancelled = -1; // owner thread only

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Closes the connection of a thread that ended, telling the server its process lives on ({@link Broker#BYE}). */
        void retire() {
            try {
                out.write(ByteBuffer.allocate(Broker.HEADER).putInt(0).put(Broker.BYE).putLong(0).array());
                out.flush();
            } catch (IOException serverGone) {
                // nothing to tell
            }
            close();
        }

        void close() {
            ALL.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static Conn connection(String endpoint) {
        Map<String, Conn> mine = MINE.get();
        Conn c = mine.get(endpoint);
        if (c != null && !c.socket.isClosed()) {
            return c;
        }
        for (Conn other : ALL) {
            if (!other.owner.isAlive()) {
                other.retire();
            }
        }
        c = open(endpoint);
        ALL.add(c);
        mine.put(endpoint, c);
        return c;
    }

    /**
     * Connects and authenticates (TLS first, for a {@code tls://} endpoint).
     *
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's key is wrong
     * @throws IllegalStateException if the manager cannot be reached, or does not answer in time
     */
    private static Conn open(String endpoint) {
        Endpoints.Entry e = Endpoints.entry(endpoint);
        return open(endpoint, e == null ? Handshake.key() : e.key(), e == null ? null : e.ssl(),
                e == null ? Endpoints.DEFAULT_TIMEOUT.toNanos() : e.timeoutNanos());
    }

    /**
     * Opens a new connection with the given key and TLS context, authenticates, and closes it: a
     * {@code connect()} checks its key this way before the key is recorded for the endpoint.
     *
     * @param endpoint     a {@code tcp://} or {@code tls://} endpoint
     * @param key          the key to prove
     * @param ssl          the TLS context ({@code tls://}), or {@code null}
     * @param timeoutNanos the limit on connecting and authenticating
     * @throws dev.pyconcurrent.multiprocessing.AuthenticationException if either side's key is wrong
     * @throws IllegalStateException if the manager cannot be reached, or TLS fails
     */
    static void probe(String endpoint, byte[] key, SSLContext ssl, long timeoutNanos) {
        open(endpoint, key, ssl, timeoutNanos).close();
    }

    /**
     * Drops this thread's connection to {@code endpoint} if its peer has closed it (a manager that
     * was restarted at the same address): a new {@code connect()} must not fail on it. A live
     * connection is kept (it may hold locks); the check waits at most a millisecond.
     *
     * @param endpoint a {@code tcp://} or {@code tls://} endpoint
     */
    static void dropIfClosed(String endpoint) {
        Conn c = MINE.get().get(endpoint);
        if (c == null) {
            return;
        }
        boolean dead;
        try {
            c.socket.setSoTimeout(1);
            c.in.read(); // end of stream, or bytes nobody asked for: either way unusable
            dead = true;
        } catch (SocketTimeoutException alive) {
            dead = false;
        } catch (IOException e) {
            dead = true;
        } finally {
            try {
                c.socket.setSoTimeout(POLL_MILLIS);
            } catch (IOException closed) {
                // dropped below
            }
        }
        if (dead) {
            c.close();
            MINE.get().remove(endpoint);
        }
    }

    private static Conn open(String endpoint, byte[] key, SSLContext ssl, long nanos) {
        boolean tls = endpoint.startsWith("tls://");
        if (tls && ssl == null) {
            throw new IllegalStateException("the manager at " + endpoint + " uses TLS, and this process has not connected"
                    + " to it: connect first, with Manager.builder().address(...).authkey(...).ssl(context).connect()");
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
        String host = Endpoints.host(endpoint);
        int port = Endpoints.port(endpoint);
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), millis);
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(millis);
            if (tls) {
                SSLSocket t = (SSLSocket) ssl.getSocketFactory().createSocket(s, host, port, true);
                SSLParameters p = t.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host connected to
                t.setSSLParameters(p);
                t.startHandshake();
                s = t;
            }
            BrokerAuth.clientSide(new StreamChannel(s), key);
            s.setSoTimeout(POLL_MILLIS);
            return new Conn(s);
        } catch (SocketTimeoutException x) {
            Quietly.close(s);
            throw new IllegalStateException("the manager at " + endpoint + " did not answer within "
                    + Duration.ofNanos(nanos) + ": " + x, x);
        } catch (SSLException x) {
            Quietly.close(s);
            throw new IllegalStateException("TLS with the manager at " + endpoint + " failed (does this process's"
                    + " SSLContext trust its certificate, and does the certificate name " + host + "?): " + x, x);
        } catch (IOException x) {
            Quietly.close(s);
            throw new IllegalStateException("cannot reach the manager at " + endpoint + "; it may have exited: " + x, x);
        } catch (RuntimeException x) {
            Quietly.close(s);
            throw x;
        }
    }

    /**
     * Sends a call without waiting for its answer ({@link RemoteRef#cast}): a {@code CAST} frame,
     * written at once (TCP already gathers small writes), in order with this thread's other calls.
     */
    static void cast(RemoteRef ref, Op op, Object[] args) {
        CallCodec.Out payload = CallCodec.encodeLimitedCall(ref, op, args);
        Conn c = connection(ref.socket());
        try {
            ByteBuffer frame = payload.frame(Broker.CAST, ++c.nextId);
            c.out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            c.out.flush();
        } catch (IOException e) {
            c.close();
            MINE.get().remove(ref.socket());
            throw new IllegalStateException("lost the connection to the manager at " + ref.socket()
                    + "; it may have exited: " + e, e);
        }
    }

    static Object call(RemoteRef ref, Op op, Object[] args) {
        CallCodec.Out payload = CallCodec.encodeLimitedCall(ref, op, args);
        Conn c = connection(ref.socket());
        long id = ++c.nextId;
        boolean interrupted = false;
        byte type;
        byte[] answer;
        try {
            ByteBuffer frame = payload.frame(Broker.CALL, id);
            c.out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            c.out.flush();
            if (Thread.interrupted()) {
                interrupted = true;
                cancel(c, id);
            }
            byte[] head = new byte[Broker.HEADER];
            interrupted |= readFully(c, head, id);
            ByteBuffer h = ByteBuffer.wrap(head);
            int len = h.getInt();
            type = h.get();
            long answerId = h.getLong();
            if (len < 0 || answerId != id) {
                throw new IOException("protocol error in answer");
            }
            int max = Limits.maxMessageBytes();
            if (len > max) {   // never allocated: a manager's answer is held to the same limit as a call
                throw new IOException(Limits.tooLarge("an answer", len, max));
            }
            answer = new byte[len];
            interrupted |= readFully(c, answer, id);
        } catch (IOException e) {
            c.close();
            MINE.get().remove(ref.socket());
            throw new IllegalStateException("lost the connection to the manager at " + ref.socket()
                    + "; it may have exited: " + e, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return CallCodec.answer(type, answer);
    }

    /**
     * Fills {@code b}; a read that times out looks at the interrupt flag and, when set, sends one
     * {@code CANCEL} for call {@code id} and keeps reading.
     *
     * @return whether the thread was interrupted meanwhile (flag cleared)
     */
    private static boolean readFully(Conn c, byte[] b, long id) throws IOException {
        boolean interrupted = false;
        int off = 0;
        while (off < b.length) {
            int n;
            try {
                n = c.in.read(b, off, b.length - off);
            } catch (SocketTimeoutException idle) {
                if (Thread.interrupted()) {
                    interrupted = true;
                    cancel(c, id);
                }
                continue;
            }
            if (n < 0) {
                throw new EOFException("connection closed by the manager");
            }
            off += n;
        }
        return interrupted;
    }

    private static void cancel(Conn c, long id) throws IOException {
        if (c.cancelled == id) {
            return;
        }
        c.cancelled = id;
        byte[] out = ByteBuffer.allocate(Broker.HEADER).putInt(0).put(Broker.CANCEL).putLong(id).array();
        c.out.write(out);
        c.out.flush();
    }
}
