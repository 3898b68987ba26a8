package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.function.SerializableConsumer3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Process targets of two to five arguments, as Python's Process(target=f, args=(a, b, ...)). */
class ProcessArgsTest {

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @Test
    void targetsOfTwoToFiveArgumentsGetThemInOrder() {
        // Python: Process(target=f, args=(a, b, c)).start() calls f(a, b, c) in the child
        List<Process> ps = new ArrayList<>();
        String[] out = ChildJvms.capture(() -> {
            ps.add(new Process((String a, Integer b) -> System.out.println("two " + a + b), "x", 2));
            ps.add(new Process((String a, Integer b, Long c) -> System.out.println("three " + a + b + c), "x", 2, 3L));
            ps.add(new Process((String a, Integer b, Long c, Double d) -> System.out.println("four " + a + b + c + d),
                    "x", 2, 3L, 4.5));
            ps.add(new Process((String a, Integer b, Long c, Double d, Character e) ->
                    System.out.println("five " + a + b + c + d + e), "x", 2, 3L, 4.5, 'z'));
            ps.add(Multiprocessing.getContext().process((String a, String b, String c) ->
                    System.out.println("context " + a + b + c), "p", "q", "r"));
            for (Process p : ps) {
                p.start();
            }
            for (Process p : ps) {
                p.join();
            }
        });
        assertThat(ChildJvms.lines(out[0])).contains("two x2", "three x23", "four x234.5", "five x234.5z", "context pqr");
        for (Process p : ps) {
            assertThat(p.getExitcode()).isEqualTo(0);
        }
    }

    @Test
    void theTargetSeesItsArgumentsAndItsExitCodeIsReported() {
        // Python: Process(target=sys.exit, args=(n,)) exits with n; here a target of four arguments computes n
        Process p = new Process((Integer a, Integer b, Integer c, Integer d) -> System.exit(a - b + c * d), 10, 3, 4, 5);
        p.start();
        p.join();
        assertThat(p.getExitcode()).isEqualTo(27);
    }

    @Test
    void anArgumentThatCannotBeSentFailsAtStart() {
        // Python: Process(target=f, args=(unpicklable,)).start() raises a pickling error
        SerializableConsumer3<String, StringBuilderHolder, String> f = (a, b, c) -> { };
        Process p = new Process(f, "a", new StringBuilderHolder(), "c");
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StringBuilderHolder.Inner.class.getName());
        assertThatThrownBy(() -> new Process((SerializableConsumer3<String, String, String>) null, "a", "b", "c"))
                .isInstanceOf(NullPointerException.class).hasMessage("target");
    }

    /** Serializable by type, but refers to something that is not. */
    static final class StringBuilderHolder implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** Not serializable. */
        static final class Inner {
        }

        @SuppressWarnings("unused")
        private final Inner inner = new Inner();
    }
}
