package dev.pyconcurrent.multiprocessing.sharedmemory;

import dev.pyconcurrent.multiprocessing.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShareableListTest {
    private final List<ShareableList> made = new ArrayList<>();

    private ShareableList keep(ShareableList sl) {
        made.add(sl);
        return sl;
    }

    @AfterEach
    void unlinkWhatWasMade() {
        for (ShareableList sl : made) {
            try {
                sl.getShm().unlink();
            } catch (UncheckedIOException alreadyGone) {
                // the test unlinked it
            }
        }
    }

    @Test
    void itemsOfEverySupportedTypeComeBackAsStored() {
        // Python: ShareableList([int, float, bool, str, bytes, None]) returns the same values
        ShareableList sl = keep(new ShareableList(Arrays.asList(7, 7L, (short) 3, (byte) -2, 1.5f, 2.25, true, false, "s",
                "b".getBytes(StandardCharsets.US_ASCII), null)));
        assertThat(sl.size()).isEqualTo(11);
        assertThat(sl.subList(0, 8)).containsExactly(7L, 7L, 3L, -2L, 1.5, 2.25, true, false);
        assertThat(sl.get(8)).isEqualTo("s");
        assertThat((byte[]) sl.get(9)).containsExactly('b');
        assertThat(sl.get(10)).isNull();
        assertThat(sl.getFormat()).isEqualTo("qqqqddxxxxxxx?xxxxxxx?8s8sxxxxxx?x");
        assertThat(sl.getShm().getName()).startsWith("psm_");
    }

    @Test
    void anEmptyListIsSixteenBytes() {
        // Python: ShareableList([]) has length 0 (a block of struct.calcsize('qq') bytes)
        ShareableList sl = keep(new ShareableList(List.of()));
        assertThat(sl).isEmpty();
        assertThat(sl.getShm().getSize()).isEqualTo(16);
        assertThat(sl.getFormat()).isEmpty();
        assertThat(ShareableList.attach(sl.getShm().getName())).isEmpty();
    }

    @Test
    void anItemCanBeReplacedByOneOfAnotherTypeThatFitsItsSlot() {
        // Python: sl[i] = v changes the item's format; a str/bytes longer than the slot raises ValueError
        ShareableList sl = keep(new ShareableList(Arrays.asList(1, "abc")));
        assertThat(sl.set(0, "12345678")).isEqualTo(1L);
        assertThat(sl.get(0)).isEqualTo("12345678");
        assertThat(sl.set(1, 2.5)).isEqualTo("abc");
        assertThat(sl.set(1, "xyz")).isEqualTo(2.5);
        assertThat(sl).containsExactly("12345678", "xyz");
        assertThatThrownBy(() -> sl.set(0, "123456789")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes/str item exceeds available storage");
        assertThatThrownBy(() -> sl.set(1, new byte[9])).isInstanceOf(IllegalArgumentException.class);
        assertThat(sl).containsExactly("12345678", "xyz");
    }

    @Test
    void trailingZeroBytesOfStringsAreLostAsInCPython() {
        // Python: values are read back with rstrip(b'\x00')
        ShareableList sl = keep(new ShareableList(Arrays.asList(new byte[] {1, 0, 2, 0, 0}, "a\0")));
        assertThat((byte[]) sl.get(0)).containsExactly(1, 0, 2);
        assertThat(sl.get(1)).isEqualTo("a");
    }

    @Test
    void otherTypesAndBadIndexesAreRefused() {
        // Python: an unsupported type raises (KeyError/TypeError); sl[len] raises IndexError
        assertThatThrownBy(() -> new ShareableList(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> new ShareableList(List.of("x".repeat(10_000_000)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
        ShareableList sl = keep(new ShareableList(List.of(1, 2)));
        assertThatThrownBy(() -> sl.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sl.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sl.set(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sl.set(0, 'c')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sl.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void countAndIndexCompareAsStored() {
        // Python: sl.count(v), sl.index(v) (ValueError when absent)
        ShareableList sl = keep(new ShareableList(Arrays.asList(1, "a", 1, "b".getBytes(StandardCharsets.US_ASCII), null)));
        assertThat(sl.count(1)).isEqualTo(2);
        assertThat(sl.count(1L)).isEqualTo(2);
        assertThat(sl.count("a")).isEqualTo(1);
        assertThat(sl.count(null)).isEqualTo(1);
        assertThat(sl.index("b".getBytes(StandardCharsets.US_ASCII))).isEqualTo(3);
        assertThat(sl.indexOf(1)).isZero();
        assertThat(sl.lastIndexOf(1)).isEqualTo(2);
        assertThat(sl.contains(new Object())).isFalse();
        assertThatThrownBy(() -> sl.index("zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'zz' not in this container");
    }

    @Test
    void aNamedListIsAttachedByNameAndANameThatExistsIsRefused() {
        // Python: ShareableList(seq, name=n); ShareableList(name=n) attaches; creating n twice raises FileExistsError
        String name = SharedMemoryTest.freshName();
        ShareableList sl = keep(new ShareableList(List.of(5, "five"), name));
        ShareableList other = ShareableList.attach(name);
        other.set(0, 6);
        assertThat(sl.get(0)).isEqualTo(6L);
        assertThat(sl.toString()).isEqualTo("ShareableList([6, 'five'], name='" + name + "')");
        assertThat(other).isEqualTo(sl).hasSameHashCodeAs(sl);
        assertThatThrownBy(() -> new ShareableList(List.of(1), name)).hasCauseInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> ShareableList.attach(SharedMemoryTest.freshName())).hasCauseInstanceOf(NoSuchFileException.class);
        other.close();
        assertThatThrownBy(() -> other.get(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBlockThatHoldsNoListIsRefused() {
        // Python: ShareableList(name=...) on arbitrary bytes fails rather than reading garbage
        SharedMemory shm = SharedMemory.create(8);
        try {
            shm.getBuf().putLong(0, 1_000_000);
            assertThatThrownBy(() -> ShareableList.attach(shm.getName())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not hold a ShareableList");
        } finally {
            shm.unlink();
        }
    }

    @Test
    void aChildProcessChangesTheListItWasSent() {
        // Python: a ShareableList passed to a Process is re-attached by name there
        ShareableList sl = keep(new ShareableList(Arrays.asList(0, "........")));
        Process p = new Process((ShareableList l) -> {
            l.set(0, 41 + 1);
            l.set(1, "child");
        }, sl);
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(sl).containsExactly(42L, "child");
    }
}
