package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;
import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.multiprocessing.Process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;

/**
 * The main class of every child JVM.
 *
 * <p>Life of a child: (1) before any user code runs, keep file descriptor 1 for frames
 * and replace {@code System.out} by a stream that sends whole lines as {@code OUT}
 * frames; (2) read {@code START} (secret key, challenge, name, initializer); (3) start
 * the channel watcher ({@link Reader}): whichever thread reads stdin halts the JVM at end of
 * input, so a child never outlives its parent, even one killed by {@code kill -9}; (4) run the initializer and
 * answer {@code READY} with the challenge's HMAC, or {@code INIT_FAILED} and exit 1;
 * (5) read and run tasks one at a time on the main thread until {@code SHUTDOWN} (exit 0), or
 * run one {@code Process} and exit with its exit code.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** Exit status when the initializer fails or the process target throws. */
    static final int EXIT_FAILURE = 1;
    /** Exit status when the parent's channel breaks (the parent is gone). */
    static final int EXIT_ORPHANED = 1;

    /** Frames to the parent; writes are serialized on this object. */
    private static final class Channel {
        private final OutputStream out;

        Channel(OutputStream out) {
            this.out = out;
        }

        synchronized void send(byte type, long id, byte[] payload) {
            try {
                Wire.write(out, type, id, payload);
            } catch (IOException parentGone) {
                orphaned();
            }
        }
    }

    /** {@code System.out} of the child: buffers bytes and sends each complete line as one frame. */
    private static final class LineForwarder extends OutputStream {
        private static final int MAX_LINE = 64 * 1024;
        private final Channel channel;
        private byte[] buf = new byte[256];   // guarded by this
        private int len;                      // guarded by this

        LineForwarder(Channel channel) {
            this.channel = channel;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
                return;
            }
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = (byte) b;
            if (len >= MAX_LINE) {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int n) {
            for (int i = 0; i < n; i++) {
                write(b[off + i]);
            }
        }

        /** Sends a trailing partial line, if any (at exit). */
        synchronized void flushPartial() {
            if (len > 0) {
                emit();
            }
        }

        private void emit() {
            byte[] line = java.util.Arrays.copyOf(buf, len);
            len = 0;
            channel.send(Wire.OUT, 0, line);
        }
    }

    /**
     * Entry point of a child JVM; not for direct use.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Channel channel = new Channel(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        LineForwarder forwarder = new LineForwarder(channel);
        System.setOut(new PrintStream(forwarder, true));
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(forwarder::flushPartial, "pyconcurrent-flush"));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        Codec codec = JavaSerializationCodec.INSTANCE;

        Handshake.Start start;
        try {
            Wire.Frame first = Wire.readRequired(in);
            if (first.type() != Wire.START) {
                throw new IOException("protocol error: expected START, got frame type " + first.type());
            }
            start = Handshake.Start.read(first.payload());
        } catch (IOException e) {
            System.err.println("pyconcurrent worker: no START frame from the parent: " + e);
            Runtime.getRuntime().halt(EXIT_ORPHANED);
            return;
        }
        ChildContext.init(start.name(), start.parentPid(), start.parentName(), start.key());

        Reader reader = new Reader(in);
        java.lang.Thread watcher = new java.lang.Thread(reader::watch, "pyconcurrent-channel");
        watcher.setDaemon(true);
        watcher.start();

        if (start.initializer().length > 0) {
            reader.busy(true);
            try {
                ((SerializableRunnable) codec.decode(start.initializer())).run();
            } catch (Throwable t) {
                channel.send(Wire.INIT_FAILED, 0, codec.encode(RemoteFailure.of(t, codec)));
                System.exit(EXIT_FAILURE);
            }
            reader.busy(false);
        }
        channel.send(Wire.READY, 0, Handshake.ready(start.key(), start.challenge(), ProcessHandle.current().pid()));

        while (true) {
            Wire.Frame frame = reader.next();
            switch (frame.type()) {
                case Wire.TASK -> {
                    reader.busy(true);
                    runTask(frame, channel, codec);
                    reader.busy(false);
                }
                case Wire.RUN_PROCESS -> {
                    reader.busy(true);
                    System.exit(runProcess(frame.payload(), codec));
                }
                case Wire.SHUTDOWN -> System.exit(0);
                default -> {
                    System.err.println("pyconcurrent worker: unexpected frame type " + frame.type());
                    System.exit(EXIT_FAILURE);
                }
            }
        }
    }

    /**
     * Who reads the parent's frames. Between tasks the main thread reads them itself, so a task
     * reaches the thread that runs it without a hand-off. Once the main thread has been busy (the
     * initializer, a task, a {@code Process}) for {@link #WATCH_MILLIS} or more, the watcher thread
     * takes over reading, so the end of input (the parent is gone) halts the JVM even during long
     * work; a frame it reads waits in the queue for the main thread.
     *
     * <p>States: MAIN_READS --main busy for WATCH_MILLIS--> WATCHER_READS --frame queued--> MAIN_READS.
     * Only one thread reads at a time: the watcher starts only while the main thread is busy, and
     * the main thread reads only when the watcher does not.
     */
    private static final class Reader {
        /** How long the main thread may be busy before the watcher reads in its place. */
        static final long WATCH_MILLIS = 100;
        private final DataInputStream in;
        private final ArrayDeque<Wire.Frame> queued = new ArrayDeque<>();   // guarded by this
        private boolean watcherReading;                                     // guarded by this
        private boolean busy;                                               // guarded by this
        private long busyPeriods;                                           // guarded by this

        Reader(DataInputStream in) {
            this.in = in;
        }

        /** The next frame, for the main thread; halts the JVM at end of input. */
        Wire.Frame next() {
            synchronized (this) {
                while (watcherReading && queued.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // only the parent ends a worker
                    }
                }
                if (!queued.isEmpty()) {
                    return queued.poll();
                }
            }
            return readOrHalt();
        }

        /** The main thread starts (true) or ends (false) a piece of work. */
        synchronized void busy(boolean b) {
            busy = b;
            if (b) {
                busyPeriods++;
            }
        }

        /** The watcher thread's body: reads while the main thread has been busy long enough. */
        void watch() {
            long seen = -1;
            while (true) {
                try {
                    java.lang.Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    continue;
                }
                synchronized (this) {
                    if (!busy || busyPeriods != seen) {
                        seen = busy ? busyPeriods : -1;
                        continue;
                    }
                    watcherReading = true;
                }
                Wire.Frame f = readOrHalt();
                synchronized (this) {
                    queued.add(f);
                    watcherReading = false;
                    notifyAll();
                }
            }
        }

        private Wire.Frame readOrHalt() {
            try {
                Wire.Frame f = Wire.read(in);
                if (f != null) {
                    return f;
                }
            } catch (IOException broken) {
                // same as end of input
            }
            // The parent closed the channel or died: never outlive it.
            orphaned();
            throw new IllegalStateException("halted");
        }
    }

    /**
     * Halts at once (no shutdown hook, no user code) after letting go of the shared memory
     * this child used, so that a file whose creator died goes with its last user.
     */
    private static void orphaned() {
        try {
            SharedMemory.release(ChildContext.parentPid());
        } finally {
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }
    }

    private static void runTask(Wire.Frame frame, Channel channel, Codec codec) {
        byte[] result;
        try {
            result = WorkerTask.run(frame.payload(), codec);
        } catch (Throwable t) {
            channel.send(Wire.ERROR, frame.id(), codec.encode(RemoteFailure.of(t, codec)));
            return;
        }
        channel.send(Wire.RESULT, frame.id(), result);
    }

    private static int runProcess(byte[] payload, Codec codec) {
        Process p;
        try {
            p = (Process) codec.decode(payload);
        } catch (RuntimeException e) {
            System.err.println("Process " + ChildContext.name() + ":");
            e.printStackTrace();
            return EXIT_FAILURE;
        }
        ChildContext.setProcess(p);
        try {
            p.run();
            return 0;
        } catch (Throwable t) {
            System.err.println("Process " + p.getName() + ":");
            t.printStackTrace();
            return EXIT_FAILURE;
        }
    }
}
