package dev.pyconcurrent.multiprocessing.sharedmemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shared memory blocks released together. Python: {@code multiprocessing.managers.SharedMemoryManager}
 * ({@code smm.start()}, {@code smm.SharedMemory(size)}, {@code smm.ShareableList(sequence)},
 * {@code smm.shutdown()}).
 *
 * <pre>{@code
 * try (SharedMemoryManager smm = SharedMemoryManager.start()) {    // Python: with SharedMemoryManager() as smm:
 *     ShareableList sl = smm.shareableList(List.of(1, 2, 3));      //     sl = smm.ShareableList(range(3))
 *     SharedMemory shm = smm.sharedMemory(128);                    //     shm = smm.SharedMemory(size=128)
 *     ... pass sl and shm to processes ...
 * }                                                                // both blocks are unlinked here
 * }</pre>
 *
 * <p>Every block made through the manager is unlinked at {@link #shutdown()} (or at this JVM's normal
 * exit), wherever it is still in use: processes that map it keep their memory, but its name is gone
 * and nobody can attach to it any more, as in Python. A block already unlinked by someone else, or
 * replaced by another block of the same name, is left alone. Python serves the blocks' names from a
 * manager process; here the manager is this JVM, which makes the blocks itself, so blocks are made
 * by the process that holds the manager (send them to other processes: they are
 * {@link java.io.Serializable}).
 *
 * <p>States: STARTED --{@link #shutdown()}/{@link #close()}--> SHUT_DOWN (making a block then throws
 * {@link IllegalStateException}). Thread-safe.
 */
public final class SharedMemoryManager implements AutoCloseable {
    private final Object lock = new Object();
    /** The blocks made and not yet released, each with the file key it had when made. */
    private final Map<SharedMemory, Object> blocks = new LinkedHashMap<>(); // guarded by lock
    private boolean shutDown; // guarded by lock

    private SharedMemoryManager() {
    }

    /**
     * Python {@code SharedMemoryManager()} then {@code start()}.
     *
     * @return a started manager
     */
    public static SharedMemoryManager start() {
        return new SharedMemoryManager();
    }

    /**
     * Python {@code smm.SharedMemory(size)}: a new block with a made-up name, unlinked at {@link #shutdown()}.
     *
     * @param size its size in bytes, above 0
     * @return the block, zero-filled
     * @throws IllegalArgumentException if {@code size <= 0}
     * @throws IllegalStateException    after {@link #shutdown()}
     */
    public SharedMemory sharedMemory(int size) {
        checkOpen();
        return keep(SharedMemory.create(size));
    }

    /**
     * Python {@code smm.ShareableList(sequence)}: a new list in a block with a made-up name, unlinked at
     * {@link #shutdown()}.
     *
     * @param sequence the items, as {@link ShareableList#ShareableList(Collection)} takes them
     * @return the list
     * @throws IllegalArgumentException for an item of a type a {@code ShareableList} cannot hold
     * @throws IllegalStateException    after {@link #shutdown()}
     */
    public ShareableList shareableList(Collection<?> sequence) {
        Objects.requireNonNull(sequence, "sequence");
        checkOpen();
        ShareableList list = new ShareableList(sequence);
        keep(list.getShm());
        return list;
    }

    private void checkOpen() {
        synchronized (lock) {
            if (shutDown) {
                throw new IllegalStateException("this SharedMemoryManager has been shut down");
            }
        }
    }

    private SharedMemory keep(SharedMemory block) {
        Object key = fileKey(block.getName());
        synchronized (lock) {
            if (!shutDown) {
                blocks.put(block, key);
                return block;
            }
        }
        block.unlink(); // shut down meanwhile: nothing may outlive it
        throw new IllegalStateException("this SharedMemoryManager has been shut down");
    }

    /**
     * Python: the names the manager's server tracks.
     *
     * @return the names of the blocks made here and not yet released, oldest first
     */
    public List<String> getSegmentNames() {
        synchronized (lock) {
            List<String> names = new ArrayList<>();
            for (SharedMemory b : blocks.keySet()) {
                names.add(b.getName());
            }
            return names;
        }
    }

    /**
     * Python {@code smm.shutdown()}: unlinks every block made through this manager that is still there.
     * Idempotent.
     */
    public void shutdown() {
        Map<SharedMemory, Object> made;
        synchronized (lock) {
            shutDown = true;
            made = new LinkedHashMap<>(blocks);
            blocks.clear();
        }
        for (Map.Entry<SharedMemory, Object> e : made.entrySet()) {
            SharedMemory b = e.getKey();
            Object now = fileKey(b.getName());
            if (now != null && now.equals(e.getValue())) {
                try {
                    b.unlink();
                } catch (UncheckedIOException gone) {
                    // unlinked meanwhile by someone else
                }
            }
        }
    }

    /** Same as {@link #shutdown()}; Python {@code with SharedMemoryManager() as smm:}. */
    @Override
    public void close() {
        shutdown();
    }

    /** @return the block's file key (device and inode), its path where there is none, or {@code null} if it is gone */
    private static Object fileKey(String name) {
        Path file = ShmDirectory.get().resolve(name);
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? file : key;
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * A description.
     *
     * @return e.g. {@code SharedMemoryManager(2 blocks)}
     */
    @Override
    public String toString() {
        synchronized (lock) {
            return "SharedMemoryManager(" + (shutDown ? "shut down" : blocks.size() + " blocks") + ")";
        }
    }
}
