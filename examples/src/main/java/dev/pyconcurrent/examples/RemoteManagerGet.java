package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Manager;

import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Python's "Using a remote manager", the second client: connects to {@link RemoteManagerServer} and
 * takes what {@link RemoteManagerPut} put there.
 *
 * <pre>{@code
 * m = QueueManager(address=('127.0.0.1', 50000), authkey=b'abracadabra')
 * m.connect()
 * queue = m.get_queue(); queue.get()      # 'hello'
 * }</pre>
 *
 * <p>Argument: the server's {@code host:port} (default {@code 127.0.0.1:50000}).
 */
public final class RemoteManagerGet {
    private RemoteManagerGet() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws InterruptedException {
        String address = args.length > 0 ? args[0] : "127.0.0.1:50000";
        try (Manager m = Manager.builder().address(address).authkey(RemoteManagerServer.AUTHKEY).connect()) {
            BlockingQueue<String> queue = m.create("get_queue", BlockingQueue.class);
            Map<String, String> table = m.create("get_dict", Map.class);
            System.out.println(queue.take() + " " + queue.take());
            System.out.println("from " + table.get("from") + ", " + table.size() + " key in the dict");
        }
    }
}
