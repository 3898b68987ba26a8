package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;
import dev.pyconcurrent.threading.Acquirable;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * One number in shared memory. Python: {@code multiprocessing.Value('q', n)} /
 * {@code Value('d', x)}.
 *
 * <p>The number lives in a memory-mapped file (see {@link SharedMemory}); every process
 * this object is sent to maps the same file, so reads and writes are seen by all of them.
 * Single operations are atomic ({@code getAndAddLong}, {@code compareAndSetLong}, and
 * volatile get/set); for compound updates ({@code v.setLong(v.getLong() * 2)}) hold
 * {@link #getLock()}, a cross-process reentrant lock kept in the same shared memory, as in Python's
 * {@code with v.get_lock():}. A value made by {@link #ofLong} holds a {@code long}, one
 * made by {@link #ofDouble} a {@code double}; using the other type is an
 * {@link IllegalStateException}.
 */
public final class Value implements Serializable {
    private static final long serialVersionUID = 2L;
    /** The number (8 bytes) then the lock's two words. */
    private static final int BYTES = 24;

    /** The shared-memory file (in {@code /dev/shm} where available) that every process maps. */
    private final String file;
    /** Whether it holds a {@code double} (Python type code {@code 'd'}) rather than a {@code long} ({@code 'q'}). */
    private final boolean isDouble;
    private transient MappedByteBuffer buf;
    /** The cross-process lock of {@link #getLock()}, in bytes 8..23 of the same file. */
    private transient SharedMemoryLock lock;

    private Value(boolean isDouble, long bits) {
        this.file = SharedMemory.create(BYTES).toString();
        this.isDouble = isDouble;
        this.buf = SharedMemory.map(Path.of(file), BYTES);
        this.lock = new SharedMemoryLock(buf, 8);
        SharedMemory.LONGS.setVolatile(buf, 0, bits);
    }

    /**
     * Python {@code Value('q', initial)}.
     *
     * @param initial the first value
     * @return a new shared long
     */
    public static Value ofLong(long initial) {
        return new Value(false, initial);
    }

    /**
     * Python {@code Value('d', initial)}.
     *
     * @param initial the first value
     * @return a new shared double
     */
    public static Value ofDouble(double initial) {
        return new Value(true, Double.doubleToRawLongBits(initial));
    }

    /**
     * Maps the shared-memory file again in the receiving process.
     *
     * @param in the stream
     * @throws IOException if the file cannot be mapped
     * @throws ClassNotFoundException never for this class's own fields
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        buf = SharedMemory.map(Path.of(file), BYTES);
        lock = new SharedMemoryLock(buf, 8);
    }

    private MappedByteBuffer longs() {
        if (isDouble) {
            throw new IllegalStateException("this Value holds a double");
        }
        return buf;
    }

    private MappedByteBuffer doubles() {
        if (!isDouble) {
            throw new IllegalStateException("this Value holds a long");
        }
        return buf;
    }

    /**
     * Python {@code v.value}.
     *
     * @return the current value
     */
    public long getLong() {
        return (long) SharedMemory.LONGS.getVolatile(longs(), 0);
    }

    /**
     * Python {@code v.value = x}.
     *
     * @param v the new value
     */
    public void setLong(long v) {
        SharedMemory.LONGS.setVolatile(longs(), 0, v);
    }

    /**
     * Atomically adds {@code delta} (visible to every process at once).
     *
     * @param delta what to add
     * @return the previous value
     */
    public long getAndAddLong(long delta) {
        return (long) SharedMemory.LONGS.getAndAdd(longs(), 0, delta);
    }

    /**
     * Atomically sets the value to {@code v} if it is {@code e}.
     *
     * @param e expected value
     * @param v new value
     * @return whether it was set
     */
    public boolean compareAndSetLong(long e, long v) {
        return SharedMemory.LONGS.compareAndSet(longs(), 0, e, v);
    }

    /**
     * Python {@code v.value}.
     *
     * @return the current value
     */
    public double getDouble() {
        return Double.longBitsToDouble((long) SharedMemory.LONGS.getVolatile(doubles(), 0));
    }

    /**
     * Python {@code v.value = x}.
     *
     * @param v the new value
     */
    public void setDouble(double v) {
        SharedMemory.LONGS.setVolatile(doubles(), 0, Double.doubleToRawLongBits(v));
    }

    /**
     * Python {@code v.get_lock()}.
     *
     * @return the cross-process reentrant lock guarding compound updates (an {@link Acquirable},
     *         with Python 3.14's {@code locked()})
     */
    public SharedMemoryLock getLock() {
        return lock;
    }

    /**
     * Returns the shared memory file (for tests).
     *
     * @return the shared memory file (for tests)
     */
    String file() {
        return file;
    }

    @Override
    public String toString() {
        return isDouble ? "Value('d', " + getDouble() + ")" : "Value('q', " + getLong() + ")";
    }
}
