package dev.pyconcurrent.multiprocessing.internal.broker;

import dev.pyconcurrent.internal.Bytes;
import dev.pyconcurrent.internal.Pid;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildContext;


import dev.pyconcurrent.internal.Interrupts;

import java.io.Serializable;
import java.lang.ref.Reference;

/**
 * The address of one object on a {@link Broker}: its socket and its id. This is all a
 * cross-process proxy carries when it is sent to another process; calls go through
 * {@link BrokerClient} from whichever process the proxy is in.
 *
 * @param socket the broker's Unix domain socket path
 * @param id     the object's id on that broker
 */
public record RemoteRef(String socket, long id) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A timeout (in nanoseconds) meaning "do not block": try once. */
    public static final long NO_WAIT = -1L;
    /** A timeout (in nanoseconds) meaning "no limit". */
    public static final long FOREVER = Long.MAX_VALUE;

    /**
     * One request on the wire.
     *
     * @param object the target's id
     * @param op     the operation
     * @param args   its arguments
     * @param pid    the calling process
     * @param printed lines the caller, a child JVM, had sent to its parent's {@code System.out} when it
     *                called; its parent's broker runs the call after they are printed
     */
    record Call(long object, Op op, Object[] args, long pid, long printed) {
        /** A call from this process, with the lines it has printed so far. */
        static Call fromHere(long object, Op op, Object[] args) {
            return new Call(object, op, args, PID, ChildContext.linesSent());
        }

        /** A call that printed nothing. */
        Call(long object, Op op, Object[] args, long pid) {
            this(object, op, args, pid, 0);
        }
    }

    private static final long PID = Pid.self();

    /**
     * Runs {@code op} on the object in its owner's broker and returns the result. Arguments
     * are serialized here, in the caller, so a value that cannot be serialized fails at once.
     * If the calling thread is interrupted while waiting, the call is cancelled on the server
     * and {@link dev.pyconcurrent.ThreadInterruptedException} is thrown (unless the call had
     * completed meanwhile: then its result is returned with the interrupt flag set).
     *
     * @param op   the operation
     * @param args its arguments
     * @return its result
     */
    public Object call(Op op, Object... args) {
        try {
            Served local = Broker.inProcess(this);
            if (local != null) {
                return callInProcess(local, op, args);
            }
            return BrokerClient.call(this, op, args);
        } catch (IllegalStateException e) {
            throw ManagerShutdowns.explain(socket, e);
        } finally {
            Reference.reachabilityFence(this);   // the object stays while a call through this reference runs
        }
    }

    /**
     * Runs {@code op} without waiting for its outcome: for operations that never wait and whose failure
     * the caller cannot act on (a put to an unbounded queue, a pipe send). In the owner's JVM it runs at
     * once; elsewhere it goes to the owner's connection in order with this thread's other calls: at once
     * when the connection was idle, else batched with the casts that follow closely and written by the
     * feeder thread soon after, before this thread's next call, or when the JVM exits normally (as
     * CPython's queue feeder is flushed at exit).
     *
     * @param op   the operation
     * @param args its arguments, serialized here
     */
    public void cast(Op op, Object... args) {
        try {
            Served local = Broker.inProcess(this);
            if (local != null) {
                callInProcess(local, op, args);
                return;
            }
            BrokerClient.cast(this, op, args);
        } catch (IllegalStateException e) {
            throw ManagerShutdowns.explain(socket, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** This class's binary name, as an encoded object that holds a reference spells it. */
    private static final byte[] NAME = RemoteRef.class.getName().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * @param encoded the bytes of an encoded object (the codec's or Java serialization's: both spell class names out)
     * @return whether they hold a reference: the object holds a handle on some process's queue, pipe, lock...
     */
    public static boolean namedIn(byte[] encoded) {
        return Bytes.contains(encoded, NAME);
    }

    /**
     * Java serialization: a serialized reference may reach another process, so an object of this JVM's
     * broker that it names is no longer dropped when its handles here are unreachable
     * ({@link Broker#holdLocally}).
     *
     * @return this reference
     */
    private Object writeReplace() {
        Broker.markShared(this);
        return this;
    }

    /**
     * The codec's form of this reference (see {@code Portables}): marks it shared, as {@link #writeReplace} does.
     *
     * @return the owner's socket and the object's id
     */
    private Object[] writeParts() {
        Broker.markShared(this);
        return new Object[] {socket, id};
    }

    /** @return the reference {@link #writeParts} took apart */
    private static Object readParts(Object[] parts) {
        if (parts.length != 2) {
            throw new IllegalArgumentException(parts.length + " parts");
        }
        return new RemoteRef((String) java.util.Objects.requireNonNull(parts[0]), (Long) parts[1]);
    }

    /** A call of the owner's own JVM: on the served object directly, in the calling thread. */
    private static Object callInProcess(Served target, Op op, Object[] args) {
        try {
            return target.call(op, args, null);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    /**
     * The {@code acquire} of a served lock, semaphore or condition: waits up to {@code nanos}
     * ({@link #FOREVER}: no limit; {@link #NO_WAIT}: not at all). A waiting call entered with the
     * interrupt flag set throws {@link dev.pyconcurrent.ThreadInterruptedException} at once.
     *
     * @param nanos how long the owner may wait
     * @return whether it was acquired
     */
    public boolean acquire(long nanos) {
        if (nanos != NO_WAIT) {
            Interrupts.checkNotInterrupted();
        }
        return (Boolean) call(Op.ACQUIRE, nanos);
    }
}
