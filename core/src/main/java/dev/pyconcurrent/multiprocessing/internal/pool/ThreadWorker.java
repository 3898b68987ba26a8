package dev.pyconcurrent.multiprocessing.internal.pool;


import dev.pyconcurrent.futures.BrokenThreadPoolException;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A pool worker that is a daemon thread of this JVM (for {@code ThreadPool}). It runs
 * the initializer, reports ready, then runs jobs from its one-slot mailbox until told
 * to stop; {@link #kill()} interrupts it.
 */
final class ThreadWorker implements Scheduler.Worker<Callable<Object>> {

    /** The backend that makes thread workers. */
    static final class Backend implements Scheduler.Backend<Callable<Object>> {
        private final Runnable initializer;
        private final String prefix;

        Backend(Runnable initializer, String prefix) {
            this.initializer = initializer;
            this.prefix = prefix;
        }

        @Override
        public Scheduler.Worker<Callable<Object>> create(Scheduler<Callable<Object>> scheduler, int index) {
            return new ThreadWorker(scheduler, prefix + index, initializer);
        }

        @Override
        public RuntimeException broken(String message, Throwable cause) {
            return new BrokenThreadPoolException(message, cause);
        }
    }

    private static final Object STOP = new Object();

    private final Scheduler<Callable<Object>> scheduler;
    private final Runnable initializer;
    private final LinkedBlockingQueue<Object> mailbox = new LinkedBlockingQueue<>();
    private final java.lang.Thread thread;

    ThreadWorker(Scheduler<Callable<Object>> scheduler, String name, Runnable initializer) {
        this.scheduler = scheduler;
        this.initializer = initializer;
        this.thread = dev.pyconcurrent.internal.ThreadFactories.platform(this::loop, name);
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void run(Scheduler.Job<Callable<Object>> job) {
        mailbox.add(job);
    }

    @Override
    public void shutdown() {
        mailbox.add(STOP);
    }

    @Override
    public void kill() {
        mailbox.add(STOP);
        thread.interrupt();
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                scheduler.onExit(this, null, new BrokenThreadPoolException(
                        "A thread initializer failed, the thread pool is not usable anymore", t), true);
                return;
            }
        }
        scheduler.onReady(this);
        try {
            while (true) {
                Object next;
                try {
                    next = mailbox.take();
                } catch (InterruptedException e) {
                    continue;   // only STOP ends the worker; kill() queues it
                }
                if (next == STOP) {
                    break;
                }
                Scheduler.Job<Callable<Object>> job = (Scheduler.Job<Callable<Object>>) next;
                Object value = null;
                Throwable failure = null;
                try {
                    value = job.payload().call();
                } catch (Throwable t) {
                    failure = t;
                }
                java.lang.Thread.interrupted();   // an interrupt aimed at this job ends with it
                scheduler.onDone(this, job.id(), value, failure);
            }
        } finally {
            scheduler.onExit(this, new IllegalStateException("worker thread ended"), null, false);
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
