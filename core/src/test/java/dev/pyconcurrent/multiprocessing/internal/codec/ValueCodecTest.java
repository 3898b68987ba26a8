package dev.pyconcurrent.multiprocessing.internal.codec;

import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The value codec between JVMs: what it writes directly, what falls back to Java serialization, its limits. */
class ValueCodecTest {

    /** A serializable record. */
    record Point(int x, String label, List<Integer> tags) implements Serializable {
    }

    /** A record that is not serializable. */
    record Plain(int x) {
    }

    /** A serializable enum. */
    enum Colour { RED, GREEN }

    /** A serializable class of the user's, written by Java serialization. */
    static final class Box implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        Box(int value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Box b && b.value == value;
        }

        @Override
        public int hashCode() {
            return value;
        }
    }

    /** Encodes on a channel: the peer's table is filled from the definitions, as DEFINE frames would. */
    private static Object viaChannel(Object value) {
        Encoded e = ValueWriter.get().encode(value, false);
        DescriptorTable table = new DescriptorTable();
        for (int id : e.uses()) {
            table.define(id, Descriptors.definition(id));
        }
        return new ValueReader(table).decode(e.bytes());
    }

    private static Object standalone(Object value) {
        return ValueReader.standalone().decode(ValueWriter.get().encode(value, true).bytes());
    }

    @Test
    void everyDirectKindRoundTripsWithItsClass() {
        // Python: pickle round-trips ints, floats, str, bytes, lists, dicts, sets, tuples and None
        List<Object> values = new ArrayList<>(Arrays.asList(null, true, false, 0, -1, Integer.MIN_VALUE,
                Integer.MAX_VALUE, 5L, Long.MIN_VALUE, 1.5, Double.NaN, -0.0, 2.5f, (short) -7, (byte) 3, 'x', "",
                "héllo ☃ \uD83D\uDE00", "a".repeat(1000)));
        values.add(new byte[] {1, 2, 3});
        values.add(new int[] {1, -1, Integer.MAX_VALUE});
        values.add(new long[] {Long.MAX_VALUE, 0});
        values.add(new double[] {1e300, -2});
        values.add(new Object[] {1, "two", null, new int[] {3}});
        values.add(new ArrayList<>(List.of(1, 2, 3)));
        values.add(new LinkedList<>(List.of("a", "b")));
        values.add(new HashMap<>(Map.of("a", 1, "b", 2)));
        values.add(new LinkedHashMap<>(Map.of(1, List.of(2))));
        values.add(new HashSet<>(Set.of(1, 2)));
        values.add(new LinkedHashSet<>(List.of(3, 1, 2)));
        values.add(new TreeMap<>(Map.of("z", 1, "a", 2)));
        values.add(new TreeSet<>(Set.of(5, 1)));
        values.add(List.of());
        values.add(List.of(1));
        values.add(List.of(1, 2, 3));
        values.add(Set.of("x", "y"));
        values.add(Map.of("k", "v"));
        values.add(Map.of(1, 2, 3, 4));
        values.add(Arrays.asList(1, null, 3));
        values.add(new Point(3, "p", List.of(1, 2)));
        values.add(Colour.GREEN);
        values.add(new Box(9));
        values.add(BigInteger.TEN.pow(40));
        values.add(Duration.ofMillis(1500));
        for (Object v : values) {
            for (Object back : List.of(viaChannel(v) == null ? "null" : viaChannel(v), standalone(v) == null ? "null" : standalone(v))) {
                if (v == null) {
                    assertThat(back).isEqualTo("null");
                    continue;
                }
                assertThat(back).as("%s", v).hasSameClassAs(v);
                if (v.getClass().isArray()) {
                    assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {v})).as("%s", v).isTrue();
                } else if (v instanceof Double d && d.isNaN()) {
                    assertThat((Double) back).isNaN();
                } else {
                    assertThat(back).as("%s", v).isEqualTo(v);
                }
            }
        }
        assertThat(new ArrayList<Object>(((Map<?, ?>) viaChannel(new TreeMap<>(Map.of("z", 1, "a", 2)))).keySet()))
                .containsExactly("a", "z");
        assertThat(new ArrayList<Object>((Set<?>) viaChannel(new LinkedHashSet<>(List.of(3, 1, 2)))))
                .containsExactly(3, 1, 2);
    }

    @Test
    void smallValuesAreSmall() {
        // Python: a pickled small int is a few bytes; here a tag and a varint
        assertThat(ValueWriter.get().encode(42, false).bytes()).hasSize(2);
        assertThat(ValueWriter.get().encode(new Object[] {1, "b", 3}, false).bytes()).hasSize(2 + 2 + 3 + 2);
        // a sequence of Integers only (a map's chunk and its results): the tag once, then the numbers
        assertThat(ValueWriter.get().encode(new Object[] {1, 2, 3}, false).bytes()).hasSize(2 + 3);
        assertThat(ValueWriter.get().encode(new ArrayList<>(List.of(1, 2, 3)), false).bytes()).hasSize(2 + 3);
        assertThat(ValueWriter.get().encode("abc", false).bytes()).hasSize(5);
    }

    @Test
    void sequencesOfIntegersOnlyRoundTripAsRunsAndAnythingElseAsBefore() {
        // Python: a map over ints pickles a list of ints; here a chunk is one tag and the numbers
        Object[] ints = {0, -1, 127, 128, -129, Integer.MIN_VALUE, Integer.MAX_VALUE};
        ArrayList<Integer> list = new ArrayList<>(List.of(5, -5, 1 << 20, 300));
        assertThat(ValueWriter.get().encode(ints, true).bytes()[0]).isEqualTo(Tags.OBJECTS_OF_INTEGERS);
        assertThat(ValueWriter.get().encode(list, true).bytes()[0]).isEqualTo(Tags.ARRAY_LIST_OF_INTEGERS);
        for (Object back : List.of(viaChannel(ints), standalone(ints))) {
            assertThat(back).isInstanceOf(Object[].class);
            assertThat((Object[]) back).containsExactly(ints).hasOnlyElementsOfType(Integer.class);
        }
        for (Object back : List.of(viaChannel(list), standalone(list))) {
            assertThat(back).isInstanceOf(ArrayList.class).isEqualTo(list);
            @SuppressWarnings("unchecked")
            List<Object> mutable = (List<Object>) back;
            mutable.add("still a mutable list of anything");
        }
        // a null, another number type or an empty sequence: the item-by-item form, each value's class kept
        Object[] withNull = {1, null, 3};
        Object[] withLong = {1, 2L, 3};
        ArrayList<Object> listWithShort = new ArrayList<>(List.of(1, (short) 2));
        for (Object v : List.of(withNull, withLong, new Object[0])) {
            assertThat(ValueWriter.get().encode(v, true).bytes()[0]).isEqualTo(Tags.OBJECTS);
            assertThat(Arrays.deepEquals((Object[]) standalone(v), (Object[]) v)).isTrue();
        }
        assertThat((Object[]) viaChannel(withLong)).containsExactly(1, 2L, 3);
        for (Object v : List.of(listWithShort, new ArrayList<>())) {
            assertThat(ValueWriter.get().encode(v, true).bytes()[0]).isEqualTo(Tags.ARRAY_LIST);
            assertThat(standalone(v)).isEqualTo(v);
        }
        assertThat(viaChannel(listWithShort)).isEqualTo(List.of(1, (short) 2));
        // the same run twice in one message keeps its identity, as any container
        Object[] twice = {ints, ints};
        Object[] back = (Object[]) viaChannel(twice);
        assertThat(back[0]).isSameAs(back[1]);
        // a run that announces more numbers than the message holds is refused before anything is allocated
        byte[] huge = {Tags.OBJECTS_OF_INTEGERS, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThatThrownBy(() -> ValueReader.standalone().decode(huge)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bytes are left");
        byte[] hugeList = {Tags.ARRAY_LIST_OF_INTEGERS, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1};
        assertThatThrownBy(() -> ValueReader.standalone().decode(hugeList)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bytes are left");
    }

    @Test
    void headroomLeavesZeroBytesBeforeTheValueAndAMessageIsNeverSharedWithTheNext() throws Exception {
        // a worker's result carries a header of its own in front: written in place, not copied after.
        // On a thread of its own, so that the writer's buffer starts small and grows to fit the large
        // array exactly: the message is then the buffer itself, which the writer must not reuse.
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                byte[] big = new byte[1 << 20];
                Arrays.fill(big, (byte) 7);
                ValueWriter w = ValueWriter.get();
                w.encode("a first message " + "x".repeat(600), false);
                byte[] message = w.encode(big, false, 9).bytes();
                assertThat(Arrays.copyOf(message, 9)).containsOnly(0);
                assertThat((byte[]) ValueReader.standalone().decode(message, 9, message.length)).isEqualTo(big);
                byte[] before = message.clone();
                // the writer's next messages (one of the same size, one small) leave the first one as it was
                byte[] other = new byte[1 << 20];
                Arrays.fill(other, (byte) 9);
                w.encode(other, false, 9);
                w.encode(List.of(1, 2, 3), false, 3);
                assertThat(message).isEqualTo(before);
                // a value that falls back to Java serialization keeps the headroom too
                Encoded java = w.encode(new Box(4), false, 5);
                assertThat(Arrays.copyOf(java.bytes(), 5)).containsOnly(0);
                assertThat(ValueReader.standalone().decode(java.bytes(), 5, java.bytes().length)).isEqualTo(new Box(4));
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "fresh-writer");
        t.start();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
    }

    @Test
    void lambdasTravelWithTheirCapturedValues() throws Exception {
        // Python: pickle sends a function by reference and its arguments by value; a captured value travels each time
        int offset = 7;
        String text = "x".repeat(1024);
        Point point = new Point(1, "q", List.of(4));
        SerializableCallable<Integer> call = () -> offset + 1;
        SerializableFunction<Integer, String> fn = i -> text.length() + ":" + point.label() + (i + offset);
        SerializableCallable<Integer> constant = () -> 1;
        Encoded e = ValueWriter.get().encode(call, false);
        assertThat(e.uses()).hasSize(1);
        assertThat(e.bytes().length).as("no class names in a message").isLessThan(12);
        @SuppressWarnings("unchecked")
        Callable<Integer> back = (Callable<Integer>) viaChannel(call);
        assertThat(back.call()).isEqualTo(8);
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, String> fnBack = (SerializableFunction<Integer, String>) standalone(fn);
        assertThat(fnBack.apply(1)).isEqualTo("1024:q8");
        assertThat(((Callable<?>) viaChannel(constant)).call()).isEqualTo(1);
        // a rebuilt lambda is serializable again, as after Java serialization
        assertThat(JavaSerializationCodec.INSTANCE.decode(JavaSerializationCodec.INSTANCE.encode(back)))
                .isInstanceOf(Callable.class);
    }

    @Test
    void whatCannotBeSerializedFailsAtTheCallNamingTheClass() {
        // Python: pickling an unpicklable object raises at the call, naming its type
        Thread t = Thread.currentThread();
        SerializableCallable<String> capturesAThread = t::getName;
        assertThatThrownBy(() -> ValueWriter.get().encode(capturesAThread, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Thread");
        assertThatThrownBy(() -> ValueWriter.get().encode(List.of(new Object()), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> ValueWriter.get().encode(new Plain(1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Plain.class.getName());
        Runnable notSerializable = () -> { };
        assertThatThrownBy(() -> ValueWriter.get().encode(notSerializable, false))
                .isInstanceOf(IllegalArgumentException.class);
        // the writer is fine afterwards
        assertThat(viaChannel(List.of(1, 2))).isEqualTo(List.of(1, 2));
    }

    @Test
    void sharedAndCyclicContainersKeepTheirIdentity() throws InterruptedException {
        // Python: pickle keeps shared references and cycles; so does the Java-serialization fallback used here
        List<Object> shared = new ArrayList<>(List.of(1));
        List<Object> outer = new ArrayList<>(List.of(shared, shared));
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) viaChannel(outer);
        assertThat(back.get(0)).isSameAs(back.get(1)).isEqualTo(List.of(1));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        @SuppressWarnings("unchecked")
        List<Object> cycleBack = (List<Object>) standalone(cyclic);
        assertThat(cycleBack.get(0)).isSameAs(cycleBack);
        // deep nesting goes whole to Java serialization
        Object deep = 1;
        for (int i = 0; i < ValueWriter.MAX_DEPTH + 50; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        assertThat(viaChannel(deep)).isEqualTo(deep);
        // ... and decodes on a small (512 KiB) thread stack, where Java serialization's recursion ends first
        Object deepValue = deep;
        AtomicReference<Object> onSmallStack = new AtomicReference<>();
        Thread small = new Thread(null, () -> onSmallStack.set(viaChannel(deepValue)), "small-stack", 512 * 1024);
        small.start();
        small.join(30_000);
        assertThat(small.isAlive()).isFalse();
        assertThat(onSmallStack.get()).isEqualTo(deep);
    }

    @Test
    void randomAndTruncatedBytesEndInAClearException() {
        // a damaged message never hangs, never runs out of memory, never runs anything: an IllegalStateException
        Random r = new Random(11);
        List<byte[]> samples = new ArrayList<>();
        samples.add(ValueWriter.get().encode(new Point(1, "p", List.of(1, 2, 3)), true).bytes());
        samples.add(ValueWriter.get().encode(new HashMap<>(Map.of("a", List.of(1L, 2.0))), true).bytes());
        SerializableCallable<Integer> call = () -> 3;
        samples.add(ValueWriter.get().encode(call, true).bytes());
        samples.add(ValueWriter.get().encode(new Box(1), true).bytes());
        samples.add(ValueWriter.get().encode(new Object[] {1, -300, 70_000, Integer.MIN_VALUE}, true).bytes());
        samples.add(ValueWriter.get().encode(new ArrayList<>(List.of(9, 99_999, -1)), true).bytes());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int failures = 0;
        for (int round = 0; round < 20_000 && System.nanoTime() < deadline; round++) {
            byte[] m;
            if (round % 3 == 0) {
                m = new byte[r.nextInt(64)];
                r.nextBytes(m);
            } else {
                byte[] base = samples.get(r.nextInt(samples.size()));
                m = round % 3 == 1 ? Arrays.copyOf(base, r.nextInt(base.length)) : base.clone();
                if (round % 3 == 2 && m.length > 0) {
                    m[r.nextInt(m.length)] = (byte) r.nextInt();
                }
            }
            Throwable t = catchThrowable(() -> ValueReader.standalone().decode(m));
            if (t != null) {
                failures++;
                assertThat(t).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(failures).isGreaterThan(1000);
        // an announced length far beyond the message is refused before anything is allocated
        byte[] huge = {Tags.BYTES, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThatThrownBy(() -> ValueReader.standalone().decode(huge)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bytes are left");
        byte[] deep = new byte[ValueReader.MAX_DEPTH + 10];
        Arrays.fill(deep, Tags.OBJECTS);
        for (int i = 1; i < deep.length; i += 2) {
            deep[i] = 1;
        }
        assertThatThrownBy(() -> ValueReader.standalone().decode(deep)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDescriptorMustBeDefinedBeforeItIsUsed() {
        // the channel defines a class or lambda shape once, before the first message that names it
        Encoded e = ValueWriter.get().encode(new Point(1, "a", List.of()), false);
        assertThatThrownBy(() -> new ValueReader(new DescriptorTable()).decode(e.bytes()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before it is defined");
        DescriptorTable table = new DescriptorTable();
        assertThatThrownBy(() -> table.define(1, new byte[] {9, 9})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.define(1, Descriptors.define(new Descriptors.Key(Descriptors.TYPE,
                List.of("no.such.Clazz"))))).isInstanceOf(IllegalStateException.class).hasMessageContaining("no.such.Clazz");
    }

    @Test
    void exceptionsWithCausesTravelAsJavaSerialization() {
        // Python: an exception and its __cause__ are pickled with the task's result
        IOException io = new IOException("outer", new IllegalStateException("inner"));
        Throwable back = (Throwable) viaChannel(io);
        assertThat(back).isInstanceOf(IOException.class).hasMessage("outer").hasCauseInstanceOf(IllegalStateException.class);
    }
}
