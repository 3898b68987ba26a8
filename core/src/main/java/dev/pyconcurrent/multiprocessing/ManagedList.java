package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * The {@link List} proxy of {@link Manager#list()}. Python: {@code ListProxy}. Each
 * single operation ({@code get}, {@code set}, {@code add}, {@code add(index, e)},
 * {@code remove(index)}, {@code size}, {@code clear}) runs atomically in the manager;
 * elements must be {@link Serializable}. {@link #iterator()} walks a read-only snapshot.
 *
 * @param <E> element type
 */
final class ManagedList<E> extends AbstractList<E> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;

    private final RemoteRef ref;

    ManagedList(RemoteRef ref) {
        this.ref = ref;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) ref.call(Op.GET, index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E set(int index, E element) {
        return (E) ref.call(Op.SET, index, element);
    }

    @Override
    public boolean add(E e) {
        ref.call(Op.APPEND, e);
        return true;
    }

    @Override
    public void add(int index, E element) {
        ref.call(Op.INSERT, index, element);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E remove(int index) {
        return (E) ref.call(Op.REMOVE_AT, index);
    }

    @Override
    public int size() {
        return (Integer) ref.call(Op.SIZE);
    }

    @Override
    public void clear() {
        ref.call(Op.CLEAR);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<E> iterator() {
        return Collections.unmodifiableList((List<E>) ref.call(Op.COPY)).iterator();
    }
}
