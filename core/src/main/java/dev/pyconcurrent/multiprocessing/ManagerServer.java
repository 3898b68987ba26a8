package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.multiprocessing.internal.broker.ManagerHost;

import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The server of a manager that other programs connect to. Python: the {@code Server} that
 * {@code BaseManager.get_server()} returns, with {@code serve_forever()}.
 *
 * <pre>{@code
 * ManagerServer server = Manager.builder().address("127.0.0.1", 50000).authkey(key)
 *         .register("get_queue", BlockingQueue.class, () -> queue)
 *         .getServer();
 * server.serveForever();
 * }</pre>
 *
 * <p>States: BOUND (made by {@link Manager.Builder#getServer()}: the address is taken, peers that
 * connect wait) → SERVING ({@link #serveForever()}) → CLOSED ({@link #shutdown()}, from another
 * thread; an interrupt of the serving thread; or the JVM's exit). Closing closes every connection:
 * the clients' calls then fail with {@link IllegalStateException}.
 */
public final class ManagerServer implements AutoCloseable {
    private final ManagerHost host;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ManagerServer(ManagerHost host) {
        this.host = host;
    }

    /**
     * Python {@code server.address}.
     *
     * @return the bound address (a TCP one with the port actually used)
     */
    public SocketAddress getAddress() {
        return host.address();
    }

    /**
     * Python {@code serve_forever()}: accepts and serves connections until {@link #shutdown()} (from
     * another thread) or the JVM's exit.
     *
     * @throws IllegalStateException if the server was shut down
     * @throws dev.pyconcurrent.ThreadInterruptedException if the calling thread is interrupted (the
     *         server then shuts down, as Python's ends on {@code KeyboardInterrupt})
     */
    public void serveForever() {
        if (host.isClosed()) {
            throw new IllegalStateException("this manager's server has been shut down");
        }
        host.accept();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            shutdown();
            throw Interrupts.rethrow(e);
        }
    }

    /**
     * Stops serving: the socket is closed, every connection ends, {@link #serveForever()} returns.
     * Idempotent.
     */
    public void shutdown() {
        host.shutdown();
        stopped.countDown();
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /**
     * A description.
     *
     * @return e.g. {@code ManagerServer(127.0.0.1:50000)}
     */
    @Override
    public String toString() {
        return "ManagerServer(" + getAddress() + (host.isClosed() ? ", closed)" : ")");
    }
}
