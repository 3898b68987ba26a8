package dev.pyconcurrent.multiprocessing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manager types beyond dict and list: Namespace, Value, Array, JoinableQueue, set (3.14). */
class ManagerTypesTest {
    static Manager m;

    @BeforeAll
    static void start() {
        m = Manager.start();
    }

    @AfterAll
    static void stop() {
        m.shutdown();
    }

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    // ---- Namespace ----

    @Test
    void namespaceAttributesAreSetReadAndDeletedByName() {
        // Python: ns = m.Namespace(); ns.x = 10; ns.x; hasattr(ns, 'x'); del ns.x
        Namespace ns = m.namespace();
        assertThat(ns.has("x")).isFalse();
        ns.set("x", 10);
        ns.set("y", "this is a string");
        ns.set("none", null);
        assertThat(ns.get("x")).isEqualTo(10);
        assertThat(ns.get("x", Integer.class)).isEqualTo(10);
        assertThat(ns.get("none")).isNull();
        assertThat(ns.has("none")).isTrue();
        assertThat(ns.names()).containsExactly("x", "y", "none");
        assertThat(ns.toMap()).containsEntry("x", 10).containsEntry("y", "this is a string");
        ns.set("x", 11);
        assertThat(ns.get("x")).isEqualTo(11);
        ns.delete("x");
        assertThat(ns.has("x")).isFalse();
        assertThat(ns.getOrDefault("x", "dflt")).isEqualTo("dflt");
        assertThat(ns.getOrDefault("y", "dflt")).isEqualTo("this is a string");
    }

    @Test
    void namespaceReprListsTheAttributesSorted() {
        // Python: str(ns) is Namespace(x=10, y='this is a string'), names sorted
        Namespace ns = m.namespace();
        ns.set("y", "this is a string");
        ns.set("x", 10);
        ns.set("z", null);
        assertThat(ns.toString()).isEqualTo("Namespace(x=10, y='this is a string', z=None)");
    }

    @Test
    void aMissingNamespaceAttributeIsNoSuchElementException() {
        // Python: ns.missing and del ns.missing raise AttributeError
        Namespace ns = m.namespace();
        assertThatThrownBy(() -> ns.get("missing")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("'Namespace' object has no attribute 'missing'");
        assertThatThrownBy(() -> ns.delete("missing")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> ns.get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ns.set(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNamespaceValueOfAnotherTypeOrUnserializableIsRefused() {
        // Python: the value must pickle; a typed read of another type is a Java addition
        Namespace ns = m.namespace();
        ns.set("x", "text");
        assertThatThrownBy(() -> ns.get("x", Integer.class)).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> ns.set("t", new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(ns.has("t")).isFalse();
    }

    @Test
    void aNamespaceIsSharedWithAChildProcess() {
        // Python: a Namespace proxy passed to a Process sees and sets the same attributes
        Namespace ns = m.namespace();
        ns.set("x", 1);
        Process p = new Process(() -> ns.set("y", (Integer) ns.get("x") + 1));
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(ns.get("y")).isEqualTo(2);
    }

    // ---- Value ----

    @Test
    void managerValueGetsAndSetsEveryTypecode() {
        // Python: m.Value(typecode, value): v.value, v.value = x, v.get(), v.set(x)
        ManagedValue i = m.value('i', 5);
        assertThat(i.getTypecode()).isEqualTo('i');
        assertThat(i.getValue()).isEqualTo(5L);
        i.setValue(-7);
        assertThat(i.get()).isEqualTo(-7L);
        i.set(8);
        assertThat(i.getLong()).isEqualTo(8L);
        i.setLong(9);
        assertThat(i.toString()).isEqualTo("Value('i', 9)");

        ManagedValue d = m.value('d', 2.5);
        assertThat(d.getDouble()).isEqualTo(2.5);
        d.setDouble(-1.25);
        assertThat(d.getValue()).isEqualTo(-1.25);

        ManagedValue c = m.value('c', new byte[] {'x'});
        assertThat((byte[]) c.getValue()).containsExactly('x');
        assertThat(c.toString()).isEqualTo("Value('c', b'x')");

        ManagedValue u = m.value('u', "é");
        assertThat(u.getValue()).isEqualTo("é");

        ManagedValue q = m.value('Q', new BigInteger("18446744073709551615"));
        assertThat(q.getValue()).isEqualTo(new BigInteger("18446744073709551615"));

        ManagedValue z = m.value('h', null);
        assertThat(z.getValue()).isEqualTo(0L);
    }

    @Test
    void managerValueRefusesAnUnknownTypecodeAndValuesOutOfRange() {
        // Python: ctypes typecodes are checked (here, unlike Python's manager, values too)
        assertThatThrownBy(() -> m.value('x', 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad typecode");
        assertThatThrownBy(() -> m.value('b', 200)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        ManagedValue b = m.value('b', 1);
        assertThatThrownBy(() -> b.setValue(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.setLong(-129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.getDouble()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.setDouble(1.0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.setValue("text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.value('d', 1.0).getLong()).isInstanceOf(IllegalStateException.class);
        assertThat(b.getValue()).isEqualTo(1L);
    }

    @Test
    void aManagerValueIsSharedWithAChildProcess() {
        // Python: a ValueProxy passed to a Process reads and writes the manager's value
        ManagedValue v = m.value('q', 41);
        Process p = new Process(() -> v.setLong(v.getLong() + 1));
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(v.getLong()).isEqualTo(42);
    }

    // ---- Array ----

    @Test
    void managerArrayReadsAndWritesElementsAndSlices() {
        // Python: a = m.Array('i', [1, 2, 3]); len(a); a[0]; a[1] = 5; a[0:2]; a[0:2] = [7, 8]
        ManagedArray a = m.array('i', List.of(1, 2, 3));
        assertThat(a.getTypecode()).isEqualTo('i');
        assertThat(a.length()).isEqualTo(3);
        assertThat(a.get(0)).isEqualTo(1L);
        a.set(1, 5);
        assertThat(a.getLong(1)).isEqualTo(5L);
        a.setLong(2, -4);
        assertThat(a.getLongs(0, 3)).containsExactly(1, 5, -4);
        a.setLongs(0, 7, 8);
        assertThat(a.toList()).containsExactly(7L, 8L, -4L);
        assertThat(a.toString()).isEqualTo("array('i', [7, 8, -4])");

        ManagedArray d = m.array('d', new double[] {0.5, 1.5});
        d.setDouble(0, 2.5);
        assertThat(d.getDouble(0)).isEqualTo(2.5);
        d.setDoubles(0, 3.5, 4.5);
        assertThat(d.getDoubles(0, 2)).containsExactly(3.5, 4.5);

        ManagedArray zeros = m.array('H', 4);
        assertThat(zeros.toList()).containsExactly(0L, 0L, 0L, 0L);

        ManagedArray w = m.array('w', "héllo");
        assertThat(w.length()).isEqualTo(5);
        assertThat(w.get(1)).isEqualTo("é");
    }

    @Test
    void managerArrayRefusesBadTypecodesIndexesAndValuesWritingNothing() {
        // Python: array.array has no 'c' (ValueError: bad typecode), IndexError out of range, OverflowError out of range
        assertThatThrownBy(() -> m.array('c', 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c'");
        assertThatThrownBy(() -> m.array('z', 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad typecode");
        assertThatThrownBy(() -> m.array('i', -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.array('B', List.of(1, 256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.array('i', new Object())).isInstanceOf(IllegalArgumentException.class);
        ManagedArray a = m.array('b', List.of(1, 2, 3));
        assertThatThrownBy(() -> a.get(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("array index out of range");
        assertThatThrownBy(() -> a.set(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getLongs(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.setLongs(1, 5, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.setLongs(2, 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getDouble(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.setDoubles(0, 1.0)).isInstanceOf(IllegalStateException.class);
        assertThat(a.getLongs(0, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void aManagerArrayIsSharedWithAChildProcess() {
        // Python: an ArrayProxy passed to a Process changes the manager's array
        ManagedArray a = m.array('q', 3);
        Process p = new Process(() -> a.setLongs(0, 10, 20, 30));
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(a.getLongs(0, 3)).containsExactly(10, 20, 30);
    }

    // ---- JoinableQueue ----

    @Test
    void managerJoinableQueueJoinsOnceEveryTaskIsDone() {
        // Python: q = m.JoinableQueue(); a worker calls task_done() per item; q.join() returns
        JoinableQueue<Integer> q = m.joinableQueue();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        assertThat(q.join(Duration.ZERO)).isFalse();
        Process p = new Process(() -> {
            for (int i = 0; i < 5; i++) {
                q.get();
                q.taskDone();
            }
        });
        p.start();
        q.join();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(q.empty()).isTrue();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBoundedManagerJoinableQueueIsFull() {
        // Python: m.JoinableQueue(maxsize).full() after maxsize puts
        JoinableQueue<String> q = m.joinableQueue(1);
        q.put("a");
        assertThat(q.full()).isTrue();
        assertThatThrownBy(() -> q.putNowait("b")).isInstanceOf(dev.pyconcurrent.queue.FullException.class);
    }

    // ---- set (3.14) ----

    @Test
    void managerSetBehavesAsASet() {
        // Python 3.14: s = m.set(); s.add(x); x in s; s.remove(x); len(s); s.update(...); s.clear()
        Set<String> s = m.set();
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.add("a")).isTrue();
        assertThat(s.add("a")).isFalse();
        assertThat(s.add("b")).isTrue();
        assertThat(s.contains("a")).isTrue();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.addAll(List.of("b", "c", "d"))).isTrue();
        assertThat(s.containsAll(List.of("a", "d"))).isTrue();
        assertThat(s.containsAll(List.of("a", "z"))).isFalse();
        assertThat(s.removeAll(List.of("d", "z"))).isTrue();
        assertThat(s.retainAll(List.of("a", "b", "x"))).isTrue();
        assertThat(s).containsExactlyInAnyOrder("a", "b");
        assertThat(s.remove("a")).isTrue();
        assertThat(s.remove("a")).isFalse();
        assertThat(s).isEqualTo(Set.of("b"));
        assertThat(s.hashCode()).isEqualTo(Set.of("b").hashCode());
        s.clear();
        assertThat(s).isEmpty();
    }

    @Test
    void managerSetIteratorRemovesFromTheSharedSetAndRemoveIfRemovesMatches() {
        // Python: for x in list(s): s.discard(x) — Java's iterator.remove() and removeIf
        Set<Integer> s = m.set();
        s.addAll(List.of(1, 2, 3, 4, 5, 6));
        Iterator<Integer> it = s.iterator();
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
        while (it.hasNext()) {
            if (it.next() == 1) {
                it.remove();
            }
        }
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(s.removeIf(x -> x % 2 == 0)).isTrue();
        assertThat(s.removeIf(x -> x > 100)).isFalse();
        assertThat(new ArrayList<>(s)).containsExactlyInAnyOrder(3, 5);
    }

    @Test
    void aManagerSetIsSharedWithAChildAndRefusesUnserializableElements() {
        // Python: a SetProxy passed to a Process adds to the manager's set; elements must pickle
        Set<Object> s = m.set();
        Process p = new Process(() -> s.add("from child"));
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(s).containsExactly("from child");
        assertThatThrownBy(() -> s.add(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThat(s).hasSize(1);
    }

    @Test
    void everyNewTypeFailsClearlyAfterShutdown() {
        // Python: a proxy of a manager that was shut down raises (EOFError / ConnectionRefusedError)
        Manager own = Manager.start();
        Namespace ns = own.namespace();
        ManagedValue v = own.value('i', 1);
        ManagedArray a = own.array('i', 2);
        Set<String> s = own.set();
        JoinableQueue<String> q = own.joinableQueue();
        own.shutdown();
        for (Runnable r : List.<Runnable>of(() -> ns.get("x"), v::getValue, () -> a.get(0), () -> s.add("x"), q::join)) {
            assertThatThrownBy(r::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
        }
        assertThatThrownBy(own::namespace).isInstanceOf(IllegalStateException.class);
    }
}
