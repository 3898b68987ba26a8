package dev.pyconcurrent.futures.internal;

import dev.pyconcurrent.internal.Timeouts;


import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy, ordered {@code Executor.map} of every executor, given how to submit one input.
 * Python: {@code concurrent.futures._base.Executor.map} (3.14, with {@code buffersize}). Not public API.
 *
 * <p>Without a buffer size, every input is read and submitted in the constructor (Python reads the
 * whole input at the {@code map} call unless {@code buffersize} is given). With buffer size {@code b},
 * the constructor submits the first {@code b} inputs and each {@link #next()} submits one more before
 * waiting for the oldest, so at most {@code b} tasks run ahead of the consumer and an endless input works.
 * The timeout counts from the constructor (the {@code map} call).
 *
 * <p>An input that throws: without a buffer size the exception leaves the {@code map} call itself
 * (Python reads the input there too), after cancelling what was submitted. With one, the items read
 * before it still run, their results are handed out first, and then {@code next()} throws the input's
 * own exception (as {@code Pool.imap} does; Python 3.14 throws it at once and cancels the buffered
 * items). The executor is not affected.
 *
 * <p>State machine (guarded by {@code this}): OPEN → OVER. {@code next()} hands out futures in input
 * order; a failure, a timeout, {@link #close()} or the end of the input moves to OVER, cancelling every
 * future not yet handed out (Python: the generator's {@code finally} and {@code _result_or_cancel}).
 *
 * <p>Use from an executor: {@code LazyMap.start(items.iterator(), x -> submit(() -> fn.apply(x)), timeoutNanos, buffersize)}.
 * A process pool that batches items: {@code LazyMap.flatten(LazyMap.start(LazyMap.chunks(it, chunksize),
 * chunk -> submitChunk(chunk), timeoutNanos, buffersize))} where each chunk's future yields the list of
 * its results (buffersize then counts chunks, as in Python).
 *
 * @param <R> the result type
 */
public final class LazyMap<R> implements MapResult<R> {

    /** Pulls and submits the next input; null when the input is exhausted. */
    private interface Submitter<R> {
        Future<? extends R> submitNext();
    }

    private final Submitter<R> submitter;
    private final boolean buffered;
    private final boolean timed;
    private final long deadline;
    private final ArrayDeque<Future<? extends R>> futures = new ArrayDeque<>();  // guarded by this
    private boolean over;                                                       // guarded by this
    /** The input's exception, thrown once the futures before it are handed out. */
    private RuntimeException inputFailure;                                     // guarded by this

    private LazyMap(Submitter<R> submitter, long timeoutNanos, int buffersize) {
        this.submitter = submitter;
        this.buffered = buffersize > 0;
        this.timed = timeoutNanos != Long.MAX_VALUE;
        this.deadline = timed ? Timeouts.deadline(timeoutNanos) : 0L;
        try {
            int limit = buffered ? buffersize : Integer.MAX_VALUE;
            for (int i = 0; i < limit; i++) {
                Future<? extends R> f = submitter.submitNext();
                if (f == null) {
                    break;
                }
                futures.add(f);
            }
        } catch (InputFailed e) {
            cancelRemaining();
            throw e.exception;
        } catch (RuntimeException | Error e) {
            cancelRemaining();
            throw e;
        }
        if (futures.isEmpty()) {
            over = true;
        }
    }

    /** Buffered mode: submits one more input unless the input ended or failed (the failure is kept). */
    private void submitOneMore() {
        if (inputFailure != null) {
            return;
        }
        try {
            Future<? extends R> added = submitter.submitNext();
            if (added != null) {
                futures.add(added);
            }
        } catch (InputFailed e) {
            inputFailure = e.exception;
        } catch (RuntimeException refused) {
            overAndCancel();   // the executor, not the input: shut down or broken
            throw refused;
        }
    }

    /**
     * Starts a map: submits per the buffer size and returns the lazy results.
     *
     * @param input the inputs (read here entirely when {@code buffersize <= 0}, else lazily)
     * @param submit submits one input and returns its future
     * @param timeoutNanos the total timeout from now; {@link Long#MAX_VALUE} for none
     * @param buffersize at most this many submitted ahead of the consumer; {@code <= 0}: submit all now
     * @param <T> input type
     * @param <R> result type
     * @return the ordered results
     */
    public static <T, R> LazyMap<R> start(Iterator<? extends T> input,
                                          Function<? super T, ? extends Future<? extends R>> submit,
                                          long timeoutNanos, int buffersize) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(submit, "submit");
        return new LazyMap<>(() -> {
            T next;
            try {
                if (!input.hasNext()) {
                    return null;
                }
                next = input.next();
            } catch (RuntimeException e) {
                throw new InputFailed(e);
            }
            return Objects.requireNonNull(submit.apply(next));
        }, timeoutNanos, buffersize);
    }

    /** The input iterator threw {@code exception} (as opposed to the executor refusing a task). */
    private static final class InputFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final RuntimeException exception;

        InputFailed(RuntimeException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    /**
     * Starts a map that sends {@code chunksize} inputs per task, each task's future yielding the list of
     * its results; the returned results are per input, in order ({@code buffersize} counts chunks, as in
     * Python's {@code ProcessPoolExecutor.map}).
     *
     * @param input the inputs
     * @param chunksize inputs per chunk, at least 1
     * @param submitChunk submits one chunk and returns the future of its results
     * @param timeoutNanos the total timeout from now; {@link Long#MAX_VALUE} for none
     * @param buffersize at most this many chunks submitted ahead of the consumer; {@code <= 0}: all now
     * @param <T> input type
     * @param <R> result type
     * @return the ordered per-input results
     */
    public static <T, R> MapResult<R> startChunked(Iterator<? extends T> input, int chunksize,
                                                   Function<List<T>, ? extends Future<? extends List<R>>> submitChunk,
                                                   long timeoutNanos, int buffersize) {
        return flatten(start(chunks(input, chunksize), submitChunk, timeoutNanos, buffersize));
    }

    /**
     * Groups an iterator into lists of {@code size} (the last may be shorter); never an empty list.
     * Python: {@code concurrent.futures.process._get_chunks}.
     *
     * @param input the items
     * @param size items per chunk, at least 1
     * @param <T> item type
     * @return the chunks, read lazily
     */
    public static <T> Iterator<List<T>> chunks(Iterator<? extends T> input, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1, got " + size);
        }
        // An input that throws part-way through a chunk: the items read so far are a chunk of their
        // own, and the exception is thrown by the next call instead.
        return new Iterator<>() {
            private RuntimeException pending;

            @Override
            public boolean hasNext() {
                return pending != null || input.hasNext();
            }

            @Override
            public List<T> next() {
                if (pending != null) {
                    RuntimeException e = pending;
                    pending = null;
                    throw e;
                }
                if (!input.hasNext()) {
                    throw new NoSuchElementException();
                }
                List<T> chunk = new ArrayList<>(Math.min(size, 1024));
                try {
                    while (chunk.size() < size && input.hasNext()) {
                        chunk.add(input.next());
                    }
                } catch (RuntimeException e) {
                    if (chunk.isEmpty()) {
                        throw e;
                    }
                    pending = e;
                }
                return chunk;
            }
        };
    }

    /**
     * Zips iterators into argument tuples, stopping at the shortest (Python: {@code zip(*iterables)});
     * tuples may hold nulls. Each tuple is a fresh {@code Object[]} with one element per iterator.
     *
     * @param inputs the iterators, at least one
     * @return the tuples, read lazily
     */
    public static Iterator<Object[]> zip(List<? extends Iterator<?>> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("map() needs at least one iterable");
        }
        List<Iterator<?>> its = List.copyOf(inputs);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                for (Iterator<?> it : its) {
                    if (!it.hasNext()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] tuple = new Object[its.size()];
                for (int i = 0; i < tuple.length; i++) {
                    tuple[i] = its.get(i).next();
                }
                return tuple;
            }
        };
    }

    /**
     * Iterables zipped into argument tuples, stopping at the shortest: Python's {@code zip(*iterables)}.
     * Each {@code iterator()} call starts a new {@link #zip(List)} over new iterators of every input.
     *
     * @param inputs the iterables, each checked for {@code null} (named {@code a}, {@code b}, ... in the message)
     * @return the zipped tuples
     * @throws NullPointerException if an input is {@code null}
     */
    public static Iterable<Object[]> zipIterables(Iterable<?>... inputs) {
        List<Iterable<?>> all = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            all.add(Objects.requireNonNull(inputs[i], String.valueOf((char) ('a' + i))));
        }
        return () -> {
            List<Iterator<?>> its = new ArrayList<>(all.size());
            for (Iterable<?> in : all) {
                its.add(in.iterator());
            }
            return zip(its);
        };
    }

    /**
     * Flattens per-chunk results (each a list of its items' results, in order) into per-item results.
     * Closing the returned result closes {@code chunks}.
     *
     * @param chunks the ordered chunk results
     * @param <R> item result type
     * @return the ordered item results
     */
    public static <R> MapResult<R> flatten(MapResult<? extends List<? extends R>> chunks) {
        return new Flattened<>(chunks);
    }

    @Override
    public boolean hasNext() {
        synchronized (this) {
            return !over;
        }
    }

    @Override
    public R next() {
        Future<? extends R> f;
        synchronized (this) {
            if (over) {
                throw new NoSuchElementException();
            }
            if (buffered) {
                try {
                    submitOneMore();
                } catch (Error e) {
                    overAndCancel();
                    throw e;
                }
            }
            f = futures.poll();
            if (f == null) {   // only the input's failure is left
                over = true;
                RuntimeException e = inputFailure;
                inputFailure = null;
                throw e;
            }
            if (futures.isEmpty() && inputFailure == null) {
                over = true;
            }
        }
        try {
            return timed ? f.result(Duration.ofNanos(Math.max(0L, Timeouts.remaining(deadline)))) : f.result();
        } catch (RuntimeException | Error e) {
            f.cancel();
            close();
            throw e;
        }
    }

    @Override
    public Iterator<R> iterator() {
        return this;
    }

    @Override
    public List<R> toList() {
        List<R> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public Stream<R> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** Cancels every future not handed out yet and ends the iteration. */
    @Override
    public void close() {
        synchronized (this) {
            overAndCancel();
        }
    }

    private void overAndCancel() {
        over = true;
        cancelRemaining();
    }

    private void cancelRemaining() {
        Future<? extends R> f;
        while ((f = futures.poll()) != null) {
            f.cancel();
        }
    }

    /** Per-item view of per-chunk results. */
    private static final class Flattened<R> implements MapResult<R> {
        private final MapResult<? extends List<? extends R>> chunks;
        private Iterator<? extends R> current = Collections.emptyIterator();

        Flattened(MapResult<? extends List<? extends R>> chunks) {
            this.chunks = chunks;
        }

        @Override
        public boolean hasNext() {
            return current.hasNext() || chunks.hasNext();
        }

        @Override
        public R next() {
            while (!current.hasNext()) {
                current = chunks.next().iterator();
            }
            return current.next();
        }

        @Override
        public Iterator<R> iterator() {
            return this;
        }

        @Override
        public List<R> toList() {
            List<R> out = new ArrayList<>();
            while (hasNext()) {
                out.add(next());
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public Stream<R> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                    .onClose(this::close);
        }

        @Override
        public void close() {
            current = Collections.emptyIterator();
            chunks.close();
        }
    }
}
