package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableBiConsumer;
import dev.pyconcurrent.function.SerializableConsumer;
import dev.pyconcurrent.function.SerializableConsumer3;
import dev.pyconcurrent.function.SerializableConsumer4;
import dev.pyconcurrent.function.SerializableConsumer5;
import dev.pyconcurrent.function.SerializableRunnable;

import java.io.Serializable;
import java.util.List;

/**
 * A start method and the factories of the objects that use it. Python: the context object of
 * {@code multiprocessing.get_context("spawn")}, whose {@code Process}, {@code Pool}, {@code Queue},
 * {@code Lock}, ... are the module's, bound to that start method.
 *
 * <pre>{@code
 * // Python: ctx = mp.get_context("spawn"); q = ctx.Queue(); p = ctx.Process(target=f, args=(q,))
 * Context ctx = Multiprocessing.getContext("spawn");
 * Queue<String> q = ctx.queue();
 * Process p = ctx.process((Queue<String> queue) -> queue.put("hello"), q);
 * p.start();
 * }</pre>
 *
 * <p>There is one context, {@code "spawn"} (see {@link Multiprocessing} for why a JVM has no
 * {@code "fork"}): each factory is the constructor or module function of the same name, so code
 * written against a context and code written against the module behave the same. Python's
 * capitalised factory names follow the library's rule: {@code ctx.Queue()} is {@link #queue()},
 * {@code ctx.Lock()} is {@link #lock()}, {@code ctx.Value('q', 0)} is {@link #valueOfLong(long)}.
 * Stateless and immutable.
 */
public final class Context {
    /** The spawn context. */
    static final Context SPAWN = new Context();

    private Context() {
    }

    /**
     * Python {@code ctx.get_start_method()}.
     *
     * @return {@code "spawn"}
     */
    public String getStartMethod() {
        return "spawn";
    }

    // ---- processes and pools ----

    /**
     * Python {@code ctx.Process(target=fn)}.
     *
     * @param target run in the child
     * @return a new, unstarted process
     */
    public Process process(SerializableRunnable target) {
        return new Process(target);
    }

    /**
     * Python {@code ctx.Process(target=fn, args=(arg,))}.
     *
     * @param target run in the child with {@code arg}
     * @param arg    sent to the child (serialized)
     * @param <A>    the argument type
     * @return a new, unstarted process
     */
    public <A extends Serializable> Process process(SerializableConsumer<A> target, A arg) {
        return new Process(target, arg);
    }

    /**
     * Python {@code ctx.Process(target=fn, args=(a, b))}.
     *
     * @param target run in the child with {@code a}, {@code b}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @return a new, unstarted process
     */
    public <A extends Serializable, B extends Serializable> Process process(
            SerializableBiConsumer<A, B> target, A a, B b) {
        return new Process(target, a, b);
    }

    /**
     * Python {@code ctx.Process(target=fn, args=(a, b, c))}.
     *
     * @param target run in the child with {@code a}, {@code b}, {@code c}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param c the third argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @return a new, unstarted process
     */
    public <A extends Serializable, B extends Serializable, C extends Serializable> Process process(
            SerializableConsumer3<A, B, C> target, A a, B b, C c) {
        return new Process(target, a, b, c);
    }

    /**
     * Python {@code ctx.Process(target=fn, args=(a, b, c, d))}.
     *
     * @param target run in the child with {@code a}, {@code b}, {@code c}, {@code d}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param c the third argument, sent to the child (serialized)
     * @param d the fourth argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @return a new, unstarted process
     */
    public <A extends Serializable, B extends Serializable, C extends Serializable, D extends Serializable>
            Process process(SerializableConsumer4<A, B, C, D> target, A a, B b, C c, D d) {
        return new Process(target, a, b, c, d);
    }

    /**
     * Python {@code ctx.Process(target=fn, args=(a, b, c, d, e))}.
     *
     * @param target run in the child with {@code a}, {@code b}, {@code c}, {@code d}, {@code e}
     * @param a the first argument, sent to the child (serialized)
     * @param b the second argument, sent to the child (serialized)
     * @param c the third argument, sent to the child (serialized)
     * @param d the fourth argument, sent to the child (serialized)
     * @param e the fifth argument, sent to the child (serialized)
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @param <C> the type of the third argument
     * @param <D> the type of the fourth argument
     * @param <E> the type of the fifth argument
     * @return a new, unstarted process
     */
    public <A extends Serializable, B extends Serializable, C extends Serializable, D extends Serializable,
            E extends Serializable> Process process(SerializableConsumer5<A, B, C, D, E> target,
            A a, B b, C c, D d, E e) {
        return new Process(target, a, b, c, d, e);
    }

    /**
     * Python {@code ctx.Pool()}: {@link #cpuCount()} workers.
     *
     * @return a new pool, its workers starting
     */
    public Pool pool() {
        return new Pool();
    }

    /**
     * Python {@code ctx.Pool(processes)}.
     *
     * @param processes number of workers
     * @return a new pool, its workers starting
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public Pool pool(int processes) {
        return new Pool(processes);
    }

    /**
     * Python {@code ctx.Pool(processes, initializer, maxtasksperchild)}.
     *
     * @return a builder of a pool
     */
    public Pool.Builder poolBuilder() {
        return Pool.builder();
    }

    /**
     * Python {@code ctx.Manager()}.
     *
     * @return a running manager
     */
    public Manager manager() {
        return Manager.start();
    }

    // ---- queues and pipes ----

    /**
     * Python {@code ctx.Queue()}.
     *
     * @param <E> the item type
     * @return a new unbounded queue
     */
    public <E extends Serializable> Queue<E> queue() {
        return new Queue<>();
    }

    /**
     * Python {@code ctx.Queue(maxsize)}.
     *
     * @param maxsize most items held at once; {@code <= 0}: unbounded
     * @param <E>     the item type
     * @return a new queue
     */
    public <E extends Serializable> Queue<E> queue(int maxsize) {
        return new Queue<>(maxsize);
    }

    /**
     * Python {@code ctx.JoinableQueue()}.
     *
     * @param <E> the item type
     * @return a new unbounded joinable queue
     */
    public <E extends Serializable> JoinableQueue<E> joinableQueue() {
        return new JoinableQueue<>();
    }

    /**
     * Python {@code ctx.JoinableQueue(maxsize)}.
     *
     * @param maxsize most items held at once; {@code <= 0}: unbounded
     * @param <E>     the item type
     * @return a new joinable queue
     */
    public <E extends Serializable> JoinableQueue<E> joinableQueue(int maxsize) {
        return new JoinableQueue<>(maxsize);
    }

    /**
     * Python {@code ctx.SimpleQueue()}.
     *
     * @param <E> the item type
     * @return a new simple queue
     */
    public <E extends Serializable> SimpleQueue<E> simpleQueue() {
        return new SimpleQueue<>();
    }

    /**
     * Python {@code ctx.Pipe()}.
     *
     * @return two connected, two-way ends
     */
    public ConnectionPair pipe() {
        return Multiprocessing.pipe();
    }

    /**
     * Python {@code ctx.Pipe(duplex)}.
     *
     * @param duplex {@code false}: {@code first} only receives, {@code second} only sends
     * @return the two ends
     */
    public ConnectionPair pipe(boolean duplex) {
        return Multiprocessing.pipe(duplex);
    }

    // ---- synchronization ----

    /**
     * Python {@code ctx.Lock()}.
     *
     * @return a new cross-process lock
     */
    public SharedLock lock() {
        return Multiprocessing.lock();
    }

    /**
     * Python {@code ctx.RLock()}.
     *
     * @return a new cross-process reentrant lock
     */
    public SharedLock rlock() {
        return Multiprocessing.rlock();
    }

    /**
     * Python {@code ctx.Semaphore(value)}.
     *
     * @param value initial permits
     * @return a new cross-process semaphore
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public SharedSemaphore semaphore(int value) {
        return Multiprocessing.semaphore(value);
    }

    /**
     * Python {@code ctx.BoundedSemaphore(value)}.
     *
     * @param value initial and maximum permits
     * @return a new cross-process bounded semaphore
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public SharedSemaphore boundedSemaphore(int value) {
        return Multiprocessing.boundedSemaphore(value);
    }

    /**
     * Python {@code ctx.Event()}.
     *
     * @return a new cross-process event
     */
    public SharedEvent event() {
        return Multiprocessing.event();
    }

    /**
     * Python {@code ctx.Condition()}.
     *
     * @return a new cross-process condition over a reentrant lock
     */
    public SharedCondition condition() {
        return Multiprocessing.condition();
    }

    /**
     * Python {@code ctx.Barrier(parties)}.
     *
     * @param parties how many must arrive
     * @return a new cross-process barrier
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public SharedBarrier barrier(int parties) {
        return Multiprocessing.barrier(parties);
    }

    // ---- shared memory ----

    /**
     * Python {@code ctx.Value('q', initial)}.
     *
     * @param initial the first value
     * @return a new shared {@code long}
     */
    public Value valueOfLong(long initial) {
        return Value.ofLong(initial);
    }

    /**
     * Python {@code ctx.Value('d', initial)}.
     *
     * @param initial the first value
     * @return a new shared {@code double}
     */
    public Value valueOfDouble(double initial) {
        return Value.ofDouble(initial);
    }

    /**
     * Python {@code ctx.Array('q', length)}.
     *
     * @param length number of elements, all 0
     * @return a new shared array of {@code long}
     */
    public Array arrayOfLongs(int length) {
        return Array.ofLongs(length);
    }

    /**
     * Python {@code ctx.Array('d', length)}.
     *
     * @param length number of elements, all 0.0
     * @return a new shared array of {@code double}
     */
    public Array arrayOfDoubles(int length) {
        return Array.ofDoubles(length);
    }

    /**
     * Python {@code ctx.Value(typecode, initial)}.
     *
     * @param typecode one of {@code b B h H i I l L q Q f d c u w}
     * @param initial  the first value, as {@link Value#of(char, Object)} takes it
     * @return {@link Value#of(char, Object)}
     * @throws IllegalArgumentException for an unknown type code, or a value of the wrong type or out of range
     */
    public Value value(char typecode, Object initial) {
        return Value.of(typecode, initial);
    }

    /**
     * Python {@code ctx.RawValue(typecode, initial)}.
     *
     * @param typecode one of {@code b B h H i I l L q Q f d c u w}
     * @param initial  the first value, as {@link Value#of(char, Object)} takes it
     * @return {@link Value#raw(char, Object)}: no lock
     * @throws IllegalArgumentException for an unknown type code, or a value of the wrong type or out of range
     */
    public Value rawValue(char typecode, Object initial) {
        return Value.raw(typecode, initial);
    }

    /**
     * Python {@code ctx.Array(typecode, size_or_initializer)}.
     *
     * @param typecode          one of {@code b B h H i I l L q Q f d c u w}
     * @param sizeOrInitializer a size, or the elements, as {@link Array#of(char, Object)} takes them
     * @return {@link Array#of(char, Object)}
     * @throws IllegalArgumentException for an unknown type code, a negative size, or a bad element
     */
    public Array array(char typecode, Object sizeOrInitializer) {
        return Array.of(typecode, sizeOrInitializer);
    }

    /**
     * Python {@code ctx.RawArray(typecode, size_or_initializer)}.
     *
     * @param typecode          one of {@code b B h H i I l L q Q f d c u w}
     * @param sizeOrInitializer a size, or the elements, as {@link Array#of(char, Object)} takes them
     * @return {@link Array#raw(char, Object)}: no lock
     * @throws IllegalArgumentException for an unknown type code, a negative size, or a bad element
     */
    public Array rawArray(char typecode, Object sizeOrInitializer) {
        return Array.raw(typecode, sizeOrInitializer);
    }

    // ---- the module functions ----

    /**
     * Python {@code ctx.cpu_count()}.
     *
     * @return {@link Multiprocessing#cpuCount()}
     */
    public int cpuCount() {
        return Multiprocessing.cpuCount();
    }

    /**
     * Python {@code ctx.current_process()}.
     *
     * @return {@link Multiprocessing#currentProcess()}
     */
    public Process currentProcess() {
        return Multiprocessing.currentProcess();
    }

    /**
     * Python {@code ctx.parent_process()}.
     *
     * @return {@link Multiprocessing#parentProcess()}
     */
    public Process parentProcess() {
        return Multiprocessing.parentProcess();
    }

    /**
     * Python {@code ctx.active_children()}.
     *
     * @return {@link Multiprocessing#activeChildren()}
     */
    public List<Process> activeChildren() {
        return Multiprocessing.activeChildren();
    }

    /**
     * Python {@code ctx.set_executable(path)}.
     *
     * @param path the {@code java} binary of children started from now on
     * @throws IllegalArgumentException if {@code path} is not an executable file
     */
    public void setExecutable(String path) {
        Multiprocessing.setExecutable(path);
    }

    /** Python's repr of a context: {@code <SpawnContext>}. */
    @Override
    public String toString() {
        return "<SpawnContext>";
    }
}
