package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.internal.SocketDir;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channel between a parent and one child as two named pipes in a private directory of the parent
 * ({@link SocketDir}, mode {@code rwx------}): {@code child-N.down} from parent to child, {@code child-N.up}
 * back. A young JVM opens them with {@code java.io} alone; a loopback TCP connection cost a fresh child
 * 15–30 ms of {@code java.net} set-up on its way to its first task (and the parent its server socket).
 * They are made by {@code mkfifo} (Java has no call for it), a few pairs at a time, before the child's
 * {@code START} names them. Where they cannot be made (not Linux, no {@code mkfifo},
 * {@code -Dpyconcurrent.childChannel=tcp}) children connect to the {@link ChildServer} instead; the
 * handshake on top is the same either way.
 *
 * <p>No open ever waits. A plain open of a named pipe waits for the other side, which may never come (a
 * child that dies as it starts, a parent killed before it opened); Linux opens one for reading and writing
 * at once. So each side first <em>holds</em> a pipe that way, opens its own end (which then finds the hold
 * on the other side of the pipe and does not wait), and lets go of the hold when the peer's end is
 * surely open:
 * <ul>
 *   <li>the parent, before it writes {@code START}: holds both pipes, opens the down pipe to write and the
 *       up pipe to read; it lets go when the child's {@code HELLO} arrives (the child's ends are open) or
 *       when the child exited without it (its reader then sees the end of the stream);</li>
 *   <li>the child: holds the down pipe while it opens it to read, and the up pipe while it opens it to
 *       write, and lets go at once: the parent's ends are open since before {@code START}, so from then
 *       on each pipe ends (end of stream, a broken pipe) exactly when one side's end closes, as a
 *       socket would: a child whose parent dies, even before it opened anything, halts.</li>
 * </ul>
 * The files are removed when the parent lets go of its holds, so the pipes are anonymous from then on.
 * States of a pair: STOCK (made, not handed out) --{@link #openParent}--> HELD --{@link #release}-->
 * RELEASED (files removed). The directory goes at exit (or with a later JVM's sweep, after a kill) with
 * whatever it still holds.
 */
final class FifoPair {
    /** How a {@code START} address of named pipes begins (a TCP address is {@code host:port}). */
    static final String PREFIX = "fifo:";
    /** The longest {@code mkfifo} may take before children connect over TCP instead. */
    static final long MKFIFO_SECONDS = 10;
    /**
     * Pairs one {@code mkfifo} makes: a pool's first workers then need one process between them (a process
     * started while the first of them boots takes a share of its two cores).
     */
    static final int BATCH = 4;

    /** Where a pipe opened for reading and writing does not wait (POSIX leaves it undefined). */
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    /** The directory of this JVM's pipes, made with the first; guarded by {@code FifoPair.class}. */
    private static SocketDir dir;
    /** Set when {@code mkfifo} failed once: every child connects over TCP from then on. */
    private static volatile boolean unavailable;
    private static final AtomicLong NEXT = new AtomicLong();
    /** Pairs made and not handed out yet; guarded by itself. */
    private static final ArrayDeque<FifoPair> STOCK = new ArrayDeque<>();

    /** The path of both pipes, less the suffix. */
    private final String base;
    private final File down;
    private final File up;
    /** The parent's holds on both pipes, until {@link #release}; guarded by this. */
    private RandomAccessFile holdDown;
    private RandomAccessFile holdUp;

    private FifoPair(String base) {
        this.base = base;
        this.down = new File(base + ".down");
        this.up = new File(base + ".up");
    }

    /**
     * The pipes of one child: from the stock, which {@code mkfifo} fills {@link #BATCH} pairs at a time.
     *
     * @return them, or null when the child is to connect over TCP
     */
    static FifoPair make() {
        if (unavailable || !LINUX || "tcp".equals(System.getProperty("pyconcurrent.childChannel"))) {
            return null;
        }
        synchronized (STOCK) {
            if (STOCK.isEmpty() && !fillStock()) {
                return null;
            }
            return STOCK.poll();
        }
    }

    /** Makes {@link #BATCH} pairs into the stock; false if it cannot (then TCP, for good unless interrupted). */
    private static boolean fillStock() {
        List<FifoPair> made = new ArrayList<>(BATCH);
        try {
            List<String> cmd = new ArrayList<>(List.of("mkfifo", "-m", "600"));
            for (int i = 0; i < BATCH; i++) {
                FifoPair f = new FifoPair(dir().resolve("child-" + NEXT.incrementAndGet()).toString());
                made.add(f);
                cmd.add(f.down.getPath());
                cmd.add(f.up.getPath());
            }
            java.lang.Process p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            if (p.waitFor(MKFIFO_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0) {
                for (FifoPair f : made) {   // not addAll: ArrayDeque's links a method reference
                    STOCK.add(f);
                }
                return true;
            }
            p.destroyForcibly();
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();   // this child connects over TCP; later ones try again
            removeAll(made);
            return false;
        } catch (IOException | RuntimeException e) {
            // no mkfifo, no directory: TCP below
        }
        removeAll(made);
        unavailable = true;
        return false;
    }

    private static void removeAll(List<FifoPair> pairs) {
        for (FifoPair f : pairs) {
            f.delete();
        }
    }

    private static synchronized Path dir() {
        if (dir == null) {
            dir = SocketDir.make();
        }
        return dir.path();
    }

    /** @return what {@code START} tells the child: {@link #PREFIX} and the pipes' common path */
    String address() {
        return PREFIX + base;
    }

    /** @return whether {@code address} names pipes (else it is a TCP {@code host:port}) */
    static boolean isAddress(String address) {
        return address.startsWith(PREFIX);
    }

    /**
     * The child's end: the down pipe to read, the up pipe to write; never waits (see the class comment).
     *
     * @param address what {@link #address} gave the parent
     * @throws IOException if the pipes are gone or cannot be opened
     */
    static StreamChannel openChild(String address) throws IOException {
        String b = address.substring(PREFIX.length());
        File down = new File(b + ".down");
        File up = new File(b + ".up");
        if (!down.exists() || !up.exists()) {   // checked: a hold would make a plain file where a pipe is gone
            throw new IOException("the parent's named pipes " + b + ".down/.up are gone");
        }
        FileInputStream in;
        try (RandomAccessFile hold = new RandomAccessFile(down, "rw")) {
            in = new FileInputStream(down);
        }
        try (RandomAccessFile hold = new RandomAccessFile(up, "rw")) {
            return StreamChannel.of(in, new FileOutputStream(up), true);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The parent's end, before {@code START} names the pipes: holds both, opens the down pipe to write and
     * the up pipe to read; never waits. {@link #release} lets go of the holds.
     *
     * @throws IOException if a pipe cannot be opened
     */
    synchronized StreamChannel openParent() throws IOException {
        try {
            holdDown = new RandomAccessFile(down, "rw");
            holdUp = new RandomAccessFile(up, "rw");
            FileOutputStream out = new FileOutputStream(down);
            try {
                return StreamChannel.of(new FileInputStream(up), out, false);
            } catch (IOException e) {
                out.close();
                throw e;
            }
        } catch (IOException e) {
            release();
            throw e;
        }
    }

    /**
     * Lets go of the parent's holds and removes the files: when the child's {@code HELLO} came (its ends are
     * open), or when it exited without one (the parent's reader then sees the end of the stream). Idempotent.
     */
    synchronized void release() {
        closeQuietly(holdDown);
        closeQuietly(holdUp);
        holdDown = null;
        holdUp = null;
        delete();
    }

    private static void closeQuietly(RandomAccessFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // released anyway
            }
        }
    }

    /** @return whether both files are gone (tests) */
    boolean removed() {
        return !down.exists() && !up.exists();
    }

    private void delete() {
        try {
            Files.deleteIfExists(down.toPath());
            Files.deleteIfExists(up.toPath());
        } catch (IOException ignored) {
            // the directory goes at exit, or with a later JVM's sweep
        }
    }
}
