package dev.pyconcurrent.multiprocessing.internal.codec;

import java.io.ObjectStreamConstants;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures, without creating any object, the work that deserializing a Java serialization stream may
 * cost, so that a stream built to make it explode is refused before it is read.
 *
 * <p>Why: the costly part of a "serialization bomb" is not its size. A few kilobytes of nested
 * {@code HashSet}s, each holding two sets of the next level, both shared by the level above, make
 * {@code HashSet.readObject} compute {@code hashCode()} over every path through that graph: 2<sup>depth</sup>
 * calls, minutes of CPU at depth 40, with a stream depth, reference count and byte count that any limit
 * of an {@link java.io.ObjectInputFilter} must let through. The same holds for lists, records or user
 * classes whose {@code hashCode} or {@code equals} recurses, under any hash-based container, and for any
 * number of branches per level (a depth limit does not bound {@code k^depth}).
 *
 * <p>What is measured: the stream is parsed as the object serialization grammar describes it (class
 * descriptors, field values, {@code writeObject} annotations, arrays, back references), building the
 * graph of object handles. For each object, its <em>unfolded size</em> is the number of objects a walk
 * from it visits when shared sub-objects are visited once per path, as a recursive {@code hashCode}
 * does; a hash-based container rebuilt with elements {@code e} hashes them at a cost of at most
 * {@code Σ unfolded(e) ≤ unfolded(container)}, and each object is rebuilt once, so the sum of the
 * unfolded sizes over the stream's objects bounds all the hashing its deserialization does. For a tree
 * (no sharing) that sum is the number of objects times the average depth; for a bomb it grows
 * exponentially and crosses {@code limit} after a handful of levels. A back edge to an object still
 * being read (a cycle) counts once.
 *
 * <p>The pass is linear in the stream's bytes and handles; it runs iteratively over the graph, so a
 * long chain of references cannot overflow the stack. Nesting in the stream itself is limited to
 * {@code maxDepth}, as the input filter limits it.
 */
final class StreamWork {
    private static final byte LEAF = 0;
    private static final byte DESC = 1;
    private static final byte NODE = 2;
    private static final int NO_CHILD = -1;

    /** A class descriptor as the grammar gives it. */
    private static final class Desc {
        final String name;
        byte flags;
        char[] types = new char[0];
        Desc parent;

        Desc(String name) {
            this.name = name;
        }
    }

    /**
     * Thrown when the stream would cost more than the limit; its message says how much.
     */
    static final class TooCostly extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooCostly(String message) {
            super(message);
        }
    }

    // the handle table, in handle order: what each handle is, and for objects and arrays their children
    private int handles;
    private int base;                                    // internal index of wire handle 0 (moves at TC_RESET)
    private byte[] kind = new byte[64];
    private int[] edgeStart = new int[64];
    private int[] edgeCount = new int[64];
    private int[] leaves = new int[64];                  // children that are null, strings, enums, classes
    private final java.util.Map<Integer, Desc> descs = new java.util.HashMap<>();
    // children of the objects being read, innermost last; moved to edges when their object ends
    private int[] open = new int[64];
    private int openTop;
    private int[] edges = new int[64];
    private int edgeTop;

    private ByteBuffer in;
    private int depth;
    private int maxDepth;

    private StreamWork() {
    }

    /**
     * Parses {@code stream} and checks its work.
     *
     * @param stream   a serialization stream holding one object
     * @param limit    largest unfolded size of any object, and of their sum
     * @param maxDepth deepest nesting accepted in the stream
     * @throws TooCostly             if the work is above the limit
     * @throws IllegalStateException if the stream does not follow the grammar
     */
    static void check(byte[] stream, long limit, int maxDepth) {
        StreamWork w = new StreamWork();
        w.in = ByteBuffer.wrap(stream);
        w.maxDepth = maxDepth;
        try {
            if ((w.in.getShort() & 0xFFFF) != (ObjectStreamConstants.STREAM_MAGIC & 0xFFFF)
                    || w.in.getShort() != ObjectStreamConstants.STREAM_VERSION) {
                throw new IllegalStateException("not a serialization stream");
            }
            w.content();
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("truncated serialization stream", e);
        } catch (StackOverflowError e) {
            throw new IllegalStateException("serialization stream nested too deeply", e);
        }
        w.measure(limit);
    }

    private int newHandle(byte k) {
        if (handles == kind.length) {
            int n = handles * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            edgeStart = java.util.Arrays.copyOf(edgeStart, n);
            edgeCount = java.util.Arrays.copyOf(edgeCount, n);
            leaves = java.util.Arrays.copyOf(leaves, n);
        }
        kind[handles] = k;
        return handles++;
    }

    /** The internal index of a wire handle, checked. */
    private int handle(byte expected) {
        int h = in.getInt() - ObjectStreamConstants.baseWireHandle;
        int i = base + h;
        if (h < 0 || i >= handles || (expected == DESC && kind[i] != DESC)) {
            throw new IllegalStateException("invalid handle in serialization stream");
        }
        return i;
    }

    /** Adds a child to the object being read (the innermost open one). */
    private void child(int h, int owner) {
        if (h == NO_CHILD || kind[h] != NODE) {
            if (leaves[owner] < Integer.MAX_VALUE) {
                leaves[owner]++;
            }
            return;
        }
        if (openTop == open.length) {
            open = java.util.Arrays.copyOf(open, openTop * 2);
        }
        open[openTop++] = h;
    }

    /** The object that began at {@code mark} is complete: its children move to the edge list. */
    private void close(int mark, int owner) {
        int n = openTop - mark;
        while (edgeTop + n > edges.length) {
            edges = java.util.Arrays.copyOf(edges, edges.length * 2);
        }
        System.arraycopy(open, mark, edges, edgeTop, n);
        edgeStart[owner] = edgeTop;
        edgeCount[owner] = n;
        edgeTop += n;
        openTop = mark;
    }

    /** One content item; returns the index of what it is or refers to, or NO_CHILD for null. */
    private int content() {
        if (++depth > maxDepth) {
            throw new TooCostly("the value is nested deeper than " + maxDepth + " levels");
        }
        try {
            while (true) {
                byte tc = in.get();
                switch (tc) {
                    case ObjectStreamConstants.TC_NULL:
                        return NO_CHILD;
                    case ObjectStreamConstants.TC_REFERENCE:
                        return handle(LEAF);
                    case ObjectStreamConstants.TC_CLASSDESC:
                    case ObjectStreamConstants.TC_PROXYCLASSDESC:
                        in.position(in.position() - 1);
                        classDesc();
                        return NO_CHILD;
                    case ObjectStreamConstants.TC_CLASS:
                        classDesc();
                        return newHandle(LEAF);
                    case ObjectStreamConstants.TC_STRING: {
                        int h = newHandle(LEAF);
                        skip(in.getShort() & 0xFFFF);
                        return h;
                    }
                    case ObjectStreamConstants.TC_LONGSTRING: {
                        int h = newHandle(LEAF);
                        skip(in.getLong());
                        return h;
                    }
                    case ObjectStreamConstants.TC_ENUM: {
                        classDesc();
                        int h = newHandle(LEAF);
                        content();   // the constant's name
                        return h;
                    }
                    case ObjectStreamConstants.TC_ARRAY:
                        return array();
                    case ObjectStreamConstants.TC_OBJECT:
                        return object();
                    case ObjectStreamConstants.TC_RESET:
                        base = handles;
                        continue;
                    case ObjectStreamConstants.TC_EXCEPTION:
                        throw new IllegalStateException("the serialization stream holds a write-aborted exception");
                    default:
                        throw new IllegalStateException("unexpected type code " + tc + " in serialization stream");
                }
            }
        } finally {
            depth--;
        }
    }

    /** A class descriptor (new, back reference or null). */
    private Desc classDesc() {
        byte tc = in.get();
        switch (tc) {
            case ObjectStreamConstants.TC_NULL:
                return null;
            case ObjectStreamConstants.TC_REFERENCE:
                return descs.get(handle(DESC));
            case ObjectStreamConstants.TC_CLASSDESC: {
                Desc d = new Desc(utf());
                descs.put(newHandle(DESC), d);
                in.getLong();   // serialVersionUID
                d.flags = in.get();
                int n = in.getShort();
                if (n < 0) {
                    throw new IllegalStateException("negative field count in serialization stream");
                }
                d.types = new char[n];
                for (int i = 0; i < n; i++) {
                    char type = (char) in.get();
                    utf();   // field name
                    if (type == '[' || type == 'L') {
                        content();   // the field's type name, a string
                    } else if (size(type) < 0) {
                        throw new IllegalStateException("invalid field type " + type + " in serialization stream");
                    }
                    d.types[i] = type;
                }
                annotation(-1);
                d.parent = classDesc();
                return d;
            }
            case ObjectStreamConstants.TC_PROXYCLASSDESC: {
                Desc d = new Desc("proxy");
                descs.put(newHandle(DESC), d);
                int n = in.getInt();
                if (n < 0) {
                    throw new IllegalStateException("negative interface count in serialization stream");
                }
                for (int i = 0; i < n; i++) {
                    utf();
                }
                d.flags = ObjectStreamConstants.SC_SERIALIZABLE;
                annotation(-1);
                d.parent = classDesc();
                return d;
            }
            default:
                throw new IllegalStateException("expected a class descriptor in serialization stream, got " + tc);
        }
    }

    private int array() {
        Desc d = classDesc();
        if (d == null || d.name.length() < 2 || d.name.charAt(0) != '[') {
            throw new IllegalStateException("array without an array class in serialization stream");
        }
        int h = newHandle(NODE);
        int mark = openTop;
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("array length " + length + " beyond the stream's bytes");
        }
        char type = d.name.charAt(1);
        if (type == '[' || type == 'L') {
            for (int i = 0; i < length; i++) {
                child(content(), h);
            }
        } else {
            int size = size(type);
            if (size < 0) {
                throw new IllegalStateException("invalid array type " + d.name + " in serialization stream");
            }
            skip((long) size * length);
        }
        close(mark, h);
        return h;
    }

    private int object() {
        Desc d = classDesc();
        if (d == null) {
            throw new IllegalStateException("object without a class in serialization stream");
        }
        int h = newHandle(NODE);
        int mark = openTop;
        if ((d.flags & ObjectStreamConstants.SC_EXTERNALIZABLE) != 0) {
            if ((d.flags & ObjectStreamConstants.SC_BLOCK_DATA) == 0) {
                throw new IllegalStateException("externalizable data of the old protocol is not accepted");
            }
            annotation(h);
            close(mark, h);
            return h;
        }
        List<Desc> chain = new ArrayList<>();
        for (Desc c = d; c != null; c = c.parent) {
            chain.add(c);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            Desc c = chain.get(i);
            if ((c.flags & ObjectStreamConstants.SC_SERIALIZABLE) == 0) {
                continue;
            }
            for (char type : c.types) {
                if (type == '[' || type == 'L') {
                    child(content(), h);
                } else {
                    skip(size(type));
                }
            }
            if ((c.flags & ObjectStreamConstants.SC_WRITE_METHOD) != 0) {
                annotation(h);
            }
        }
        close(mark, h);
        return h;
    }

    /** Block data and objects up to TC_ENDBLOCKDATA; the objects are children of {@code owner} (-1: none). */
    private void annotation(int owner) {
        while (true) {
            byte tc = in.get(in.position());
            if (tc == ObjectStreamConstants.TC_ENDBLOCKDATA) {
                in.get();
                return;
            }
            if (tc == ObjectStreamConstants.TC_BLOCKDATA) {
                in.get();
                skip(in.get() & 0xFF);
            } else if (tc == ObjectStreamConstants.TC_BLOCKDATALONG) {
                in.get();
                int n = in.getInt();
                if (n < 0) {
                    throw new IllegalStateException("negative block length in serialization stream");
                }
                skip(n);
            } else {
                int c = content();
                if (owner >= 0) {
                    child(c, owner);
                }
            }
        }
    }

    private String utf() {
        int n = in.getShort() & 0xFFFF;
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void skip(long n) {
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("truncated serialization stream");
        }
        in.position(in.position() + (int) n);
    }

    private static int size(char type) {
        return switch (type) {
            case 'B', 'Z' -> 1;
            case 'C', 'S' -> 2;
            case 'I', 'F' -> 4;
            case 'J', 'D' -> 8;
            default -> -1;
        };
    }

    /** The unfolded sizes, iteratively in post order, saturating just above the limit. */
    private void measure(long limit) {
        long[] unfolded = new long[handles];
        byte[] state = new byte[handles];   // 0 new, 1 on the stack, 2 done
        int[] stack = new int[16];
        int[] next = new int[16];           // which child of stack[i] to look at next
        long total = 0;
        for (int root = 0; root < handles; root++) {
            if (kind[root] != NODE || state[root] != 0) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            next[0] = 0;
            state[root] = 1;
            while (top >= 0) {
                int h = stack[top];
                if (next[top] < edgeCount[h]) {
                    int c = edges[edgeStart[h] + next[top]++];
                    if (state[c] == 0) {
                        state[c] = 1;
                        if (++top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, top * 2);
                            next = java.util.Arrays.copyOf(next, top * 2);
                        }
                        stack[top] = c;
                        next[top] = 0;
                    }
                    continue;
                }
                long u = 1 + leaves[h];
                for (int i = 0; i < edgeCount[h] && u <= limit; i++) {
                    int c = edges[edgeStart[h] + i];
                    u += state[c] == 2 ? unfolded[c] : 1;   // a node still on the stack: a cycle, counted once
                }
                total += u;
                if (u > limit || total > limit) {
                    throw new TooCostly("rebuilding this value would visit more than " + limit
                            + " objects (shared sub-objects reached along many paths, as in a serialization bomb)");
                }
                unfolded[h] = u;
                state[h] = 2;
                top--;
            }
        }
    }
}
