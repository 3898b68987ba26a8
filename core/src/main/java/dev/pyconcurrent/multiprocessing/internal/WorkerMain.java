package dev.pyconcurrent.multiprocessing.internal;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of every child JVM.
 *
 * <p>Life of a child: (1) before any user code runs, keep file descriptor 1 for frames
 * and replace {@code System.out} by a stream that sends whole lines as {@code OUT}
 * frames; (2) read {@code START} (secret key, challenge, name, initializer); (3) start
 * the stdin reader thread, which halts the JVM at end of input, so a child never
 * outlives its parent, even one killed by {@code kill -9}; (4) run the initializer and
 * answer {@code READY} with the challenge's HMAC, or {@code INIT_FAILED} and exit 1;
 * (5) run tasks one at a time on the main thread until {@code SHUTDOWN} (exit 0), or
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
                Runtime.getRuntime().halt(EXIT_ORPHANED);
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

        BlockingQueue<Wire.Frame> inbox = new LinkedBlockingQueue<>();
        java.lang.Thread reader = new java.lang.Thread(() -> readUntilEof(in, inbox), "pyconcurrent-channel");
        reader.setDaemon(true);
        reader.start();

        if (start.initializer().length > 0) {
            try {
                ((SerializableRunnable) codec.decode(start.initializer())).run();
            } catch (Throwable t) {
                channel.send(Wire.INIT_FAILED, 0, codec.encode(RemoteFailure.of(t, codec)));
                System.exit(EXIT_FAILURE);
            }
        }
        channel.send(Wire.READY, 0, Handshake.ready(start.key(), start.challenge(), ProcessHandle.current().pid()));

        while (true) {
            Wire.Frame frame;
            try {
                frame = inbox.take();
            } catch (InterruptedException e) {
                continue;   // only the parent ends a worker
            }
            switch (frame.type()) {
                case Wire.TASK -> runTask(frame, channel, codec);
                case Wire.RUN_PROCESS -> System.exit(runProcess(frame.payload(), codec));
                case Wire.SHUTDOWN -> System.exit(0);
                default -> {
                    System.err.println("pyconcurrent worker: unexpected frame type " + frame.type());
                    System.exit(EXIT_FAILURE);
                }
            }
        }
    }

    private static void readUntilEof(DataInputStream in, BlockingQueue<Wire.Frame> inbox) {
        try {
            for (Wire.Frame f = Wire.read(in); f != null; f = Wire.read(in)) {
                inbox.add(f);
            }
        } catch (IOException broken) {
            // same as end of input
        }
        // The parent closed the channel or died: never outlive it.
        Runtime.getRuntime().halt(EXIT_ORPHANED);
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
