package dev.pyconcurrent.multiprocessing.sharedmemory;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A block of POSIX shared memory, made or opened by name. Python:
 * {@code multiprocessing.shared_memory.SharedMemory(name=None, create=False, size=0)}.
 *
 * <p>The block lives where CPython puts it: POSIX shared memory, the file {@code /dev/shm/<name>}
 * on Linux (mode {@code rw-------}). A block made by a CPython program can be opened here by its
 * name, and the other way round; the bytes are the same memory. Names are given as in Python,
 * without the leading slash of {@code shm_open} (a leading slash is ignored, as glibc does);
 * made-up names are {@code psm_} and eight hexadecimal digits, as CPython's.
 *
 * <pre>{@code
 * SharedMemory shm = SharedMemory.create(1024);          // Python: SharedMemory(create=True, size=1024)
 * shm.getBuf().put(0, (byte) 42);                        // shm.buf[0] = 42
 * SharedMemory other = SharedMemory.attach(shm.getName()); // SharedMemory(shm.name), here or in another process
 * other.close();
 * shm.close();
 * shm.unlink();                                          // once, by one process, when nobody needs it
 * }</pre>
 *
 * <p>Model: OPEN --{@link #close()}--> CLOSED (this object's view only; idempotent). Independent of
 * it, the block's name exists until {@link #unlink()} (by any process); memory already mapped stays
 * valid after an unlink, and the block's memory is freed when the name is gone and nobody maps it.
 *
 * <p><b>Clean-up.</b> As with CPython's resource tracker ({@code track=True}, the default), a block
 * this JVM <em>created</em> and did not unlink is unlinked when this JVM exits normally (a block with
 * the same name made meanwhile by someone else is left alone). Blocks this JVM only attached to are
 * never unlinked by it (CPython before 3.13 also unlinked blocks it merely attached to; 3.13's
 * {@code track=False} avoids that). Pass {@code track = false} to keep a created block after exit.
 * A JVM killed with {@code kill -9} cleans nothing up.
 *
 * <p><b>Errors</b> (Python's {@code OSError}s become {@link UncheckedIOException}s, as for
 * {@code EOFError} in {@link dev.pyconcurrent.multiprocessing.Connection}):
 * <ul>
 *   <li>creating a name that exists (Python {@code FileExistsError}): {@link UncheckedIOException}
 *       whose cause is a {@link FileAlreadyExistsException};</li>
 *   <li>attaching to, or unlinking, a name that does not exist ({@code FileNotFoundError}):
 *       {@link UncheckedIOException} whose cause is a {@link NoSuchFileException};</li>
 *   <li>a size of zero or less on create, a negative size, no name without {@code create}, a name
 *       with a {@code '/'} inside ({@code ValueError}): {@link IllegalArgumentException};</li>
 *   <li>using the buffer after {@link #close()}: {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p><b>Serializable:</b> sent to another process (a {@code Process} argument, a captured
 * variable), it attaches there to the same block by name, as Python's pickling does.
 *
 * <p><b>Limits.</b> Linux (and other systems whose POSIX shared memory is the directory
 * {@code /dev/shm}); a {@link ByteBuffer} addresses at most {@code Integer.MAX_VALUE} bytes, so a
 * larger block cannot be opened. {@code close()} drops this object's mapping; the JVM unmaps it
 * when the buffers handed out by {@link #getBuf()} are garbage-collected (Java has no safe explicit
 * unmap).
 */
public final class SharedMemory implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** CPython's prefix for made-up names ({@code _SHM_NAME_PREFIX} without the slash). */
    static final String NAME_PREFIX = "psm_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The block's name, without a leading slash. */
    private final String name;
    /** Its size in bytes. */
    private final int size;
    /** This object's mapping; {@code null} once closed. */
    private transient volatile MappedByteBuffer mapping;

    /**
     * Python: {@code SharedMemory(name, create, size)}.
     *
     * @param name   the block's name ({@code null} with {@code create}: a new {@code psm_} name)
     * @param create make a new block ({@code true}) or open an existing one
     * @param size   the new block's size in bytes, above 0 with {@code create}; ignored (but not
     *               negative) when opening, where the block's own size is used
     * @throws IllegalArgumentException for a size below 0, or of 0 with {@code create}; a
     *                                  {@code null} name without {@code create}; a bad name
     * @throws UncheckedIOException     if the name exists ({@code create}) or does not (open), or the
     *                                  block cannot be made or mapped
     * @throws IllegalStateException    if this system has no {@code /dev/shm}
     */
    public SharedMemory(String name, boolean create, int size) {
        this(name, create, size, true);
    }

    /**
     * Python 3.13: {@code SharedMemory(name, create, size, track=track)}.
     *
     * @param name   as {@link #SharedMemory(String, boolean, int)}
     * @param create as {@link #SharedMemory(String, boolean, int)}
     * @param size   as {@link #SharedMemory(String, boolean, int)}
     * @param track  whether a block made here is unlinked when this JVM exits (if not unlinked before)
     * @throws IllegalArgumentException as {@link #SharedMemory(String, boolean, int)}
     * @throws UncheckedIOException     as {@link #SharedMemory(String, boolean, int)}
     * @throws IllegalStateException    as {@link #SharedMemory(String, boolean, int)}
     */
    public SharedMemory(String name, boolean create, int size, boolean track) {
        if (size < 0) {
            throw new IllegalArgumentException("'size' must be a positive integer, got " + size);
        }
        if (create && size == 0) {
            throw new IllegalArgumentException("'size' must be a positive number different from zero");
        }
        if (name == null && !create) {
            throw new IllegalArgumentException("'name' can only be null if create=true");
        }
        Path dir = ShmDirectory.get();
        if (!create) {
            this.name = checkName(name);
            this.mapping = open(dir.resolve(this.name), this.name);
            this.size = mapping.capacity();
            return;
        }
        if (name != null) {
            this.name = checkName(name);
            this.mapping = make(dir.resolve(this.name), this.name, size, track);
        } else {
            String made = null;
            MappedByteBuffer m = null;
            while (m == null) {
                made = NAME_PREFIX + HexFormat.of().formatHex(randomBytes());
                try {
                    m = make(dir.resolve(made), made, size, track);
                } catch (UncheckedIOException e) {
                    if (!(e.getCause() instanceof FileAlreadyExistsException)) {
                        throw e;
                    }
                }
            }
            this.name = made;
            this.mapping = m;
        }
        this.size = size;
    }

    /**
     * Python: {@code SharedMemory(create=True, size=size)}: a new block with a made-up name.
     *
     * @param size its size in bytes, above 0
     * @return the new block, zero-filled
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public static SharedMemory create(int size) {
        return new SharedMemory(null, true, size);
    }

    /**
     * Python: {@code SharedMemory(name, create=True, size=size)}.
     *
     * @param name its name (no {@code '/'} inside)
     * @param size its size in bytes, above 0
     * @return the new block, zero-filled
     * @throws IllegalArgumentException if {@code size <= 0} or the name is bad
     * @throws UncheckedIOException     (cause {@link FileAlreadyExistsException}) if the name exists
     */
    public static SharedMemory create(String name, int size) {
        return new SharedMemory(java.util.Objects.requireNonNull(name, "name"), true, size);
    }

    /**
     * Python: {@code SharedMemory(name)}: opens an existing block, made here or by any other
     * program (CPython's included).
     *
     * @param name its name
     * @return a view of it, of the block's size
     * @throws UncheckedIOException (cause {@link NoSuchFileException}) if there is no such block
     */
    public static SharedMemory attach(String name) {
        return new SharedMemory(java.util.Objects.requireNonNull(name, "name"), false, 0);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }

    /** @return the name without leading slashes, checked as {@code shm_open} would */
    static String checkName(String name) {
        String n = name;
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0 || n.indexOf('\0') >= 0
                || n.length() > 255) {
            throw new IllegalArgumentException("bad shared memory name " + repr(name)
                    + ": it must be 1 to 255 characters with no '/' after the leading one");
        }
        return n;
    }

    private static MappedByteBuffer make(Path file, String name, int size, boolean track) {
        try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            try {
                // mapping beyond the end extends the file (ftruncate), as CPython's os.ftruncate does
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
                if (track) {
                    Tracker.created(file);
                }
                return m;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("shared memory block " + repr(name) + " already exists (" + file + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory block " + repr(name) + " of " + size
                    + " bytes (" + file + "): " + e.getMessage(), e);
        }
    }

    private static MappedByteBuffer open(Path file, String name) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long n = ch.size();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException("shared memory block " + repr(name) + " has " + n
                        + " bytes, more than a ByteBuffer can address (" + Integer.MAX_VALUE + ")");
            }
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, n);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no shared memory block named " + repr(name) + " (" + file + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open shared memory block " + repr(name) + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    static String repr(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Python: {@code shm.buf}. A new view on each call (its own position and limit, over the same
     * memory), in the platform's native byte order as CPython's {@code struct} and NumPy use.
     *
     * @return a {@link ByteBuffer} of {@link #getSize()} bytes over the block
     * @throws IllegalStateException after {@link #close()}
     */
    public ByteBuffer getBuf() {
        MappedByteBuffer m = mapping;
        if (m == null) {
            throw new IllegalStateException("shared memory " + repr(name) + " is closed");
        }
        return m.duplicate().order(ByteOrder.nativeOrder());
    }

    /**
     * Python: {@code shm.name}.
     *
     * @return the block's name, without a leading slash: pass it to {@link #attach(String)} (or to
     *         CPython's {@code SharedMemory(name)}) elsewhere
     */
    public String getName() {
        return name;
    }

    /**
     * Python: {@code shm.size}.
     *
     * @return the block's size in bytes
     */
    public int getSize() {
        return size;
    }

    /**
     * Python: {@code shm.close()}: this object lets go of the block; the block itself stays (see
     * {@link #unlink()}). Idempotent; buffers already handed out stay usable.
     */
    @Override
    public void close() {
        mapping = null;
    }

    /**
     * Python: {@code shm.unlink()}: removes the block's name, so it can no longer be attached to; its
     * memory is freed once no process maps it. Call it once, from one process.
     *
     * @throws UncheckedIOException (cause {@link NoSuchFileException}) if the name is already gone
     */
    public void unlink() {
        Path file = ShmDirectory.get().resolve(name);
        try {
            Tracker.forget(file);
            Files.delete(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no shared memory block named " + repr(name) + " (" + file + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink shared memory block " + repr(name) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Python: {@code repr(shm)}.
     *
     * @return {@code SharedMemory('name', size=n)}
     */
    @Override
    public String toString() {
        return "SharedMemory(" + repr(name) + ", size=" + size + ")";
    }

    /**
     * Writes the name and size (the mapping is not sent).
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    /**
     * Attaches to the block by name in the receiving process, as Python's unpickling does.
     *
     * @param in the stream
     * @throws IOException            if the stream fails
     * @throws ClassNotFoundException never for this class's own fields
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null) {
            throw new InvalidObjectException("no name");
        }
        checkName(name);
        mapping = open(ShmDirectory.get().resolve(name), name);
    }
}
