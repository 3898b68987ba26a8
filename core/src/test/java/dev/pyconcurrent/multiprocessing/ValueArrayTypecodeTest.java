package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.Held;
import dev.pyconcurrent.threading.Acquirable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueArrayTypecodeTest {
    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    @ParameterizedTest
    @CsvSource({
        "b, -128, 127", "B, 0, 255", "h, -32768, 32767", "H, 0, 65535",
        "i, -2147483648, 2147483647", "I, 0, 4294967295",
        "l, -9223372036854775808, 9223372036854775807", "q, -9223372036854775808, 9223372036854775807",
        "L, 0, 18446744073709551615", "Q, 0, 18446744073709551615",
    })
    void integerTypecodesHoldExactlyTheirCRange(char code, String min, String max) {
        // Python: Value(code, x) for each integer typecode (ctypes sizes of 64-bit Linux); here out of range is refused
        Value v = Value.of(code);
        assertThat(v.getValue()).isEqualTo(0L);
        BigInteger lo = new BigInteger(min);
        BigInteger hi = new BigInteger(max);
        v.setValue(lo.bitLength() < 64 ? (Object) lo.longValue() : lo);
        assertThat(new BigInteger(String.valueOf(v.getValue()))).isEqualTo(lo);
        v.setValue(hi);
        assertThat(new BigInteger(String.valueOf(v.getValue()))).isEqualTo(hi);
        assertThatThrownBy(() -> v.setValue(lo.subtract(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typecode '" + code + "'").hasMessageContaining(min + " .. " + max);
        assertThatThrownBy(() -> v.setValue(hi.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThat(new BigInteger(String.valueOf(v.getValue()))).isEqualTo(hi);
        assertThat(v.getTypecode()).isEqualTo(code);
        Array a = Array.of(code, Arrays.asList(1, 2, 3));
        assertThat(a.getLongs(0, 3)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Array.of(code, List.of(hi.add(BigInteger.ONE)))).isInstanceOf(IllegalArgumentException.class);
        v.close();
        a.close();
    }

    @Test
    void smallIntegerValuesAreCheckedWhenSetAsLongs() {
        // Python: Value('b', 200) does not fit a signed char (ctypes would wrap it to -56)
        assertThatThrownBy(() -> Value.of('b', 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 200 out of range for typecode 'b' (signed char): -128 .. 127");
        Value h = Value.of('H', 65535);
        assertThatThrownBy(() -> h.setLong(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.getAndAddLong(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThat(h.getLong()).isEqualTo(65535);
        assertThat(h.getAndAddLong(-35)).isEqualTo(65535);
        assertThat(h.getLong()).isEqualTo(65500);
        assertThat(h.compareAndSetLong(70000, 1)).isFalse();
        assertThat(h.compareAndSetLong(65500, 1)).isTrue();
        assertThatThrownBy(() -> h.compareAndSetLong(1, 70000)).isInstanceOf(IllegalArgumentException.class);
        Value i = Value.of('i', -5);
        assertThat(i.getAndAddLong(10)).isEqualTo(-5);
        assertThat(i.getLong()).isEqualTo(5);
        assertThatThrownBy(() -> i.getAndAddLong(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsignedEightByteValuesUseJavasUnsignedConventionInTheLongAccessors() {
        // Python: Value('Q', 2**64 - 1).value is 18446744073709551615
        Value q = Value.of('Q', new BigInteger("18446744073709551615"));
        assertThat(q.getLong()).isEqualTo(-1L);
        assertThat(q.getValue()).isEqualTo(new BigInteger("18446744073709551615"));
        q.setLong(Long.MIN_VALUE);
        assertThat(q.getValue()).isEqualTo(BigInteger.ONE.shiftLeft(63));
        q.setValue(5);
        assertThat(q.getValue()).isEqualTo(5L);
        assertThatThrownBy(() -> q.setValue(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.toString()).isEqualTo("Value('Q', 5)");
        q.setLong(-1);
        assertThat(q.toString()).isEqualTo("Value('Q', 18446744073709551615)");
    }

    @Test
    void anUnknownTypecodeOrAValueOfTheWrongTypeIsRefused() {
        // Python: Value('x') fails; Value('i', 'text') raises TypeError
        assertThatThrownBy(() -> Value.of('x')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad typecode").hasMessageContaining("'x'");
        assertThatThrownBy(() -> Array.of('z', 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad typecode");
        assertThatThrownBy(() -> Value.of('i', "text")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typecode 'i'").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> Value.of('i', 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Value.of('d', "1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Value.of('c', "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Value.of('u', 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Array.of('i', new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size or an initializer");
        assertThatThrownBy(() -> Array.of('i', -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Array.of('i', Arrays.asList(1, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1");
    }

    @Test
    void floatsRoundToSinglePrecisionAndRefuseWhatCannotFit() {
        // Python: Value('f', 0.1).value is 0.10000000149011612; struct refuses floats too large for 'f'
        Value f = Value.of('f', 0.1);
        assertThat(f.getDouble()).isEqualTo((double) 0.1f);
        assertThatThrownBy(() -> f.setDouble(1e39)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typecode 'f'");
        f.setDouble(Double.POSITIVE_INFINITY);
        assertThat(f.getDouble()).isInfinite();
        assertThat(f.toString()).isEqualTo("Value('f', inf)");
        f.setValue(3);
        assertThat(f.getValue()).isEqualTo(3.0);
        Value d = Value.of('d');
        assertThat(d.getValue()).isEqualTo(0.0);
        assertThatThrownBy(d::getLong).isInstanceOf(IllegalStateException.class).hasMessageContaining("'d'");
        assertThatThrownBy(() -> Value.of('i').getDouble()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCharValueHoldsOneByteAsPythonsBytes() {
        // Python: Value('c', b'x').value == b'x'; an int 0..255 is accepted too
        Value c = Value.of('c', 'x');
        assertThat((byte[]) c.getValue()).containsExactly('x');
        assertThat(c.toString()).isEqualTo("Value('c', b'x')");
        c.setValue(new byte[] {(byte) 0xff});
        assertThat((byte[]) c.getValue()).containsExactly(0xff);
        assertThat(c.toString()).isEqualTo("Value('c', b'\\xff')");
        c.setValue(65);
        assertThat((byte[]) c.getValue()).containsExactly('A');
        assertThatThrownBy(() -> c.setValue(256)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c'");
        assertThatThrownBy(() -> c.setValue(new byte[2])).isInstanceOf(IllegalArgumentException.class);
        assertThat((byte[]) Value.of('c').getValue()).containsExactly(0);
        assertThatThrownBy(c::getLong).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wideCharValuesHoldOneCodePoint() {
        // Python: Value('u', 'é').value == 'é'; 'w' (Py_UCS4, 3.13) holds any code point
        Value u = Value.of('u', "é");
        assertThat(u.getValue()).isEqualTo("é");
        Value w = Value.of('w', "\uD83D\uDE00");
        assertThat(w.getValue()).isEqualTo("\uD83D\uDE00");
        w.setValue('z');
        assertThat(w.getValue()).isEqualTo("z");
        assertThat(w.toString()).isEqualTo("Value('w', 'z')");
        assertThatThrownBy(() -> u.setValue("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.setValue(0x110000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Value.of('u').getValue()).isEqualTo("\0");
    }

    @Test
    void arraysAreInitialisedFromSequencesOfEveryKind() {
        // Python: Array('i', [1, 2, 3]), Array('d', [...]), Array('u', 'abc'), Array('c', b'ab')
        assertThat(Array.of('i', new int[] {1, -2, 3}).getLongs(0, 3)).containsExactly(1, -2, 3);
        assertThat(Array.of('h', new short[] {7}).getLong(0)).isEqualTo(7);
        assertThat(Array.of('q', new long[] {Long.MIN_VALUE}).getLong(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(Array.of('d', new double[] {0.5, 1.5}).getDoubles(0, 2)).containsExactly(0.5, 1.5);
        assertThat(Array.of('f', new float[] {0.25f}).getDouble(0)).isEqualTo(0.25);
        assertThat(Array.of('d', List.of(1, 2.5)).toList()).containsExactly(1.0, 2.5);
        assertThat(Array.of('b', new Integer[] {1, 2}).toList()).containsExactly(1L, 2L);
        assertThat(Array.of('u', "ab\uD83D\uDE00").toList()).containsExactly("a", "b", "\uD83D\uDE00");
        assertThat(Array.of('c', "ab".getBytes(StandardCharsets.US_ASCII)).getRaw()).containsExactly('a', 'b');
        assertThat(Array.of('B', new byte[] {1, 2}).getLongs(0, 2)).containsExactly(1, 2);
        assertThatThrownBy(() -> Array.of('B', new byte[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThat(Array.of('i', 4).toList()).containsExactly(0L, 0L, 0L, 0L);
        assertThat(Array.of('i', List.of()).length()).isZero();
        assertThat(Array.of('I', Arrays.asList(4294967295L)).toString()).isEqualTo("Array('I', [4294967295])");
    }

    @Test
    void slicesReadAndWriteRangesAndAreCheckedWholeFirst() {
        // Python: a[1:3], a[1:3] = [...] (same length), an out-of-range item changes nothing
        Array a = Array.of('h', new int[] {0, 1, 2, 3, 4});
        assertThat(a.getLongs(1, 3)).containsExactly(1, 2);
        assertThat(a.getLongs(2, 2)).isEmpty();
        a.setLongs(3, 30, 40);
        assertThat(a.getLongs(0, 5)).containsExactly(0, 1, 2, 30, 40);
        assertThatThrownBy(() -> a.setLongs(0, 5, 6, 70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'h'");
        assertThat(a.getLongs(0, 3)).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> a.setLongs(4, 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getLongs(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getLongs(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.getLong(5)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("array index out of range");
        assertThatThrownBy(() -> a.getDoubles(0, 1)).isInstanceOf(IllegalStateException.class);
        Array d = Array.of('f', 3);
        d.setDoubles(1, 1.5, 2.5);
        assertThat(d.getDoubles(0, 3)).containsExactly(0.0, 1.5, 2.5);
        assertThatThrownBy(() -> d.setDoubles(0, 1e40)).isInstanceOf(IllegalArgumentException.class);
        a.set(0, 9);
        assertThat(a.get(0)).isEqualTo(9L);
    }

    @Test
    void aCharArrayIsAByteStringWithValueAndRaw() {
        // Python: a = Array('c', b'hello world'); a.value = b'bye'; a.value == b'bye', a.raw == b'bye\x00o world'
        Array a = Array.of('c', "hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(a.getValue(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        a.setValue("bye".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(a.getValue(), StandardCharsets.US_ASCII)).isEqualTo("bye");
        assertThat(new String(a.getRaw(), StandardCharsets.US_ASCII)).isEqualTo("bye\0o world");
        a.setRaw("HELLO".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(a.getRaw(), StandardCharsets.US_ASCII)).isEqualTo("HELLO world");
        assertThat(a.getBytes(1, 4)).containsExactly('E', 'L', 'L');
        a.setBytes(6, "W".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.toString()).isEqualTo("Array('c', b'HELLO World')");
        assertThat((byte[]) a.get(0)).containsExactly('H');
        assertThatThrownBy(() -> a.setValue(new byte[12])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byte string too long");
        assertThatThrownBy(() -> a.setRaw(new byte[12])).isInstanceOf(IllegalArgumentException.class);
        a.setValue("hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.getValue()).hasSize(11);
        assertThatThrownBy(() -> Array.of('i', 2).getValue()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWideCharArrayHasAStringValue() {
        // Python: a = Array('u', 10); a.value = 'héllo'; a.value == 'héllo'
        Array a = Array.of('u', 6);
        a.setString("h\u00e9llo");
        assertThat(a.getString()).isEqualTo("h\u00e9llo");
        a.setString("ab\uD83D\uDE00");
        assertThat(a.getString()).isEqualTo("ab\uD83D\uDE00");
        assertThat(a.get(4)).isEqualTo("o");
        assertThatThrownBy(() -> a.setString("1234567")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string too long");
        assertThatThrownBy(() -> Array.of('c', 2).getString()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aContextMakesValuesAndArraysOfEveryTypecode() {
        // Python: ctx.Value(t, x), ctx.RawValue(t, x), ctx.Array(t, init), ctx.RawArray(t, n)
        Context ctx = Multiprocessing.getContext("spawn");
        assertThat(ctx.value('h', 7).getValue()).isEqualTo(7L);
        assertThat(ctx.rawValue('d', 0.5).toString()).isEqualTo("RawValue('d', 0.5)");
        assertThat(ctx.array('u', "ab").getString()).isEqualTo("ab");
        assertThat(ctx.rawArray('B', 2).toString()).isEqualTo("RawArray('B', [0, 0])");
        assertThatThrownBy(() -> ctx.value('x', 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawValuesAndArraysHaveNoLock() {
        // Python: RawValue / Value(lock=False) return a plain ctypes object without get_lock()
        Value v = Value.raw('i', 3);
        assertThatThrownBy(v::getLock).isInstanceOf(IllegalStateException.class).hasMessageContaining("no lock");
        assertThat(v.toString()).isEqualTo("RawValue('i', 3)");
        assertThatThrownBy(() -> Value.of('i', 0, false).getLock()).isInstanceOf(IllegalStateException.class);
        assertThat(Value.raw('d').getValue()).isEqualTo(0.0);
        Array a = Array.raw('d', 2);
        assertThatThrownBy(a::getLock).isInstanceOf(IllegalStateException.class);
        assertThat(a.toString()).isEqualTo("RawArray('d', [0.0, 0.0])");
        assertThatThrownBy(() -> Array.of('i', 2, false).getLock()).isInstanceOf(IllegalStateException.class);
        assertThat(Value.of('i', 0, true).getLock()).isNotNull();
        assertThat(Array.of('i', 1, true).getLock()).isNotNull();
    }

    /** A lock that counts how often it is taken. */
    static final class CountingLock implements Acquirable {
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public boolean acquire() {
            acquired.incrementAndGet();
            return true;
        }

        @Override
        public boolean acquire(boolean blocking) {
            return acquire();
        }

        @Override
        public boolean acquire(double timeout) {
            return acquire();
        }

        @Override
        public boolean acquire(Duration timeout) {
            return acquire();
        }

        @Override
        public void release() {
            released.incrementAndGet();
        }

        @Override
        public Held hold() {
            acquire();
            return this::release;
        }
    }

    @Test
    void aGivenLockIsReturnedByGetLockAndHeldBySliceOperations() {
        // Python: Value('i', 0, lock=l).get_lock() is l; SynchronizedArray takes it around a[i:j]
        CountingLock lock = new CountingLock();
        Value v = Value.of('i', 0, lock);
        assertThat(v.getLock()).isSameAs(lock);
        Array a = Array.of('i', 4, lock);
        assertThat(a.getLock()).isSameAs(lock);
        a.setLong(0, 1);
        assertThat(lock.acquired).hasValue(0);
        a.setLongs(0, 1, 2);
        a.getLongs(0, 2);
        a.toList();
        assertThat(lock.acquired).hasValue(3);
        assertThat(lock.released).hasValue(3);
        assertThatThrownBy(() -> Value.of('i', 0, (Acquirable) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void threadsWritingNeighbouringBytesNeverOverwriteEachOther() throws Exception {
        // Python: each element of Array('b', n) is its own object; here bytes share a word, written by compare-and-set
        for (int round = 0; round < 50; round++) {
            Array a = Array.of('b', 8);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int mine = t * 2 + 1;
                threads.add(new Thread(() -> {
                    for (int k = 0; k < 100; k++) {
                        a.getAndAddLong(mine, 1);
                        a.setLong(mine - 1, k);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(30_000);
                assertThat(t.isAlive()).isFalse();
            }
            assertThat(a.getLongs(0, 8)).containsExactly(99, 100, 99, 100, 99, 100, 99, 100);
            a.close();
        }
    }

    @Test
    void everyTypecodeWorksInAChildProcessUnderAGivenCrossProcessLock() {
        // Python: Value/Array of any typecode (with lock=RLock()) passed to Process objects are shared
        SharedLock lock = Multiprocessing.rlock();
        Value counter = Value.of('H', 0, lock);
        Array bytes = Array.of('B', 4);
        Array text = Array.of('w', 8);
        Value ch = Value.of('c', 'a');
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int me = i;
            ps.add(new Process(() -> {
                for (int k = 0; k < 100; k++) {
                    try (Held h = counter.getLock().hold()) {
                        counter.setLong(counter.getLong() + 1);
                    }
                    bytes.getAndAddLong(me, 2);
                }
                if (me == 0) {
                    text.setString("from \uD83D\uDE00");
                    ch.setValue(new byte[] {'z'});
                }
            }));
        }
        ps.forEach(Process::start);
        for (Process p : ps) {
            p.join();
            assertThat(p.getExitcode()).isZero();
        }
        assertThat(counter.getLong()).isEqualTo(300);
        assertThat(bytes.getLongs(0, 4)).containsExactly(200, 200, 200, 0);
        assertThat(text.getString()).isEqualTo("from \uD83D\uDE00");
        assertThat((byte[]) ch.getValue()).containsExactly('z');
    }
}
