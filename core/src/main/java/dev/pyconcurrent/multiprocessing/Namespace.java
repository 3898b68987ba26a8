package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.broker.Op;
import dev.pyconcurrent.multiprocessing.internal.broker.RemoteRef;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Named attributes shared through a manager. Python: {@code manager.Namespace()}, whose
 * attributes ({@code ns.x = 1}, {@code ns.x}, {@code del ns.x}) live in the manager.
 *
 * <table>
 *   <caption>Python → Java</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code ns = m.Namespace()}</td><td>{@code Namespace ns = m.namespace()}</td></tr>
 *   <tr><td>{@code ns.x = 10}</td><td>{@code ns.set("x", 10)}</td></tr>
 *   <tr><td>{@code ns.x}</td><td>{@code ns.get("x")}, typed {@code ns.get("x", Integer.class)}</td></tr>
 *   <tr><td>{@code getattr(ns, "x", default)}</td><td>{@code ns.getOrDefault("x", default)}</td></tr>
 *   <tr><td>{@code hasattr(ns, "x")}, {@code del ns.x}</td><td>{@code ns.has("x")}, {@code ns.delete("x")}</td></tr>
 *   <tr><td>{@code vars(ns)}</td><td>{@code ns.toMap()} (a snapshot), {@code ns.names()}</td></tr>
 * </table>
 *
 * <p>Java has no attributes made at run time, so a namespace is a store keyed by name with Python's
 * verbs: each call is one atomic round trip to the manager; values are {@link Serializable} (or
 * {@code null}, Python's {@code None}) and travel as copies, so changing an object read from a
 * namespace does not change the namespace (set it again, as in Python). Reading or deleting an
 * attribute that is not there throws {@link NoSuchElementException} (Python's {@code AttributeError}).
 * The handle is {@link Serializable}: send it to a child process and it reaches the same manager.
 */
public final class Namespace implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Where the attributes live: the manager's address and the namespace's id there. */
    private final RemoteRef ref;

    Namespace(RemoteRef ref) {
        this.ref = ref;
    }

    private static String check(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an attribute name cannot be empty");
        }
        return name;
    }

    private static NoSuchElementException missing(String name) {
        return new NoSuchElementException("'Namespace' object has no attribute '" + name + "'");
    }

    /**
     * Python {@code ns.name}.
     *
     * @param name the attribute
     * @return its value (may be {@code null}: Python's {@code None})
     * @throws NoSuchElementException if there is no such attribute
     */
    public Object get(String name) {
        List<?> v = (List<?>) ref.call(Op.GET, check(name));
        if (v == null) {
            throw missing(name);
        }
        return v.get(0);
    }

    /**
     * Python {@code ns.name}, read as a {@code type}.
     *
     * @param <T>  the type
     * @param name the attribute
     * @param type its expected class
     * @return its value
     * @throws NoSuchElementException if there is no such attribute
     * @throws ClassCastException     if the value is not a {@code type}
     */
    public <T> T get(String name, Class<T> type) {
        Object v = get(name);
        if (v != null && !type.isInstance(v)) {
            throw new ClassCastException("attribute '" + name + "' is a " + v.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(v);
    }

    /**
     * Python {@code getattr(ns, name, default)}.
     *
     * @param name         the attribute
     * @param defaultValue what to return if there is no such attribute
     * @return its value, or {@code defaultValue}
     */
    public Object getOrDefault(String name, Object defaultValue) {
        List<?> v = (List<?>) ref.call(Op.GET, check(name));
        return v == null ? defaultValue : v.get(0);
    }

    /**
     * Python {@code ns.name = value}.
     *
     * @param name  the attribute
     * @param value its new value: {@link Serializable}, or {@code null}
     * @throws IllegalArgumentException if the value cannot be serialized (nothing is changed)
     */
    public void set(String name, Object value) {
        ref.call(Op.PUT, check(name), value);
    }

    /**
     * Python {@code del ns.name}.
     *
     * @param name the attribute
     * @throws NoSuchElementException if there is no such attribute
     */
    public void delete(String name) {
        if (!(Boolean) ref.call(Op.REMOVE, check(name))) {
            throw missing(name);
        }
    }

    /**
     * Python {@code hasattr(ns, name)}.
     *
     * @param name the attribute
     * @return whether it is set
     */
    public boolean has(String name) {
        return (Boolean) ref.call(Op.CONTAINS_KEY, check(name));
    }

    /**
     * Python: the names of {@code vars(ns)}.
     *
     * @return the attribute names, in the order they were first set (a snapshot)
     */
    public Set<String> names() {
        return toMap().keySet();
    }

    /**
     * Python {@code vars(ns)}, a copy.
     *
     * @return every attribute and its value, in the order they were first set (a read-only snapshot)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return Collections.unmodifiableMap((Map<String, Object>) ref.call(Op.COPY));
    }

    /**
     * Python {@code str(ns)}.
     *
     * @return e.g. {@code Namespace(x=10, y='hello')}: the attributes sorted by name, strings quoted
     */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : toMap().entrySet()) {
            Object v = e.getValue();
            parts.add(e.getKey() + "=" + (v instanceof String s ? "'" + s + "'" : v == null ? "None" : String.valueOf(v)));
        }
        Collections.sort(parts);
        return "Namespace(" + String.join(", ", parts) + ")";
    }
}
