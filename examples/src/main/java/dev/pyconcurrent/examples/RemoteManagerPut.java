package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Manager;

import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Python's "Using a remote manager", the first client: connects to {@link RemoteManagerServer} and
 * puts into its queue and dict.
 *
 * <pre>{@code
 * m = QueueManager(address=('127.0.0.1', 50000), authkey=b'abracadabra')
 * m.connect()
 * queue = m.get_queue(); queue.put('hello')
 * m.get_dict()['from'] = 'the first client'
 * }</pre>
 *
 * <p>Argument: the server's {@code host:port} (default {@code 127.0.0.1:50000}).
 */
public final class RemoteManagerPut {
    private RemoteManagerPut() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws InterruptedException {
        String address = args.length > 0 ? args[0] : "127.0.0.1:50000";
        try (Manager m = Manager.builder().address(address).authkey(RemoteManagerServer.AUTHKEY).connect()) {
            BlockingQueue<String> queue = m.create("get_queue", BlockingQueue.class);
            Map<String, String> table = m.create("get_dict", Map.class);
            queue.put("hello");
            queue.put("world");
            table.put("from", "the first client");
            System.out.println("put 2 items, queue size " + queue.size());
        }
    }
}
