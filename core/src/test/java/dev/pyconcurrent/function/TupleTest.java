package dev.pyconcurrent.function;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TupleTest {

    @Test
    void tuplesHoldTheirElementsInOrder() {
        // Python: t = (1, "a", 2.5); len(t) == 3; t[1] == "a"; list(t) == [1, "a", 2.5]
        Tuple3<Integer, String, Double> t = Tuple.of(1, "a", 2.5);
        assertThat(t.first()).isEqualTo(1);
        assertThat(t.second()).isEqualTo("a");
        assertThat(t.third()).isEqualTo(2.5);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.get(1)).isEqualTo("a");
        assertThat(t.toArray()).containsExactly(1, "a", 2.5);
        Tuple4<Integer, Integer, Integer, Integer> t4 = Tuple.of(1, 2, 3, 4);
        assertThat(t4.fourth()).isEqualTo(4);
        assertThat(t4.toArray()).containsExactly(1, 2, 3, 4);
        Tuple5<Integer, Integer, Integer, Integer, String> t5 = Tuple.of(1, 2, 3, 4, "e");
        assertThat(t5.fifth()).isEqualTo("e");
        assertThat(t5.size()).isEqualTo(5);
        assertThat(t5.get(4)).isEqualTo("e");
    }

    @Test
    void indexOutOfRangeIsRefused() {
        // Python: (1, 2, 3)[3] raises IndexError
        assertThatThrownBy(() -> Tuple.of(1, 2, 3).get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Tuple.of(1, 2, 3).get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tuplesCompareByValueAndPrintLikePython() {
        // Python: (1, None, 3) == (1, None, 3); repr((1, None, 3)) == "(1, None, 3)"
        assertThat(Tuple.of(1, null, 3)).isEqualTo(Tuple.of(1, null, 3)).hasSameHashCodeAs(Tuple.of(1, null, 3));
        assertThat(Tuple.of(1, 2, 3)).isNotEqualTo(Tuple.of(1, 2, 4));
        assertThat(Tuple.of(1, null, 3)).hasToString("(1, null, 3)");
        assertThat(Tuple.of("a", "b", "c", "d", "e")).hasToString("(a, b, c, d, e)");
    }

    @Test
    void aPairIsAMapEntryThatMayHoldNull() {
        // Python: (a, b) is the pair starmap takes; it may hold None
        Map.Entry<String, Integer> pair = Tuple.of("a", null);
        assertThat(pair.getKey()).isEqualTo("a");
        assertThat(pair.getValue()).isNull();
        assertThat(pair).isEqualTo(new java.util.AbstractMap.SimpleImmutableEntry<>("a", null));
    }

    @Test
    void tuplesAreSerializable() throws IOException, ClassNotFoundException {
        // Python: a tuple of picklable values pickles
        Tuple4<Integer, String, Long, Boolean> t = Tuple.of(1, "x", 2L, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(t);
        }
    }
}
