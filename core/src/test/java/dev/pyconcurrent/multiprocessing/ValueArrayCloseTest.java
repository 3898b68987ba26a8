package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.internal.shm.SharedMemory;
import dev.pyconcurrent.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueArrayCloseTest {
    private static final long PID = ProcessHandle.current().pid();

    @AfterEach
    void noChildLeft() {
        ChildJvms.assertNoChildrenLeft();
    }

    /** @return how many of these files, or user marks of them, are in the shared-memory directory */
    static int present(List<String> files) {
        Set<String> names = new HashSet<>();
        for (String f : files) {
            names.add(Path.of(f).getFileName().toString());
        }
        int n = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(SharedMemory.directory(), "pyconcurrent-" + PID + "-*")) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                int at = name.indexOf(".user-");
                if (names.contains(at < 0 ? name : name.substring(0, at))) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void twoHundredCreateCloseCyclesLeaveDevShmFlat() {
        // Python: a Value/Array's memory is freed when it is released; here close() frees it at once
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Value v = Value.of('i', i);
            Array a = Array.of('d', 16);
            Array c = Array.raw('c', "x".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            List<String> these = List.of(v.file(), a.file(), c.file());
            files.addAll(these);
            assertThat(present(these)).as("three files and a user mark for each").isEqualTo(6);
            v.close();
            a.close();
            c.close();
            assertThat(present(these)).isZero();
        }
        assertThat(present(files)).isZero();
    }

    @Test
    void valuesAndArraysThatBecomeUnreachableAreFreedByTheCleaner() {
        // Python: a Value/Array garbage-collected in its process gives its memory back
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Value v = Value.ofLong(i);
            v.getAndAddLong(1);
            files.add(v.file());
            Array a = Array.ofLongs(4);
            a.setLong(0, i);
            files.add(a.file());
        }
        Waits.until("the cleaner released all 400 files", () -> {
            System.gc();
            return present(files) == 0;
        }, Duration.ofSeconds(60));
    }

    @Test
    void aClosedObjectRefusesUseAndSendingButCloseIsIdempotent() {
        // Python: using a released object is an error (here IllegalStateException)
        Value v = Value.of('i', 1);
        Array a = Array.of('h', 2);
        v.close();
        v.close();
        a.close();
        assertThatThrownBy(v::getLong).isInstanceOf(IllegalStateException.class).hasMessage("Value is closed");
        assertThatThrownBy(() -> v.setValue(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(v::getLock).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.getLong(0)).isInstanceOf(IllegalStateException.class).hasMessage("Array is closed");
        assertThatThrownBy(() -> a.getLongs(0, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(v.toString()).isEqualTo("Value('i', <closed>)");
        assertThat(a.toString()).isEqualTo("Array('h', <closed>)");
        assertThatThrownBy(() -> copy(v)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be sent");
        assertThat(Path.of(v.file())).doesNotExist();
    }

    @Test
    void theFileStaysWhileAnotherObjectOfThisProcessStillUsesIt() throws Exception {
        // Python: the memory lives as long as something refers to it
        Value v = Value.of('q', 5);
        Value second = copy(v);
        v.close();
        assertThat(Path.of(v.file())).exists();
        assertThat(second.getAndAddLong(1)).isEqualTo(5);
        Value third = copy(second);
        second.close();
        assertThat(third.getLong()).isEqualTo(6);
        third.close();
        assertThat(Path.of(v.file())).doesNotExist();
    }

    @Test
    void aChildClosingItsCopyDoesNotTakeTheParentsMemory() {
        // Python: a child letting go of a shared Value leaves it to the other processes
        Array a = Array.of('i', 2);
        Process p = new Process((Array x) -> {
            x.setLong(0, 7);
            x.close();
        }, a);
        p.start();
        p.join();
        assertThat(p.getExitcode()).isZero();
        assertThat(a.getLong(0)).isEqualTo(7);
        assertThat(Path.of(a.file())).exists();
        a.close();
        assertThat(Path.of(a.file())).doesNotExist();
    }
}
