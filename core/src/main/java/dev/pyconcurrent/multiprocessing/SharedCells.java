package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The elements of one {@link Value} or {@link Array} in this process: a mapping of its
 * shared-memory file, element access by type code, the lock words after the elements, and the
 * release of the file when the object is closed or becomes unreachable.
 *
 * <p>Layout of the file: {@code length} elements of {@code type.size} bytes from offset 0
 * (native byte order, as C lays them out), padded to a multiple of 8, then the 16 bytes of the
 * {@link SharedMemoryLock}. Every access is atomic: 8- and 4-byte elements through a
 * {@link VarHandle} on their own (aligned) word, 1- and 2-byte elements through the aligned
 * 4-byte word that holds them, written with compare-and-set so neighbours are never overwritten.
 *
 * <p>States: OPEN --{@link #close()} or unreachable (a {@link Cleaner})--> CLOSED: this process's
 * use of the file is given back ({@link SharedMemory#release(Path)}); the file is deleted once no
 * live process uses it. Other processes keep their own mappings.
 */
final class SharedCells {
    private static final VarHandle LONGS = SharedMemory.LONGS;
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final Cleaner CLEANER = Cleaner.create();

    final TypeCode type;
    final int length;
    final Path file;
    /** This process's mapping; {@code null} once closed. */
    private volatile MappedByteBuffer buf;
    /** The lock kept in the file, over this mapping. */
    final SharedMemoryLock lock;
    private final Cleaner.Cleanable cleanable;

    private SharedCells(TypeCode type, int length, Path file, MappedByteBuffer buf) {
        this.type = type;
        this.length = length;
        this.file = file;
        this.buf = buf;
        this.lock = new SharedMemoryLock(buf, lockOffset(type, length));
        this.cleanable = CLEANER.register(this, new Release(file));
    }

    /** Gives the file back once, from {@link #close()} or the cleaner. Refers to no cells. */
    private static final class Release implements Runnable {
        private final Path file;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(Path file) {
            this.file = file;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                SharedMemory.release(file);
            }
        }
    }

    static int lockOffset(TypeCode type, int length) {
        return (int) ((long) type.size * length + 7 & ~7L);
    }

    private static long bytes(TypeCode type, int length) {
        return lockOffset(type, length) + 16L;
    }

    /** New zero-filled cells. */
    static SharedCells create(TypeCode type, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length " + length);
        }
        if ((long) type.size * length + 23 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + length + " '" + type.code + "' elements is too large");
        }
        SharedMemory.Mapped m = SharedMemory.createMapped(bytes(type, length));
        return new SharedCells(type, length, m.file(), m.buffer());
    }

    /** This process's view of existing cells (after deserialization). */
    static SharedCells attach(String file, TypeCode type, int length) {
        Path p = Path.of(file);
        return new SharedCells(type, length, p, SharedMemory.map(p, bytes(type, length)));
    }

    /** @return the mapping, or throws if closed */
    MappedByteBuffer buf(String what) {
        MappedByteBuffer b = buf;
        if (b == null) {
            throw new IllegalStateException(what + " is closed");
        }
        return b;
    }

    boolean isClosed() {
        return buf == null;
    }

    void close() {
        buf = null;
        cleanable.clean();
    }

    private int shift(int off) {
        int lane = off & 3;
        return LITTLE ? lane * 8 : (4 - lane - type.size) * 8;
    }

    private long mask() {
        return type.size == 8 ? -1L : (1L << (8 * type.size)) - 1;
    }

    /** @return the bits of element {@code i} (volatile read) */
    long get(MappedByteBuffer b, int i) {
        int off = i * type.size;
        switch (type.size) {
            case 8:
                return (long) LONGS.getVolatile(b, off);
            case 4:
                return (int) INTS.getVolatile(b, off) & 0xffff_ffffL;
            default:
                return ((int) INTS.getVolatile(b, off & ~3) >>> shift(off)) & mask();
        }
    }

    /** Sets element {@code i} to {@code bits} (volatile write). */
    void set(MappedByteBuffer b, int i, long bits) {
        int off = i * type.size;
        switch (type.size) {
            case 8:
                LONGS.setVolatile(b, off, bits);
                return;
            case 4:
                INTS.setVolatile(b, off, (int) bits);
                return;
            default:
                int word = off & ~3;
                int s = shift(off);
                int m = (int) (mask() << s);
                for (;;) {
                    int cur = (int) INTS.getVolatile(b, word);
                    int next = (cur & ~m) | ((int) (bits << s) & m);
                    if (INTS.compareAndSet(b, word, cur, next)) {
                        return;
                    }
                }
        }
    }

    /** Sets element {@code i} to {@code bits} if it holds {@code expected}. */
    boolean compareAndSet(MappedByteBuffer b, int i, long expected, long bits) {
        int off = i * type.size;
        switch (type.size) {
            case 8:
                return LONGS.compareAndSet(b, off, expected, bits);
            case 4:
                return INTS.compareAndSet(b, off, (int) expected, (int) bits);
            default:
                int word = off & ~3;
                int s = shift(off);
                long mask = mask();
                int m = (int) (mask << s);
                for (;;) {
                    int cur = (int) INTS.getVolatile(b, word);
                    if (((cur >>> s) & mask) != (expected & mask)) {
                        return false;
                    }
                    int next = (cur & ~m) | ((int) (bits << s) & m);
                    if (INTS.compareAndSet(b, word, cur, next)) {
                        return true;
                    }
                }
        }
    }

    /**
     * Adds {@code delta} to integer element {@code i} atomically. An 8-byte element wraps around
     * as Java's {@code long} does; a smaller one must stay in its type's range.
     *
     * @return the previous value
     */
    long getAndAdd(MappedByteBuffer b, int i, long delta) {
        if (type.size == 8) {
            type.integerBits(0);
            return (long) LONGS.getAndAdd(b, i * 8, delta);
        }
        for (;;) {
            long bits = get(b, i);
            long old = type.toLong(bits);
            long next;
            try {
                next = Math.addExact(old, delta);
            } catch (ArithmeticException overflow) {
                throw type.outOfRange(java.math.BigInteger.valueOf(old).add(java.math.BigInteger.valueOf(delta)));
            }
            if (compareAndSet(b, i, bits, type.integerBits(next) & mask())) {
                return old;
            }
        }
    }

    long maskBits(long bits) {
        return bits & mask();
    }
}
