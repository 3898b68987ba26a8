package dev.pyconcurrent.threading;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value of which each thread sees its own copy. Python: {@code threading.local}.
 *
 * <pre>{@code
 * // Python:  data = threading.local(); data.conn = connect(); ... data.conn
 * Local<Connection> conn = new Local<>(() -> connect());   // each thread connects once, on first get()
 * conn.get().query(...);
 * }</pre>
 *
 * <p>Why one typed value rather than Python's bag of attributes: Java code names its types, and a
 * map of attribute names to {@code Object} would need a cast on every read. Keep several per-thread
 * attributes as several {@code Local}s, or as one {@code Local} of a small class or record. The
 * initial value is Python's subclass {@code __init__}, which runs once in each thread that touches
 * the object: pass a {@link Supplier}, or subclass and override {@link #initialValue()}.
 *
 * <p>Model, per thread: UNSET --{@link #set}--> SET(v) --{@link #remove}--> UNSET; in UNSET,
 * {@link #get()} computes {@link #initialValue()} in the calling thread, stores it (SET) and returns
 * it. No thread ever sees another thread's value, and a new thread starts UNSET (values are not
 * inherited, as in Python). {@code null} is a value like any other.
 *
 * <p>Memory: a facade over {@link ThreadLocal}: each value is held by its own thread (its
 * {@link java.lang.Thread}'s map, cleared when the thread ends), so the values of threads that have
 * ended can be garbage-collected, and so can all values once the {@code Local} itself is
 * unreachable (the JDK drops such entries lazily). It works the same on platform and virtual threads.
 *
 * @param <T> the value's type
 */
public class Local<T> {
    /** Stands for a stored {@code null}, so that "stored null" and UNSET differ. */
    private static final Object NULL = new Object();

    /** Per thread: UNSET ({@code null}), {@link #NULL} or the value. */
    private final ThreadLocal<Object> values = new ThreadLocal<>();
    private final Supplier<? extends T> initial;

    /**
     * A local whose value is {@code null} in each thread until set. Python: {@code threading.local()}.
     */
    public Local() {
        this.initial = null;
    }

    /**
     * A local whose value starts, in each thread, as what {@code initial} returns when that thread
     * first calls {@link #get()}. Python: a {@code local} subclass whose {@code __init__} sets it.
     *
     * @param initial called once per thread, in that thread
     * @throws NullPointerException if {@code initial} is null
     */
    public Local(Supplier<? extends T> initial) {
        this.initial = Objects.requireNonNull(initial, "initial");
    }

    /**
     * The initial value of a thread's copy: the supplier's result, or {@code null} without one.
     * Subclasses may override it instead of passing a supplier. Called at most once per thread
     * between {@link #remove()}s, by {@link #get()}.
     *
     * @return the initial value
     */
    protected T initialValue() {
        return initial == null ? null : initial.get();
    }

    /**
     * The calling thread's value; if it has none, {@link #initialValue()} becomes its value.
     * Python: {@code local.attr}.
     *
     * @return the value (may be {@code null})
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = values.get();
        if (v == null) {
            T first = initialValue();
            values.set(first == null ? NULL : first);
            return first;
        }
        return v == NULL ? null : (T) v;
    }

    /**
     * Sets the calling thread's value; other threads do not see it. Python: {@code local.attr = value}.
     *
     * @param value the value (may be {@code null})
     */
    public void set(T value) {
        values.set(value == null ? NULL : value);
    }

    /**
     * Forgets the calling thread's value; its next {@link #get()} starts again from
     * {@link #initialValue()}. Python: {@code del local.attr}.
     */
    public void remove() {
        values.remove();
    }

    /**
     * Whether the calling thread has a value (set, or computed by an earlier {@link #get()}), without
     * computing one. Python: {@code hasattr(local, "attr")}.
     *
     * @return whether the calling thread has a value
     */
    public boolean isSet() {
        Object v = values.get();
        if (v == null) {
            values.remove();   // ThreadLocal.get() stored a null entry: leave nothing behind
            return false;
        }
        return true;
    }

    /** {@code <Local>} with the calling thread's state, without computing an initial value. */
    @Override
    public String toString() {
        Object v = values.get();
        if (v == null) {
            values.remove();
        }
        return "<Local " + (v == null ? "unset" : "set") + " in this thread>";
    }
}
