package dev.pyconcurrent.multiprocessing.internal.codec;

import dev.pyconcurrent.function.SerializableBiFunction;
import dev.pyconcurrent.function.SerializableCallable;
import dev.pyconcurrent.function.SerializableFunction;
import dev.pyconcurrent.function.SerializableRunnable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lambdas of the task types decoded on a channel: on JDK 17 rebuilt to call their body by reflection
 * ({@link ReflectedLambdas}), elsewhere by {@code $deserializeLambda$}; they behave the same either way.
 */
class ReflectedLambdasTest {
    static final AtomicInteger RAN = new AtomicInteger();

    static int addOne(int x) {
        return x + 1;
    }

    /** Encodes on a channel: the peer's table is filled from the definitions, as DEFINE frames would. */
    @SuppressWarnings("unchecked")
    private static <T> T viaChannel(T value) {
        Encoded e = ValueWriter.get().encode(value, false);
        DescriptorTable table = new DescriptorTable();
        for (int id : e.uses()) {
            table.define(id, Descriptors.definition(id));
        }
        return (T) new ValueReader(table).decode(e.bytes());
    }

    @Test
    void aCallableCapturingAnIntIsRebuiltToCallItsBody() throws Exception {
        int i = 41;
        SerializableCallable<Integer> c = viaChannel(() -> addOne(i));
        assertThat(c.call()).isEqualTo(42);
        assertThat(c instanceof ReflectedLambdas.Reflected).isEqualTo(ReflectedLambdas.ENABLED);
        assertThat(ReflectedLambdas.ENABLED).isEqualTo(Runtime.version().feature() == 17
                && !"false".equals(System.getProperty("pyconcurrent.reflectedLambdas")));
    }

    @Test
    void functionsRunnablesAndTwoArgumentFunctionsKeepTheirCapturedValues() throws Exception {
        String prefix = "item-";
        SerializableFunction<Integer, String> f = viaChannel(x -> prefix + x);
        assertThat(f.apply(7)).isEqualTo("item-7");
        assertThat(f.andThen(String::length).apply(12)).isEqualTo(7);   // the interface's default methods work
        long base = 100;
        SerializableBiFunction<Integer, Integer, Long> g = viaChannel((a, b) -> base + a * b);
        assertThat(g.apply(3, 4)).isEqualTo(112L);
        int before = RAN.get();
        int step = 5;
        SerializableRunnable r = viaChannel(() -> RAN.addAndGet(step));
        r.run();
        assertThat(RAN.get()).isEqualTo(before + 5);
    }

    @Test
    void whatTheBodyThrowsArrivesUnwrapped() {
        String message = "disk full";
        SerializableCallable<Object> checked = viaChannel(() -> {
            throw new IOException(message);
        });
        assertThatThrownBy(checked::call).isExactlyInstanceOf(IOException.class).hasMessage("disk full")
                .satisfies(t -> {   // the body's frame, then straight its caller's, as with a lambda
                    assertThat(t.getStackTrace()[0].getMethodName()).startsWith("lambda$");
                    assertThat(t.getStackTrace()[1].getClassName()).doesNotStartWith("jdk.internal.reflect")
                            .doesNotContain("ReflectedLambdas").isNotEqualTo("java.lang.reflect.Method");
                });
        SerializableFunction<Integer, Integer> unchecked = viaChannel(x -> {
            throw new IllegalStateException("no " + x + message.charAt(0));
        });
        assertThatThrownBy(() -> unchecked.apply(3)).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("no 3d");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anArgumentOfTheWrongTypeFailsAsALambdasCastWould() {
        int extra = 1;
        SerializableFunction<String, Integer> f = viaChannel(s -> s.length() + extra);
        assertThatThrownBy(() -> ((SerializableFunction) f).apply(5)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void aRebuiltLambdaTravelsOnAsTheLambdaItStandsFor() throws Exception {
        int i = 9;
        SerializableCallable<Integer> once = viaChannel(() -> addOne(i));
        SerializableCallable<Integer> twice = viaChannel(once);   // through this codec again
        assertThat(twice.call()).isEqualTo(10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(once);   // and through Java serialization: a real lambda comes out
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            SerializableCallable<Integer> back = (SerializableCallable<Integer>) in.readObject();
            assertThat(back.call()).isEqualTo(10);
            assertThat(back).isNotInstanceOf(ReflectedLambdas.Reflected.class);
        }
    }

    @Test
    void aFunctionCalledOftenHandsOverToTheLambdaItselfAndKeepsItsResults() {
        int step = 3;
        SerializableFunction<Integer, Integer> f = viaChannel(x -> x * step);
        for (int i = 0; i < ReflectedLambdas.HOT_CALLS * 3; i++) {
            assertThat(f.apply(i)).isEqualTo(i * 3);
        }
        if (f instanceof ReflectedLambdas.Reflected r) {
            assertThat(r.hot()).isNotNull().isNotInstanceOf(ReflectedLambdas.Reflected.class);
            assertThatThrownBy(() -> f.apply(null)).isInstanceOf(NullPointerException.class);   // the lambda's own
        }
    }

    @Test
    void aMethodReferenceIsRebuiltAsJavaSerializationWould() {
        SerializableFunction<String, Integer> parse = viaChannel(Integer::parseInt);
        assertThat(parse.apply("12")).isEqualTo(12);
        assertThat(parse).isNotInstanceOf(ReflectedLambdas.Reflected.class);
    }

    @Test
    void onlyASyntheticStaticBodyOfTheCapturingClassQualifies() {
        String self = ReflectedLambdasTest.class.getName().replace('.', '/');
        // a forged shape naming a plain static method (not a lambda's body) of a class with serializable lambdas
        List<String> forged = List.of(self, "dev/pyconcurrent/function/SerializableCallable", "call",
                "()Ljava/lang/Object;", "6", self, "addOne", "(I)I", "()Ljava/lang/Object;");
        assertThat(ReflectedLambdas.body(ReflectedLambdasTest.class, forged)).isNull();
        // a body in another class than the capturing one
        List<String> elsewhere = List.of(self, "dev/pyconcurrent/function/SerializableCallable", "call",
                "()Ljava/lang/Object;", "6", "java/lang/Integer", "parseInt", "(Ljava/lang/String;)I",
                "()Ljava/lang/Object;");
        assertThat(ReflectedLambdas.body(ReflectedLambdasTest.class, elsewhere)).isNull();
    }
}
