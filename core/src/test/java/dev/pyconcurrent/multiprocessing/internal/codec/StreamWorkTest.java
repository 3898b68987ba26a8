package dev.pyconcurrent.multiprocessing.internal.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The work measure taken before deserializing what another process sent: serialization bombs (Python's
 * pickle has the same "billion laughs" family) are refused in milliseconds, ordinary values of every
 * shape pass and come back equal.
 */
public class StreamWorkTest {
    private static final JavaSerializationCodec CODEC = JavaSerializationCodec.BOUNDED;

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    /**
     * The classic nested-HashSet bomb: small on the wire, 2^depth hashCode calls to rebuild.
     *
     * @param depth levels of nesting
     * @return the outermost set
     */
    public static Set<Object> hashSetBomb(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** Lists of shared lists, k wide, under one HashSet: no nested hash collection, still k^depth hashing. */
    static Set<Object> listBomb(int depth, int width) {
        List<Object> level = new ArrayList<>(List.of("leaf"));
        for (int d = 0; d < depth; d++) {
            List<Object> next = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                next.add(level);
            }
            level = next;
        }
        Set<Object> bomb = new HashSet<>();
        List<Object> holder = new ArrayList<>();
        bomb.add(holder);    // hashed while empty
        holder.add(level);   // rebuilt, the set hashes it in full: width^depth
        return bomb;
    }

    @Test
    void theNestedHashSetBombIsRefusedInMilliseconds() throws IOException {
        // Python: unpickling such a structure hashes forever; here it is refused before anything is built
        byte[] bomb = serialize(hashSetBomb(40));
        assertThat(bomb.length).isLessThan(10_000);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> CODEC.decode(bomb)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("serialization bomb");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(5);
    }

    @Test
    void aWideBombOfSharedListsIsRefusedToo() throws IOException {
        // no depth limit catches width^depth: the measure does
        byte[] bomb = serialize(listBomb(6, 100));
        assertThatThrownBy(() -> CODEC.decode(bomb)).hasMessageContaining("serialization bomb");
    }

    @Test
    void ordinaryValuesOfEveryShapePassAndComeBackEqual() throws IOException {
        // what Manager dicts and lists carry: maps, sets, lists, records, enums, arrays, strings, exceptions
        Map<String, Object> big = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            big.put("k" + i, i);
        }
        List<Object> shared = List.of("s", 1, 2.0);
        List<Object> manyRefs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            manyRefs.add(shared);   // shared, one level: linear work
        }
        LinkedList<Integer> linked = new LinkedList<>();
        for (int i = 0; i < 10_000; i++) {
            linked.add(i);
        }
        Object[] values = {
            big, manyRefs, linked, new TreeMap<>(Map.of("a", 1, "b", 2)), Set.of(1, 2, 3),
            new Point(1, 2), TimeUnit.SECONDS, new int[] {1, 2, 3}, new long[1000], new String[] {"a", null, "b"},
            "text", new IllegalStateException("boom", new RuntimeException("cause")), chain(300),
            new Ext(42), new java.util.AbstractMap.SimpleEntry<>("k", List.of(1, 2)), new StringBuilder("sb"), Integer.class,
            java.util.Optional.class, new byte[100_000]
        };
        for (Object v : values) {
            Object back = CODEC.decode(serialize(v));
            if (v instanceof Throwable t) {
                assertThat(((Throwable) back).getMessage()).isEqualTo(t.getMessage());
            } else if (v instanceof StringBuilder) {
                assertThat(back.toString()).isEqualTo(v.toString());
            } else if (v.getClass().isArray()) {
                assertThat(Arrays.deepEquals(new Object[] {v}, new Object[] {back})).isTrue();
            } else if (v instanceof Node n) {
                assertThat(((Node) back).length()).isEqualTo(n.length());
            } else {
                assertThat(back).isEqualTo(v);
            }
        }
    }

    @Test
    void cyclesAreCountedOnceAndPass() throws IOException {
        // a list that contains itself, a node pointing back to its parent
        List<Object> self = new ArrayList<>();
        self.add("a");
        self.add(self);
        List<?> back = (List<?>) CODEC.decode(serialize(self));
        assertThat(back.get(1)).isSameAs(back);
        Node a = new Node(null);
        Node b = new Node(a);
        a.next = b;
        assertThat(((Node) CODEC.decode(serialize(a))).next.next).isNotNull();
    }

    @Test
    void brokenStreamsAreRefusedWithAClearMessage() throws IOException {
        byte[] ok = serialize(List.of(1, 2, 3));
        assertThatThrownBy(() -> CODEC.decode(Arrays.copyOf(ok, ok.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot deserialize");
        assertThatThrownBy(() -> CODEC.decode(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot deserialize");
    }

    @Test
    void anArrayLongerThanTheStreamCouldHoldIsRefusedBeforeItIsAllocated() throws IOException {
        // an ArrayList announcing two billion elements in a few bytes: the filter's array bound refuses it
        byte[] list = serialize(new ArrayList<>(List.of(1)));
        // ArrayList's serial form: the "size" field (int), then block data holding the capacity (int)
        byte[] sizeField = {0, 0, 0, 1};
        int at = indexOf(list, sizeField);
        list[at] = 0x7f;
        list[at + 1] = (byte) 0xff;
        list[at + 2] = (byte) 0xff;
        list[at + 3] = (byte) 0xf0;
        assertThatThrownBy(() -> JavaSerializationCodec.INSTANCE.decode(list))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot deserialize");
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    record Point(int x, int y) implements Serializable {
    }

    /** A user-defined linked structure: deep, but a chain, so linear work. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        Node next;

        Node(Node next) {
            this.next = next;
        }

        int length() {
            int n = 0;
            for (Node x = this; x != null && n < 1_000_000; x = x.next) {
                n++;
            }
            return n;
        }
    }

    static Node chain(int n) {
        Node head = null;
        for (int i = 0; i < n; i++) {
            head = new Node(head);
        }
        return head;
    }

    /** Externalizable: its data is block data and objects. */
    public static final class Ext implements Externalizable {
        private int v;

        public Ext() {
        }

        Ext(int v) {
            this.v = v;
        }

        @Override
        public void writeExternal(ObjectOutput out) throws IOException {
            out.writeInt(v);
            out.writeObject(List.of("in", "between"));
        }

        @Override
        public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
            v = in.readInt();
            in.readObject();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ext e && e.v == v;
        }

        @Override
        public int hashCode() {
            return v;
        }
    }
}
