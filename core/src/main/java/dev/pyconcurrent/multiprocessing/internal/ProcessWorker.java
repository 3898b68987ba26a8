package dev.pyconcurrent.multiprocessing.internal;

import dev.pyconcurrent.futures.BrokenProcessPoolException;
import dev.pyconcurrent.multiprocessing.AuthenticationException;
import dev.pyconcurrent.multiprocessing.ProcessDiedException;

import java.io.IOException;
import java.util.List;

/**
 * A pool worker that is a child JVM. STARTING (launched, {@code START} sent) → READY
 * (handshake answered, initializer done) → exited. Results and failures are decoded on
 * the child's reader thread and handed to the {@link Scheduler}; at exit the scheduler
 * learns whether the child died holding a job ({@link ProcessDiedException}) or never
 * became ready (a broken pool, with the child's stderr tail).
 */
final class ProcessWorker implements Scheduler.Worker<byte[]>, ChildProcess.Listener {

    /** The backend that makes process workers. */
    static final class Backend implements Scheduler.Backend<byte[]> {
        private final List<String> jvmOptions;
        private final byte[] initializer;

        Backend(List<String> jvmOptions, byte[] initializer) {
            this.jvmOptions = List.copyOf(jvmOptions);
            this.initializer = initializer;
        }

        @Override
        public Scheduler.Worker<byte[]> create(Scheduler<byte[]> scheduler, int index) {
            return new ProcessWorker(scheduler, "PoolWorker-" + index, jvmOptions, initializer);
        }

        @Override
        public RuntimeException broken(String message, Throwable cause) {
            return new BrokenProcessPoolException(message, cause);
        }
    }

    private final Scheduler<byte[]> scheduler;
    private final String name;
    private final List<String> jvmOptions;
    private final byte[] initializer;
    private final byte[] challenge = Handshake.random(Handshake.CHALLENGE_BYTES);
    private final Codec codec = JavaSerializationCodec.INSTANCE;
    private volatile ChildProcess child;
    private volatile boolean ready;
    private volatile String startProblem;
    private volatile boolean killRequested;

    ProcessWorker(Scheduler<byte[]> scheduler, String name, List<String> jvmOptions, byte[] initializer) {
        this.scheduler = scheduler;
        this.name = name;
        this.jvmOptions = jvmOptions;
        this.initializer = initializer;
    }

    @Override
    public void start() {
        try {
            child = ChildProcess.launch(name, jvmOptions, true, initializer, challenge, true, this);
            if (killRequested) {
                child.kill();
            }
        } catch (IOException | RuntimeException e) {
            scheduler.onExit(this, null, new BrokenProcessPoolException(
                    "cannot start a worker process: " + e, e));
        }
    }

    @Override
    public void run(Scheduler.Job<byte[]> job) {
        child.trySend(Wire.TASK, job.id(), job.payload());   // a broken channel ends in onExit
    }

    @Override
    public void shutdown() {
        child.trySend(Wire.SHUTDOWN, 0, new byte[0]);
    }

    @Override
    public void kill() {
        killRequested = true;
        ChildProcess c = child;
        if (c != null) {
            c.kill();
        }
    }

    @Override
    public void onFrame(ChildProcess c, Wire.Frame f) {
        child = c;
        switch (f.type()) {
            case Wire.READY -> {
                try {
                    Handshake.verifyReady(Handshake.key(), challenge, f.payload());
                } catch (AuthenticationException e) {
                    startProblem = e.toString();
                    c.kill();
                    return;
                }
                ready = true;
                scheduler.onReady(this);
            }
            case Wire.RESULT -> {
                Object value;
                try {
                    value = WorkerTask.result(f.payload(), codec);
                } catch (RuntimeException e) {
                    scheduler.onDone(this, f.id(), null, new IllegalStateException(
                            "the task's result cannot be rebuilt in the parent: " + e.getMessage(), e));
                    return;
                }
                scheduler.onDone(this, f.id(), value, null);
            }
            case Wire.ERROR -> scheduler.onDone(this, f.id(), null, failure(f.payload()));
            case Wire.INIT_FAILED -> {
                Throwable t = failure(f.payload());
                startProblem = "the initializer raised " + RemoteFailure.stackText(t);
            }
            default -> {
                startProblem = "protocol error: unexpected frame type " + f.type();
                c.kill();
            }
        }
    }

    private Throwable failure(byte[] payload) {
        try {
            return ((RemoteFailure) codec.decode(payload)).rebuild(codec);
        } catch (RuntimeException e) {
            return new IllegalStateException("a task failed in the worker and its exception cannot be read: " + e, e);
        }
    }

    @Override
    public void onExit(ChildProcess c) {
        child = c;
        String exit = ChildProcess.describeExit(c.exitValue());
        String tail = c.stderrTail();
        String tailText = tail.isEmpty() ? "" : "\n--- stderr of the worker ---\n" + tail;
        if (!ready) {
            String problem = startProblem == null ? "" : "; " + startProblem;
            scheduler.onExit(this, null, new BrokenProcessPoolException(
                    "a worker process (" + name + ", pid " + c.pid() + ") could not start: " + exit + problem + tailText));
        } else {
            scheduler.onExit(this, new ProcessDiedException(
                    "the worker process " + name + " (pid " + c.pid() + ") running this task died with " + exit + tailText),
                    null);
        }
    }

    @Override
    public String toString() {
        ChildProcess c = child;
        return c == null ? name : c.toString();
    }
}
