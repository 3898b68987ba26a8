package dev.pyconcurrent.multiprocessing.sharedmemory;

import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedMemoryManagerTest {
    private static final Path SHM = Path.of("/dev/shm");

    @AfterEach
    void noChildLeft() {
        Waits.until("no child JVM left", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                Duration.ofSeconds(30));
    }

    @Test
    void blocksMadeThroughTheManagerAreUnlinkedAtShutdown() {
        // Python: with SharedMemoryManager() as smm: smm.SharedMemory(size=128); smm.ShareableList(range(4)) — gone at exit of the block
        SharedMemory shm;
        ShareableList sl;
        try (SharedMemoryManager smm = SharedMemoryManager.start()) {
            shm = smm.sharedMemory(128);
            sl = smm.shareableList(List.of(0L, 1L, 2L, 3L));
            assertThat(shm.getSize()).isEqualTo(128);
            assertThat(sl).containsExactly(0L, 1L, 2L, 3L);
            assertThat(SHM.resolve(shm.getName())).exists();
            assertThat(SHM.resolve(sl.getShm().getName())).exists();
            assertThat(smm.getSegmentNames()).containsExactly(shm.getName(), sl.getShm().getName());
            assertThat(smm.toString()).isEqualTo("SharedMemoryManager(2 blocks)");
        }
        assertThat(SHM.resolve(shm.getName())).doesNotExist();
        assertThat(SHM.resolve(sl.getShm().getName())).doesNotExist();
        shm.getBuf().put(0, (byte) 1);   // memory already mapped stays usable, as after Python's unlink
        assertThat(shm.getBuf().get(0)).isEqualTo((byte) 1);
        assertThatThrownBy(() -> SharedMemory.attach(shm.getName())).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBlockIsUsableInAChildProcessUntilShutdown() {
        // Python: a block from smm.SharedMemory() is passed to a Process, which writes into it
        try (SharedMemoryManager smm = SharedMemoryManager.start()) {
            ShareableList sl = smm.shareableList(List.of(0L, "abc"));
            Process p = new Process((ShareableList l) -> l.set(0, 42L), sl);
            p.start();
            p.join();
            assertThat(p.getExitcode()).isZero();
            assertThat(sl.get(0)).isEqualTo(42L);
        }
    }

    @Test
    void makingABlockAfterShutdownOrWithABadSizeIsRefused() {
        // Python: SharedMemory(size=0) raises ValueError; a manager that was shut down refuses requests
        SharedMemoryManager smm = SharedMemoryManager.start();
        assertThatThrownBy(() -> smm.sharedMemory(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> smm.sharedMemory(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> smm.shareableList(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(smm.getSegmentNames()).isEmpty();
        smm.shutdown();
        smm.shutdown();
        assertThat(smm.toString()).isEqualTo("SharedMemoryManager(shut down)");
        assertThatThrownBy(() -> smm.sharedMemory(10)).isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
        assertThatThrownBy(() -> smm.shareableList(List.of(1L))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBlockUnlinkedOrReplacedMeanwhileIsLeftAlone() {
        // Python: the manager unlinks its own segments only; here one already gone, or re-made by someone else, is left alone
        SharedMemory replacement = null;
        try (SharedMemoryManager smm = SharedMemoryManager.start()) {
            SharedMemory gone = smm.sharedMemory(16);
            gone.unlink();
            SharedMemory replaced = smm.sharedMemory(16);
            replaced.unlink();
            replacement = SharedMemory.create(replaced.getName(), 32);
        } finally {
            if (replacement != null) {
                assertThat(SHM.resolve(replacement.getName())).exists();
                replacement.unlink();
            }
        }
    }
}
