package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The {@link java.util.Set} proxy of {@link Manager#set()}. Python 3.14: {@code SetProxy}. Each
 * single operation ({@code add}, {@code remove}, {@code contains}, {@code size}, {@code clear},
 * and the bulk {@code addAll}, {@code removeAll}, {@code retainAll}, {@code containsAll}) is one
 * atomic round trip; elements must be {@link Serializable}. {@link #iterator()} walks a snapshot,
 * and its {@code remove()} removes the element from the shared set; {@link #removeIf} tests a
 * snapshot here and removes the matches in one step.
 *
 * @param <E> element type
 */
final class ManagedSet<E> extends AbstractSet<E> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final RemoteRef ref;

    ManagedSet(RemoteRef ref) {
        this.ref = ref;
    }

    @SuppressWarnings("unchecked")
    private List<E> snapshot() {
        return (List<E>) ref.call(Op.COPY);
    }

    @Override
    public boolean add(E e) {
        return (Boolean) ref.call(Op.APPEND, e);
    }

    @Override
    public boolean remove(Object o) {
        return (Boolean) ref.call(Op.REMOVE, o);
    }

    @Override
    public boolean contains(Object o) {
        return (Boolean) ref.call(Op.CONTAINS_KEY, o);
    }

    @Override
    public int size() {
        return (Integer) ref.call(Op.SIZE);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void clear() {
        ref.call(Op.CLEAR);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return (Boolean) ref.call(Op.PUT_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return (Boolean) ref.call(Op.REMOVE_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return (Boolean) ref.call(Op.RETAIN_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return (Boolean) ref.call(Op.CONTAINS_ALL, new ArrayList<>(c));
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        List<E> matches = new ArrayList<>();
        for (E e : snapshot()) {
            if (filter.test(e)) {
                matches.add(e);
            }
        }
        return !matches.isEmpty() && removeAll(matches);
    }

    @Override
    public Iterator<E> iterator() {
        Iterator<E> it = snapshot().iterator();
        return new Iterator<>() {
            private E last;
            private boolean canRemove;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public E next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                last = it.next();
                canRemove = true;
                return last;
            }

            @Override
            public void remove() {
                if (!canRemove) {
                    throw new IllegalStateException("next() has not been called, or remove() was already called");
                }
                canRemove = false;
                ManagedSet.this.remove(last);
            }
        };
    }
}
