package dev.pyconcurrent.multiprocessing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A manager server in its own JVM, for tests that kill it: serves a queue as {@code get_queue} at
 * the address given ({@code host:port} or a socket path) with the key given, prints
 * {@code ADDRESS <address>} and serves until killed.
 */
public final class RemoteManagerMain {
    private RemoteManagerMain() {
    }

    public static void main(String[] args) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        ManagerServer server = Manager.builder().address(args[0]).authkey(args[1].getBytes(StandardCharsets.UTF_8))
                .register("get_queue", BlockingQueue.class, () -> queue).getServer();
        java.net.SocketAddress a = server.getAddress();
        System.out.println("ADDRESS " + (a instanceof java.net.InetSocketAddress i ? "127.0.0.1:" + i.getPort() : a.toString()));
        System.out.flush();
        server.serveForever();
    }
}
