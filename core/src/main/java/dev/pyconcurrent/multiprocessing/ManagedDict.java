package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Map} proxy of {@link Manager#dict()}. Python: {@code DictProxy}. Each
 * single operation ({@code get}, {@code put}, {@code putIfAbsent}, {@code remove},
 * {@code containsKey}, {@code size}, {@code clear}, {@code putAll}) runs atomically in the
 * manager; keys and values must be {@link Serializable}. Iteration views
 * ({@code entrySet}, {@code keySet}, {@code values}) are read-only snapshots, like the
 * lists Python's {@code keys()} returns from a proxy. Compound updates need a
 * {@link Manager#lock()}.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class ManagedDict<K, V> extends AbstractMap<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RemoteRef ref;

    ManagedDict(RemoteRef ref) {
        this.ref = ref;
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> copy() {
        return (Map<K, V>) ref.call(Op.COPY);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return Collections.unmodifiableMap(copy()).entrySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        return (V) ref.call(Op.GET, key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) ref.call(Op.PUT, key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V putIfAbsent(K key, V value) {
        return (V) ref.call(Op.PUT_IF_ABSENT, key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        return (V) ref.call(Op.REMOVE, key);
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) ref.call(Op.CONTAINS_KEY, key);
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) ref.call(Op.CONTAINS_VALUE, value);
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
    public void putAll(Map<? extends K, ? extends V> m) {
        ref.call(Op.PUT_ALL, new LinkedHashMap<>(m));
    }
}
