package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.queue.EmptyException;
import dev.pyconcurrent.queue.FullException;
import dev.pyconcurrent.queue.Queue;

/**
 * A {@link Queue} of serialized items ({@link Kind#QUEUE}): the server never deserializes
 * them. A {@code put} or {@code get} that can complete at once runs on the reader thread.
 */
final class ServedQueue implements Served {
    private final Queue<byte[]> queue;

    ServedQueue(int maxsize) {
        queue = new Queue<>(maxsize);
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case PUT:
                if ((Long) a[1] == RemoteRef.NO_WAIT) {
                    return call(op, a, s);
                }
                try {
                    queue.putNowait((byte[]) a[0]);
                    return null;
                } catch (FullException full) {
                    return LATER;
                }
            case GET:
                if ((Long) a[0] == RemoteRef.NO_WAIT) {
                    return call(op, a, s);
                }
                try {
                    return queue.getNowait();
                } catch (EmptyException empty) {
                    return LATER;
                }
            case JOIN:
                return LATER;
            default:
                return call(op, a, s);
        }
    }

    @Override
    public Object call(Op op, Object[] a, Broker.Session s) {
        switch (op) {
            case PUT: {
                byte[] item = (byte[]) a[0];
                long n = (Long) a[1];
                if (n == RemoteRef.NO_WAIT) {
                    queue.putNowait(item);
                } else if (n == RemoteRef.FOREVER) {
                    queue.put(item);
                } else {
                    queue.put(item, Served.duration(n));
                }
                return null;
            }
            case GET: {
                long n = (Long) a[0];
                if (n == RemoteRef.NO_WAIT) {
                    return queue.getNowait();
                }
                return n == RemoteRef.FOREVER ? queue.get() : queue.get(Served.duration(n));
            }
            case QSIZE:
                return queue.qsize();
            case EMPTY:
                return queue.empty();
            case FULL:
                return queue.full();
            case TASK_DONE:
                queue.taskDone();
                return null;
            case JOIN: {
                long n = (Long) a[0];
                if (n == RemoteRef.FOREVER) {
                    queue.join();
                    return true;
                }
                return queue.join(Served.duration(n));
            }
            default:
                throw Served.notServed(op, this);
        }
    }
}
