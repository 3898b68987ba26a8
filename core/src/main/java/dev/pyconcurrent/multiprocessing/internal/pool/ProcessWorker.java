package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.multiprocessing.internal.codec.Codec;
import dev.pyconcurrent.multiprocessing.internal.codec.JavaSerializationCodec;
import dev.pyconcurrent.multiprocessing.internal.codec.RemoteFailure;
import dev.pyconcurrent.multiprocessing.internal.launch.ChildProcess;
import dev.pyconcurrent.multiprocessing.internal.launch.Handshake;
import dev.pyconcurrent.multiprocessing.internal.launch.Wire;
import dev.pyconcurrent.multiprocessing.internal.launch.WorkerTask;

import dev.pyconcurrent.futures.BrokenProcessPoolException;
import dev.pyconcurrent.multiprocessing.AuthenticationException;
import dev.pyconcurrent.multiprocessing.ProcessDiedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * A pool worker that is a child JVM. STARTING (launched, {@code START} sent) → READY
 * (handshake answered, initializer done) → exited. Results and failures are decoded on
 * the child's reader thread and handed to the {@link Scheduler}; at exit the scheduler
 * learns whether the child died holding a job ({@link ProcessDiedException}) or never
 * became ready (a broken pool, with the child's stderr tail).
 *
 * <p>Logging: a start and a requested exit at DEBUG; an exit nobody asked for (a crash,
 * {@code kill -9}, {@code System.exit} in a task, out of memory) at WARN with the pid and
 * the exit code. A worker that could not start breaks the pool, which the {@link Scheduler}
 * logs at WARN.
 */
final class ProcessWorker implements Scheduler.Worker<byte[]>, ChildProcess.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorker.class);

    /** The backend that makes process workers. */
    static final class Backend implements Scheduler.Backend<byte[]> {
        private final List<String> jvmOptions;
        private final byte[] initializer;
        private final String pool;

        Backend(List<String> jvmOptions, byte[] initializer, String pool) {
            this.jvmOptions = List.copyOf(jvmOptions);
            this.initializer = initializer;
            this.pool = pool;
        }

        @Override
        public Scheduler.Worker<byte[]> create(Scheduler<byte[]> scheduler, int index) {
            return new ProcessWorker(scheduler, "PoolWorker-" + index, pool, jvmOptions, initializer);
        }

        @Override
        public RuntimeException broken(String message, Throwable cause) {
            return new BrokenProcessPoolException(message, cause);
        }
    }

    private final Scheduler<byte[]> scheduler;
    private final String name;
    private final String pool;
    private final List<String> jvmOptions;
    private final byte[] initializer;
    private final byte[] challenge = Handshake.random(Handshake.CHALLENGE_BYTES);
    private final Codec codec = JavaSerializationCodec.INSTANCE;
    private volatile ChildProcess child;
    private volatile boolean ready;
    private volatile String startProblem;
    private volatile boolean killRequested;
    private volatile boolean shutdownRequested;
    private volatile long runningJob;   // 0 = idle

    ProcessWorker(Scheduler<byte[]> scheduler, String name, String pool, List<String> jvmOptions,
                  byte[] initializer) {
        this.scheduler = scheduler;
        this.name = name;
        this.pool = pool;
        this.jvmOptions = jvmOptions;
        this.initializer = initializer;
    }

    @Override
    public void start() {
        try {
            child = ChildProcess.launch(name, jvmOptions, true, initializer, challenge, true, this);
            LOG.debug("{}: started worker process {} (pid {})", pool, name, child.pid());
            if (killRequested) {
                child.kill();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: cannot start worker process {}: {}", pool, name, e.toString());
            scheduler.onExit(this, null, new BrokenProcessPoolException(
                    "cannot start a worker process: " + e, e));
        }
    }

    @Override
    public void run(Scheduler.Job<byte[]> job) {
        runningJob = job.id();
        child.trySend(Wire.TASK, job.id(), job.payload());   // a broken channel ends in onExit
    }

    @Override
    public void shutdown() {
        shutdownRequested = true;
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
                runningJob = 0;
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
            case Wire.ERROR -> {
                runningJob = 0;
                scheduler.onDone(this, f.id(), null, failure(f.payload()));
            }
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
        boolean asked = killRequested || shutdownRequested || ChildProcess.jvmExiting();
        if (!ready) {
            String problem = startProblem == null ? "" : "; " + startProblem;
            // the scheduler logs the broken pool at WARN, with the child's stderr tail
            LOG.debug("{}: worker process {} (pid {}) ended before it was ready: {}{}", pool, name, c.pid(), exit,
                    asked ? " (stopped by the pool)" : problem);
            scheduler.onExit(this, null, new BrokenProcessPoolException(
                    "a worker process (" + name + ", pid " + c.pid() + ") could not start: " + exit + problem + tailText));
        } else {
            if (asked) {
                LOG.debug("{}: worker process {} (pid {}) exited with {}", pool, name, c.pid(), exit);
            } else {
                LOG.warn("{}: worker process {} (pid {}) died with {}{}", pool, name, c.pid(), exit,
                        runningJob != 0 ? " while running a task, which fails with ProcessDiedException"
                                : " while idle");
            }
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
