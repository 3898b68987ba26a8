package dev.pyconcurrent.function.internal;

import dev.pyconcurrent.function.SerializableBiConsumer;
import dev.pyconcurrent.function.SerializableConsumer3;
import dev.pyconcurrent.function.SerializableFunction3;
import dev.pyconcurrent.function.SerializableFunction5;
import dev.pyconcurrent.function.Tuple;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One function applied to an argument tuple, whatever its arity: what every starmap and N-input map sends. */
class SpreadTest {

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void functionsOfTwoToFiveArgumentsTakeATuple() {
        // Python: f(*args) for args of length 2 to 5
        BiFunction<Integer, Integer, Integer> f2 = (a, b) -> a - b;
        assertThat(Spread.of(f2).apply(new Object[] {5, 3})).isEqualTo(2);
        assertThat(Spread.of((SerializableFunction3<String, String, String, String>) (a, b, c) -> a + b + c)
                .apply(new Object[] {"a", "b", "c"})).isEqualTo("abc");
        assertThat(Spread.of((dev.pyconcurrent.function.Function4<Integer, Integer, Integer, Integer, Integer>)
                (a, b, c, d) -> a * b * c * d).apply(new Object[] {1, 2, 3, 4})).isEqualTo(24);
        assertThat(Spread.of((SerializableFunction5<Integer, Integer, Integer, Integer, Integer, List<Integer>>)
                List::of).apply(new Object[] {1, 2, 3, 4, 5})).isEqualTo(List.of(1, 2, 3, 4, 5));
    }

    @Test
    void actionsOfOneToFiveArgumentsReturnNull() {
        // Python: Process(target=f, args=(a, b, c)) calls f(a, b, c) for its effect
        List<Object> seen = new ArrayList<>();
        assertThat(Spread.ofAction((java.util.function.Consumer<Object>) seen::add).apply(new Object[] {1})).isNull();
        assertThat(Spread.ofAction((SerializableBiConsumer<Object, Object>) (a, b) -> seen.add(List.of(a, b)))
                .apply(new Object[] {2, 3})).isNull();
        assertThat(Spread.ofAction((SerializableConsumer3<Object, Object, Object>) (a, b, c) -> seen.add(c))
                .apply(new Object[] {4, 5, 6})).isNull();
        assertThat(Spread.ofAction((dev.pyconcurrent.function.Consumer4<Object, Object, Object, Object>)
                (a, b, c, d) -> seen.add(d)).apply(new Object[] {7, 8, 9, 10})).isNull();
        assertThat(Spread.ofAction((dev.pyconcurrent.function.Consumer5<Object, Object, Object, Object, Object>)
                (a, b, c, d, e) -> seen.add(e)).apply(new Object[] {11, 12, 13, 14, 15})).isNull();
        assertThat(seen).containsExactly(1, List.of(2, 3), 6, 10, 15);
    }

    @Test
    void aTupleOfAnotherLengthIsRefused() {
        // Python: f(*args) with too few or too many arguments raises TypeError
        Function<Object[], Object> f =
                Spread.of((SerializableFunction3<Object, Object, Object, Object>) (a, b, c) -> a);
        assertThatThrownBy(() -> f.apply(new Object[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the function takes 3 arguments but 2 were given");
        assertThatThrownBy(() -> Spread.of((BiFunction<Object, Object, Object>) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void serializableWhenItsFunctionIs() throws IOException, ClassNotFoundException {
        // Python: a pickled starmap task carries the function by reference and works in the worker
        Function<Object[], Object> f = Spread.of((SerializableFunction3<Integer, Integer, Integer, Integer>)
                (a, b, c) -> a + b + c);
        @SuppressWarnings("unchecked")
        Function<Object[], Object> copy = (Function<Object[], Object>) roundTrip(f);
        assertThat(copy.apply(new Object[] {1, 2, 3})).isEqualTo(6);
        BiFunction<Integer, Integer, Integer> plain = (a, b) -> a + b;
        assertThatThrownBy(() -> roundTrip(Spread.of(plain))).isInstanceOf(NotSerializableException.class);
    }

    @Test
    void pairsAndTuplesBecomeArgumentArraysLazily() {
        // Python: starmap(f, [(1, 2), (3, 4)]) unpacks each tuple; a None item raises TypeError
        List<Object[]> pairs = new ArrayList<>();
        Spread.pairs(List.of(Map.entry(1, 2), Tuple.of(3, null))).forEach(pairs::add);
        assertThat(pairs).containsExactly(new Object[] {1, 2}, new Object[] {3, null});
        List<Object[]> tuples = new ArrayList<>();
        Spread.tuples(List.of(Tuple.of(1, 2, 3), Tuple.of(4, 5, 6, 7))).forEach(tuples::add);
        assertThat(tuples).containsExactly(new Object[] {1, 2, 3}, new Object[] {4, 5, 6, 7});
        assertThatThrownBy(() -> Spread.tuples(Arrays.asList(Tuple.of(1, 2, 3), null)).forEach(t -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("a starmap item is null");
    }
}
