package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Manager;
import dev.pyconcurrent.multiprocessing.ManagerServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Python's "Using a remote manager", the server: a queue and a dict served to other programs at an
 * address, with an authkey. Run it, then {@link RemoteManagerPut} and {@link RemoteManagerGet} (in
 * other terminals, or on other machines with {@code allowRemote(true)} and TLS).
 *
 * <pre>{@code
 * queue = Queue(); table = {}
 * class QueueManager(BaseManager): pass
 * QueueManager.register('get_queue', callable=lambda: queue)
 * QueueManager.register('get_dict', callable=lambda: table)
 * m = QueueManager(address=('127.0.0.1', 50000), authkey=b'abracadabra')
 * m.get_server().serve_forever()
 * }</pre>
 *
 * <p>Argument: the port (default 50000; 0 picks a free one). Prints {@code serving on host:port},
 * then serves until the program is stopped (Ctrl-C).
 */
public final class RemoteManagerServer {
    static final byte[] AUTHKEY = "abracadabra".getBytes(StandardCharsets.UTF_8);

    private RemoteManagerServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 50000;
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Map<String, String> table = new ConcurrentHashMap<>();
        ManagerServer server = Manager.builder()
                .address("127.0.0.1", port)
                .authkey(AUTHKEY)
                .register("get_queue", BlockingQueue.class, () -> queue)
                .register("get_dict", Map.class, () -> table)
                .getServer();
        InetSocketAddress bound = (InetSocketAddress) server.getAddress();
        System.out.println("serving on 127.0.0.1:" + bound.getPort());
        System.out.flush();
        server.serveForever();
    }
}
