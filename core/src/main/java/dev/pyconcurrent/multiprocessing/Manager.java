package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.multiprocessing.internal.broker.BrokerClient;
import dev.pyconcurrent.multiprocessing.internal.broker.Kind;
import dev.pyconcurrent.multiprocessing.internal.broker.ManagerShutdowns;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Shared objects served by a manager. Python: {@code multiprocessing.Manager()} /
 * {@code SyncManager}.
 *
 * <p>The manager is a server of its own (a separate authenticated socket, in this JVM)
 * that owns the objects it creates; the proxies it returns are {@link Serializable} and
 * work in every process they are sent to. States: RUNNING → CLOSED by {@link #close()} or
 * at exit of the JVM that started it; after that, every proxy call fails with
 * {@link IllegalStateException} instead of waiting.
 *
 * <pre>{@code
 * try (Manager m = Manager.start()) {
 *     Map<String, Integer> d = m.dict();
 *     ...
 * }
 * }</pre>
 */
public class Manager implements AutoCloseable {
    private final Broker broker;

    private Manager(Broker broker) {
        this.broker = broker;
    }

    /**
     * Python {@code Manager()} (which starts it).
     *
     * @return a running manager
     */
    public static Manager start() {
        return new Manager(Broker.startNew());
    }

    /**
     * Python {@code manager.dict()}.
     *
     * @param <K> key type
     * @param <V> value type
     * @return a new, empty shared map
     */
    public <K, V> Map<K, V> dict() {
        return new ManagedDict<>(broker.create(Kind.DICT));
    }

    /**
     * Python {@code manager.list()}.
     *
     * @param <E> element type
     * @return a new, empty shared list
     */
    public <E> List<E> list() {
        return new ManagedList<>(broker.create(Kind.LIST));
    }

    /**
     * Python {@code manager.Lock()}.
     *
     * @return a new shared lock
     */
    public SharedLock lock() {
        return new SharedLock(broker.create(Kind.LOCK), false);
    }

    /**
     * Python {@code manager.RLock()}.
     *
     * @return a new shared reentrant lock
     */
    public SharedLock rlock() {
        return new SharedLock(broker.create(Kind.RLOCK), true);
    }

    /**
     * Python {@code manager.Semaphore(value)}.
     *
     * @param value initial permits
     * @return a new shared semaphore
     */
    public SharedSemaphore semaphore(int value) {
        return new SharedSemaphore(broker.create(Kind.SEMAPHORE, value));
    }

    /**
     * Python {@code manager.BoundedSemaphore(value)}.
     *
     * @param value initial and maximum permits
     * @return it
     */
    public SharedSemaphore boundedSemaphore(int value) {
        return new SharedSemaphore(broker.create(Kind.BOUNDED_SEMAPHORE, value));
    }

    /**
     * Python {@code manager.Queue()}.
     *
     * @param <E> item type
     * @return a new unbounded shared queue
     */
    public <E extends Serializable> Queue<E> queue() {
        return queue(0);
    }

    /**
     * Python {@code manager.Queue(maxsize)}.
     *
     * @param <E> item type
     * @param maxsize bound, {@code <= 0}: none
     * @return it
     */
    public <E extends Serializable> Queue<E> queue(int maxsize) {
        return new Queue<>(broker.create(Kind.QUEUE, maxsize));
    }

    /**
     * Python {@code manager.Event()}.
     *
     * @return a new shared event
     */
    public SharedEvent event() {
        return new SharedEvent(broker.create(Kind.EVENT));
    }

    /**
     * Python {@code manager.Condition()}.
     *
     * @return a new shared condition over a reentrant lock
     */
    public SharedCondition condition() {
        return new SharedCondition(broker.create(Kind.CONDITION));
    }

    /**
     * Python {@code manager.Barrier(parties)}.
     *
     * @param parties how many must arrive
     * @return a new shared barrier
     */
    public SharedBarrier barrier(int parties) {
        return new SharedBarrier(broker.create(Kind.BARRIER, parties));
    }

    /**
     * Returns whether {@link #close()} ran.
     *
     * @return whether {@link #close()} ran
     */
    public boolean isClosed() {
        return broker.isClosed();
    }

    /** Python {@code manager.shutdown()}: stops serving; proxies fail from then on. Idempotent. */
    public void shutdown() {
        ManagerShutdowns.shutDown(broker.socketPath());
        broker.close();
        BrokerClient.closeConnectionsTo(broker.socketPath());   // this JVM's own connections to it
    }

    /** Same as {@link #shutdown()}; Python {@code with Manager() as m:}. */
    @Override
    public void close() {
        shutdown();
    }
}
