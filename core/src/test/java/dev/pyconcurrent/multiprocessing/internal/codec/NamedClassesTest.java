package dev.pyconcurrent.multiprocessing.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pyconcurrent.function.SerializableCallable;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

/** The classes a JVM sent to others, which the children's class-data archive then lists (WorkerArchive). */
class NamedClassesTest {
    /** A value of the program's own that only Java serialization writes. */
    static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;
        final int x;

        Payload(int x) {
            this.x = x;
        }
    }

    /** A class whose lambda is sent, by Java serialization. */
    static final class Sender {
        static SerializableCallable<Integer> task(int x) {
            return () -> x + 1;
        }
    }

    @Test
    void classesJavaSerializationWroteAndTheClassesOfItsLambdasAreNamed() {
        String payload = Payload.class.getName().replace('.', '/');
        String sender = Sender.class.getName().replace('.', '/');
        assertThat(Descriptors.namedClasses()).doesNotContain(payload, sender);
        JavaSerializationCodec.INSTANCE.encode(new Payload(1));
        JavaSerializationCodec.INSTANCE.encode(Sender.task(41));
        assertThat(Descriptors.namedClasses()).contains(payload, sender)
                .noneMatch(n -> n.startsWith("java/"));
    }

    /** A record, and a class whose lambda is sent, written with their definitions inline (a {@code Process}). */
    record Inline(int x) implements Serializable {
    }

    static final class InlineSender {
        static SerializableCallable<Integer> task(int x) {
            return () -> x + 2;
        }
    }

    @Test
    void classesWrittenWithInlineDefinitionsAreNamedToo() {
        String record = Inline.class.getName().replace('.', '/');
        String sender = InlineSender.class.getName().replace('.', '/');
        assertThat(Descriptors.namedClasses()).doesNotContain(record, sender);
        ValueWriter.get().encode(new Inline(1), true);
        ValueWriter.get().encode(InlineSender.task(40), true);
        assertThat(Descriptors.namedClasses()).contains(record, sender);
    }
}
