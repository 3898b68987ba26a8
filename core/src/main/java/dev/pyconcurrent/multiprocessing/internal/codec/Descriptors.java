package dev.pyconcurrent.multiprocessing.internal.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link ValueWriter} refers to by number instead of writing it again: a class (of a record or
 * an enum) or a lambda's shape (everything of its {@link SerializedLambda} but the captured values).
 * This JVM numbers each descriptor once ({@link #id}); a channel sends a descriptor's definition to
 * its peer before the first message that uses it ({@link #definition}), and the peer keeps it in its
 * {@link DescriptorTable}. Not part of the public API.
 */
public final class Descriptors {
    private Descriptors() {
    }

    /** Descriptor kinds, the first byte of a definition. */
    static final byte TYPE = 1;
    static final byte LAMBDA = 2;

    /**
     * A descriptor: its kind and content, compared by value. Its {@code equals} and {@code hashCode} are written
     * out: a record's own are made at first use by {@code java.lang.runtime.ObjectMethods}, which spins some
     * twenty method-handle classes, in every JVM that sends a task.
     */
    record Key(byte kind, List<String> parts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && k.parts.equals(parts);
        }

        @Override
        public int hashCode() {
            return 31 * kind + parts.hashCode();
        }
    }

    private static final ConcurrentHashMap<Key, Integer> IDS = new ConcurrentHashMap<>();
    private static final List<byte[]> DEFINITIONS = new ArrayList<>();   // guarded by itself; index = id - 1

    /** The number of a descriptor in this JVM, assigned on first use; from 1. */
    static int id(Key key) {
        Integer id = IDS.get(key);
        if (id != null) {
            return id;
        }
        synchronized (DEFINITIONS) {
            id = IDS.get(key);
            if (id == null) {
                DEFINITIONS.add(define(key));
                id = DEFINITIONS.size();
                IDS.put(key, id);
            }
            return id;
        }
    }

    /**
     * The definition to send to a peer before the first message that uses descriptor {@code id}.
     *
     * @param id a number from this JVM's {@link #id}
     * @return its definition
     */
    public static byte[] definition(int id) {
        synchronized (DEFINITIONS) {
            return DEFINITIONS.get(id - 1);
        }
    }

    /**
     * @return the classes this JVM has named in descriptors so far, and those Java serialization wrote, in the
     *         class list's form ({@code a/b/C}): the types of the values it wrote and the classes whose lambdas
     *         it sent
     */
    public static java.util.Set<String> namedClasses() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Key k : IDS.keySet()) {
            out.add(k.parts().get(0).replace('.', '/'));   // a type's name, or a lambda's capturing class
        }
        out.addAll(SENT_SERIALIZED);
        return out;
    }

    /** Classes written by Java serialization in this JVM (a {@code Process}'s target, values it falls back for). */
    private static final java.util.Set<String> SENT_SERIALIZED = ConcurrentHashMap.newKeySet();

    /**
     * Notes a class that Java serialization wrote, for {@link #namedClasses}.
     *
     * @param name its binary name, or its internal name
     */
    static void noteSent(String name) {
        if (!name.startsWith("java.") && SENT_SERIALIZED.size() < 10_000) {   // a bound: a program that serializes endless generated classes
            SENT_SERIALIZED.add(name.replace('.', '/'));
        }
    }

    static Key type(Class<?> c) {
        return new Key(TYPE, List.of(c.getName()));
    }

    static Key lambda(SerializedLambda l) {
        return new Key(LAMBDA, List.of(l.getCapturingClass(), l.getFunctionalInterfaceClass(),
                l.getFunctionalInterfaceMethodName(), l.getFunctionalInterfaceMethodSignature(),
                Integer.toString(l.getImplMethodKind()), l.getImplClass(), l.getImplMethodName(),
                l.getImplMethodSignature(), l.getInstantiatedMethodType()));
    }

    static byte[] define(Key key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(key.kind());
            out.writeByte(key.parts().size());
            for (String p : key.parts()) {
                out.writeUTF(p);
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Reads a definition back; a damaged one is an {@link IllegalStateException}. */
    static Key parse(byte[] definition) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(definition))) {
            byte kind = in.readByte();
            int n = in.readUnsignedByte();
            if ((kind != TYPE || n != 1) && (kind != LAMBDA || n != 9)) {
                throw new IllegalStateException("protocol error: a descriptor of kind " + kind + " with " + n + " parts");
            }
            List<String> parts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                parts.add(in.readUTF());
            }
            if (in.available() > 0) {
                throw new IllegalStateException("protocol error: trailing bytes after a descriptor");
            }
            return new Key(kind, List.copyOf(parts));
        } catch (IOException e) {
            throw new IllegalStateException("protocol error: a damaged descriptor: " + e, e);
        }
    }
}
