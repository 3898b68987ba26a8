package dev.pyconcurrent.multiprocessing.internal.pool;

import dev.pyconcurrent.TimeoutException;
import dev.pyconcurrent.internal.Failures;
import dev.pyconcurrent.internal.Interrupts;
import dev.pyconcurrent.internal.Timeouts;
import dev.pyconcurrent.multiprocessing.ImapIterator;
import dev.pyconcurrent.multiprocessing.internal.codec.CallerStackTrace;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The lazy iterator of {@code imap} / {@code imap_unordered}: at most {@code window} chunks in flight,
 * the input read on demand by the consuming thread. Python: {@code multiprocessing.pool.IMapIterator}
 * and {@code IMapUnorderedIterator}.
 *
 * <p>State (one consuming thread at a time; the fields are confined to it, except the futures' and
 * {@link #finished}'s, which workers complete): results of the current chunk are handed out from
 * {@link #current}; when it is used up, the next chunk's future is awaited, in input order
 * ({@link #inFlight}) or in completion order ({@link #finished}). A timed {@code next} that runs out
 * of time leaves that future where it was, so a later call takes it. A failed chunk hands out its
 * exception once, then iteration goes on. An input that throws stops being read; its exception is
 * handed out after every result of the items read before it.
 *
 * @param <P> the backend's payload type
 * @param <R> the result type
 */
public final class ImapIteratorImpl<P, R> implements ImapIterator<R> {
    private final Scheduler<P> scheduler;
    private final Iterator<?> source;
    private final Function<Object[], P> encodeChunk;
    private final int chunksize;
    private final boolean ordered;
    private final boolean remote;
    private final int window;
    /** ordered: chunk futures in input order. */
    private final ArrayDeque<CompletableFuture<Object>> inFlight = new ArrayDeque<>();
    /** unordered: chunk futures as they complete. */
    private final LinkedBlockingDeque<CompletableFuture<Object>> finished = new LinkedBlockingDeque<>();
    /** Chunks submitted and not yet taken by the consumer. */
    private int outstanding;
    private List<?> current = List.of();
    private int pos;
    /** A chunk's failure (or the input's, wrapped), handed out by the next call. */
    private Throwable failure;
    private boolean first = true;
    /** The input's own exception: thrown after the results of the items read before it. */
    private RuntimeException inputFailure;
    private boolean inputDone;

    /**
     * @param scheduler   runs the chunks
     * @param source      the input, read lazily
     * @param encodeChunk turns a chunk of items into the backend's payload (in the consuming thread)
     * @param chunksize   items per chunk, at least 1
     * @param ordered     input order ({@code imap}) or completion order ({@code imap_unordered})
     * @param remote      whether failures come from another JVM (then the caller's stack is added)
     */
    ImapIteratorImpl(Scheduler<P> scheduler, Iterator<?> source, Function<Object[], P> encodeChunk, int chunksize,
                     boolean ordered, boolean remote) {
        this.scheduler = scheduler;
        this.source = source;
        this.encodeChunk = encodeChunk;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.remote = remote;
        this.window = Math.max(2, 2 * scheduler.size());
    }

    @Override
    public boolean hasNext() {
        if (failure != null || pos < current.size() || inputFailure != null) {
            return true;
        }
        topUp();
        return outstanding > 0 || inputFailure != null;
    }

    @Override
    public R next() {
        return next0(Long.MAX_VALUE);
    }

    @Override
    public R next(double timeout) {
        return next0(Timeouts.toNanos(timeout));
    }

    @Override
    public R next(Duration timeout) {
        return next0(Timeouts.toNanos(timeout));
    }

    @SuppressWarnings("unchecked")
    private R next0(long nanos) {
        boolean timed = nanos != Long.MAX_VALUE;
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        while (failure == null && pos >= current.size()) {
            topUp();
            if (outstanding == 0) {
                if (inputFailure == null) {
                    throw new NoSuchElementException();
                }
                failure = new LocalFailure(inputFailure);
                inputFailure = null;
                break;
            }
            takeChunk(timed, deadline, nanos);
        }
        Throwable t = failure;
        if (t == null) {
            return (R) current.get(pos++);
        }
        failure = null;
        if (t instanceof LocalFailure local) {
            throw local.exception;   // the caller's own iterator or items: no remote trace to add
        }
        if (remote) {
            t.addSuppressed(new CallerStackTrace());
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new CompletionException(Failures.describe(t), t);
    }

    /**
     * Waits for the next chunk and makes it current (or its failure pending).
     *
     * @throws TimeoutException if it is not done by {@code deadline}; nothing is consumed then
     */
    @SuppressWarnings("unchecked")
    private void takeChunk(boolean timed, long deadline, long nanos) {
        CompletableFuture<Object> next;
        try {
            if (ordered) {
                next = inFlight.peek();
                if (timed) {
                    next.get(Math.max(0L, Timeouts.remaining(deadline)), TimeUnit.NANOSECONDS);
                }
            } else {
                next = timed ? finished.poll(Math.max(0L, Timeouts.remaining(deadline)), TimeUnit.NANOSECONDS)
                        : finished.take();
                if (next == null) {
                    throw timedOut(nanos);
                }
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw timedOut(nanos);
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (ExecutionException e) {
            next = inFlight.peek();   // ordered only: done, failed; handled below
        }
        if (ordered) {
            inFlight.poll();
        }
        outstanding--;
        try {
            current = (List<?>) next.get();
            pos = 0;
        } catch (InterruptedException e) {
            throw Interrupts.rethrow(e);
        } catch (ExecutionException e) {
            current = List.of();
            pos = 0;
            failure = e.getCause();
        }
    }

    private static TimeoutException timedOut(long nanos) {
        return new TimeoutException("no result within " + Duration.ofNanos(nanos));
    }

    /** Whether the input has another item; an exception from it ends the input (kept for later). */
    private boolean sourceHasNext() {
        if (inputDone) {
            return false;
        }
        try {
            if (source.hasNext()) {
                return true;
            }
        } catch (RuntimeException e) {
            inputFailure = e;
        }
        inputDone = true;
        return false;
    }

    /** The input's next item, or {@link #NO_ITEM} if it threw (kept for later). */
    private Object sourceNext() {
        try {
            return source.next();
        } catch (RuntimeException e) {
            inputFailure = e;
            inputDone = true;
            return NO_ITEM;
        }
    }

    /** Reads and submits chunks until {@code window} are outstanding or the input ends. */
    private void topUp() {
        List<Scheduler.Job<P>> jobs = new ArrayList<>();
        while (outstanding + jobs.size() < window && sourceHasNext()) {
            List<Object> items = new ArrayList<>(chunksize);
            while (items.size() < chunksize && sourceHasNext()) {
                Object item = sourceNext();
                if (item != NO_ITEM) {
                    items.add(item);
                }
            }
            if (items.isEmpty()) {
                break;
            }
            CompletableFuture<Object> f = new CompletableFuture<>();
            P payload;
            try {
                payload = encodeChunk.apply(items.toArray());
            } catch (RuntimeException cannotSend) {
                // handed out in its place, as Python's imap raises a pickling error at that item
                f.completeExceptionally(new LocalFailure(cannotSend));
                (ordered ? inFlight : finished).add(f);
                outstanding++;
                continue;
            }
            if (ordered) {
                inFlight.add(f);
            }
            jobs.add(new Scheduler.Job<>(payload, new Scheduler.Sink() {
                @Override
                public void complete(Object value) {
                    f.complete(value);
                    if (!ordered) {
                        finished.add(f);
                    }
                }

                @Override
                public void fail(Throwable t) {
                    f.completeExceptionally(t);
                    if (!ordered) {
                        finished.add(f);
                    }
                }
            }));
        }
        if (!jobs.isEmpty()) {
            scheduler.submit(jobs, !first);
            outstanding += jobs.size();
        }
        first = false;
    }

    /** Stands for "the input threw instead of giving an item". */
    private static final Object NO_ITEM = new Object();

    /** Carries an exception raised in this JVM (the input's, or a chunk's that cannot be sent) through the failure slot. */
    private static final class LocalFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final RuntimeException exception;

        LocalFailure(RuntimeException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }
}
