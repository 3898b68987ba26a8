package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Broker;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python: a Queue, Pipe or Lock whose last handle is gone is freed (its buffers and pipes are
 * garbage-collected), while one sent to another process stays usable there. Here the objects this
 * process serves are dropped once no handle of them is reachable, unless a handle was serialized.
 */
class LocalObjectLifetimeTest {

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void gcUntil(String what, java.util.function.BooleanSupplier done) {
        Waits.until(what, () -> {
            System.gc();
            return done.getAsBoolean();
        }, Duration.ofSeconds(30));
    }

    /** A queue holding an item, reachable only through the returned weak reference. */
    private static WeakReference<Object> unreachableQueue() {
        Queue<String> q = new Queue<>();
        q.put("lost");
        return new WeakReference<>(q.ref);
    }

    @Test
    void objectsNoHandleCanReachAreDropped() {
        // Python: del q (and the pipe and lock) frees them; nothing accumulates in the owner
        gcUntil("what earlier tests left was dropped", () -> {
            int n = Broker.local().objectCount();
            System.gc();
            return Broker.local().objectCount() == n;
        });
        int before = Broker.local().objectCount();
        WeakReference<Object> q = unreachableQueue();
        Multiprocessing.pipe().first().send("lost");
        Multiprocessing.lock().acquire();
        new SimpleQueue<String>().put("lost");
        gcUntil("the queue's reference was collected", () -> q.get() == null);
        gcUntil("the four objects were dropped", () -> Broker.local().objectCount() <= before);
    }

    @Test
    void aSerializedHandleKeepsItsObjectAfterTheOriginalsAreGone() {
        // Python: a queue or pipe end sent to another process stays usable there after the sender dropped it
        Queue<String> q = new Queue<>();
        q.put("kept");
        ConnectionPair pipe = Multiprocessing.pipe();
        pipe.first().send("kept too");
        byte[] sentQueue = serialize(q);
        byte[] sentEnd = serialize(pipe.second());
        WeakReference<Object> queueRef = new WeakReference<>(q.ref);
        q = null;
        pipe = null;
        // a witness made at the same time and never sent: once it is dropped, the cleaners have run
        WeakReference<Object> witness = unreachableQueue();
        int withWitness = Broker.local().objectCount();
        gcUntil("the originals were collected and the witness dropped", () -> queueRef.get() == null
                && witness.get() == null && Broker.local().objectCount() < withWitness);
        @SuppressWarnings("unchecked")
        Queue<String> copy = (Queue<String>) deserialize(sentQueue);
        assertThat(copy.get(10)).isEqualTo("kept");
        Connection end = (Connection) deserialize(sentEnd);
        assertThat(end.recv()).isEqualTo("kept too");
    }
}
