package dev.pyconcurrent.multiprocessing.internal.launch;

import dev.pyconcurrent.function.SerializableRunnable;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.DescriptorTable;
import dev.pyconcurrent.multiprocessing.internal.codec.Encoded;
import dev.pyconcurrent.multiprocessing.internal.codec.ValueReader;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;
import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The main class of every child JVM.
 *
 * <p>Life of a child: (1) read {@code START} from stdin (key, challenge, token, socket, name,
 * initializer); the parent then closes stdin, so user code finds it empty; (2) open the named pipes
 * ({@link FifoPair}) or connect to the parent's socket, and authenticate both ways
 * ({@code HELLO} / {@code WELCOME}); (3) replace
 * {@code System.out} by a stream that sends whole lines as {@code OUT} frames, and register a
 * shutdown hook that tells the parent {@code EXITING}; (4) start the channel watcher
 * ({@link Reader}): whichever thread reads the channel halts the JVM at end of stream, so a child
 * never outlives its parent, even one killed by {@code kill -9}; (5) run the initializer and answer
 * {@code READY}, or {@code INIT_FAILED} and exit 1; (6) run tasks one at a time, in the order they
 * arrive, on the main thread until {@code SHUTDOWN} (exit 0), or run one {@code Process} and exit
 * with its exit code.
 *
 * <p>Tasks may arrive several at a time (the parent pipelines them). The result of a task is written
 * to the socket before the next task starts, so when a child dies the parent knows which of its
 * tasks was running (the oldest without a result) and that the others never started.
 *
 * <p>The interrupt flag of the main thread is cleared after every task: a task that leaves it set
 * does not fail the next one.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** Exit status when the initializer fails or the process target throws. */
    static final int EXIT_FAILURE = 1;
    /** Exit status when the parent's channel breaks (the parent is gone). */
    static final int EXIT_ORPHANED = 1;

    private static volatile FrameChannel channel;

    /** {@code System.out} of the child: buffers bytes and sends each complete line as one frame. */
    private static final class LineForwarder extends OutputStream {
        private static final int MAX_LINE = 64 * 1024;
        private byte[] buf = new byte[256];   // guarded by this
        private int len;                      // guarded by this

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
            int n = len;
            len = 0;
            send(Wire.OUT, 0, buf, n);
            ChildContext.lineSent();
        }
    }

    /**
     * Entry point of a child JVM; not for direct use.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Handshake.Start start;
        try {
            // fd 0 stays open: after START the parent closes its end, so user code reading stdin finds its end
            start = Handshake.Start.read(Wire.readStart(new FileInputStream(FileDescriptor.in)));
        } catch (IOException e) {
            System.err.println("pyconcurrent worker: no START from the parent: " + e);
            Runtime.getRuntime().halt(EXIT_ORPHANED);
            return;
        }
        ChildContext.init(start.name(), start.parentPid(), start.parentName(), start.key());
        if (start.warmUp() != 0) {
            java.lang.Thread warm = new java.lang.Thread(new WarmUp(start.warmUp()), "pyconcurrent-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        FrameChannel ch = connect(start);
        channel = ch;

        LineForwarder forwarder = new LineForwarder();
        System.setOut(new PrintStream(forwarder, true));
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(new Exiting(forwarder), "pyconcurrent-exiting"));

        Reader reader = new Reader(ch);
        java.lang.Thread watcher = new java.lang.Thread(reader, "pyconcurrent-channel");
        watcher.setDaemon(true);
        watcher.start();

        if (start.initializer().length > 0) {
            Codec codec = JavaSerializationCodec.INSTANCE;
            reader.busy(true);
            try {
                ((SerializableRunnable) codec.decode(start.initializer())).run();
            } catch (Throwable t) {
                byte[] failure = codec.encode(RemoteFailure.of(t, codec));
                send(Wire.INIT_FAILED, 0, failure, failure.length);
                System.exit(EXIT_FAILURE);
            }
            reader.busy(false);
        }
        byte[] pid = ByteBuffer.allocate(8).putLong(start.pid()).array();
        send(Wire.READY, 0, pid, pid.length);

        DescriptorTable descriptors = new DescriptorTable();
        ValueReader values = new ValueReader(descriptors);
        while (true) {
            Wire.Frame frame = reader.next();
            switch (frame.type()) {
                case Wire.DEFINE -> descriptors.define((int) frame.id(), frame.payload());
                case Wire.TASK -> {
                    reader.busy(true);
                    runTask(frame, values);
                    reader.busy(false);
                }
                case Wire.RUN_PROCESS -> {
                    reader.busy(true);
                    System.exit(runProcess(frame.payload()));
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
     * Starts what the parent said this child will need first and a young JVM is slow to start, on a thread
     * of its own while the main thread connects and waits for its work. Whatever the main thread then needs
     * of it is either ready or being made (it waits for the class initialization under way, never does it
     * twice). In the order the main thread needs them:
     * <ul>
     *   <li>Java deserialization: {@code ObjectInputStream}'s filter configuration (the JDK reads its security
     *       properties and looks for a {@code System.Logger} on the class path);</li>
     *   <li>Unix-domain sockets: the JDK starts a {@code SecureRandom} for them.</li>
     * </ul>
     */
    private static final class WarmUp implements Runnable {
        private final int flags;

        WarmUp(int flags) {
            this.flags = flags;
        }

        @Override
        public void run() {
            try {
                if ((flags & Handshake.Start.WARM_SERIALIZATION) != 0) {
                    java.io.ObjectInputFilter.Config.getSerialFilter();
                }
                if ((flags & Handshake.Start.WARM_UNIX_SOCKETS) != 0) {
                    java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
                }
            } catch (IOException | RuntimeException ignored) {
                // only a head start: the main thread does (and reports) whatever this could not
            }
        }
    }

    /** Connects to the parent and authenticates both ways; halts if that fails. */
    private static FrameChannel connect(Handshake.Start start) {
        FrameChannel ch = null;
        try {
            String address = start.socket();
            ch = new FrameChannel(FifoPair.isAddress(address) ? FifoPair.openChild(address) : tcp(address),
                    Wire.MAX_PAYLOAD);
            byte[] mine = Handshake.random(ChildServer.TOKEN_BYTES);
            byte[] hello = ByteBuffer.allocate(ChildServer.TOKEN_BYTES + 32 + ChildServer.TOKEN_BYTES)
                    .put(start.token()).put(ChildServer.childProof(start.key(), start.challenge(), start.token()))
                    .put(mine).array();
            ch.send(Wire.HELLO, 0, hello);
            Wire.Frame welcome = ch.read();
            if (welcome == null || welcome.type() != Wire.WELCOME
                    || !HmacSha256.equal(welcome.payload(), ChildServer.parentProof(start.key(), mine))) {
                throw new IOException("the parent did not prove the key");
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            System.err.println("pyconcurrent worker: cannot connect to the parent: " + e);
            if (ch != null) {
                ch.close();
            }
            Runtime.getRuntime().halt(EXIT_ORPHANED);
            throw new IllegalStateException("halted");
        }
    }

    /** Connects to the parent's {@link ChildServer} (it could not make named pipes for this child). */
    private static StreamChannel tcp(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        java.net.Socket sc = new java.net.Socket(java.net.Proxy.NO_PROXY);   // no proxy selector to start
        try {
            sc.connect(new java.net.InetSocketAddress(java.net.InetAddress.getByName(address.substring(0, colon)),
                    Integer.parseInt(address.substring(colon + 1))));
            return StreamChannel.of(sc, true);
        } catch (IOException | RuntimeException e) {
            sc.close();
            throw e;
        }
    }

    /** Sends a frame to the parent; a broken channel means the parent is gone. */
    private static void send(byte type, long id, byte[] payload, int length) {
        FrameChannel ch = channel;
        try {
            ch.send(type, id, payload, 0, length);
        } catch (IOException parentGone) {
            if (type != Wire.EXITING) {
                orphaned();
            }
        }
    }

    /**
     * The shutdown hook: sends a trailing partial line and tells the parent {@code EXITING}. This class and
     * {@link Reader} run the child's threads, not lambdas: a worker links no call site before its first task.
     */
    private static final class Exiting implements Runnable {
        private final LineForwarder forwarder;

        Exiting(LineForwarder forwarder) {
            this.forwarder = forwarder;
        }

        @Override
        public void run() {
            forwarder.flushPartial();
            send(Wire.EXITING, 0, new byte[0], 0);
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
    private static final class Reader implements Runnable {
        /** How long the main thread may be busy before the watcher reads in its place. */
        static final long WATCH_MILLIS = 100;
        private final FrameChannel in;
        private final ArrayDeque<Wire.Frame> queued = new ArrayDeque<>();   // guarded by this
        private boolean watcherReading;                                     // guarded by this
        private boolean busy;                                               // guarded by this
        private long busyPeriods;                                           // guarded by this

        Reader(FrameChannel in) {
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
        @Override
        public void run() {
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
                Wire.Frame f = in.read();
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

    /**
     * Runs one task and sends its result or failure, each prefixed by the nanoseconds the task ran;
     * never throws.
     */
    private static void runTask(Wire.Frame frame, ValueReader values) {
        long t0 = System.nanoTime();
        Encoded result;   // 8 bytes for the task's time, then the payload
        byte type = Wire.RESULT;
        try {
            result = WorkerTask.run(frame.payload(), values, 8);
        } catch (Throwable t) {
            type = Wire.ERROR;
            Codec codec = JavaSerializationCodec.INSTANCE;   // loaded at the first failure, not before READY
            byte[] failure;
            try {
                failure = codec.encode(RemoteFailure.of(t, codec));
            } catch (Throwable cannotEncode) {
                failure = codec.encode(new RemoteFailure(t.getClass().getName(), null,
                        t.getClass().getName() + " (its details could not be captured: " + cannotEncode.getClass().getName()
                                + ")", null));
            }
            byte[] out = new byte[8 + failure.length];
            System.arraycopy(failure, 0, out, 8, failure.length);
            result = new Encoded(out, Encoded.NO_USES);
        }
        java.lang.Thread.interrupted();   // an interrupt the task left must not reach the channel or the next task
        ByteBuffer.wrap(result.bytes()).putLong(System.nanoTime() - t0);
        FrameChannel ch = channel;
        try {
            ch.send(type, frame.id(), result);
        } catch (IOException parentGone) {
            orphaned();
        }
    }

    private static int runProcess(byte[] payload) {
        Process p;
        try {
            p = (Process) ValueReader.standalone().decode(payload);
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
            System.err.print(RemoteFailure.stackText(t));
            return EXIT_FAILURE;
        }
    }
}
