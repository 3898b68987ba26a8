package dev.pyconcurrent.multiprocessing.sharedmemory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Blocks and lists shared with a real CPython program ({@code python3}), both ways. CPython's
 * resource tracker unlinks, at exit, every block its process created or (before 3.13) attached to
 * and did not unlink: the scripts unlink what they create themselves, and unregister what they
 * only attach to, so the Java side's blocks outlive them.
 */
class CPythonInteropTest {
    @BeforeEach
    void needsPython() {
        Python3.assumeAvailable();
    }

    @Test
    void aBlockMadeByCPythonIsReadAndWrittenFromJava() throws Exception {
        // Python: SharedMemory(create=True) in one program, SharedMemory(name) in another see the same bytes
        try (Python3 py = new Python3("""
                import struct
                shm = shared_memory.SharedMemory(create=True, size=64)
                shm.buf[:5] = b'hello'
                struct.pack_into('q', shm.buf, 8, -123456789)
                say('NAME', shm.name, shm.size)
                wait()
                say('GOT', bytes(shm.buf[16:26]).decode('ascii'))
                shm.close()
                shm.unlink()
                """)) {
            String[] first = py.line().split(" ");
            assertThat(first[0]).isEqualTo("NAME");
            String name = first[1];
            assertThat(name).startsWith("psm_");
            assertThat(Path.of("/dev/shm", name)).exists();
            SharedMemory shm = SharedMemory.attach(name);
            assertThat(shm.getSize()).isEqualTo(Integer.parseInt(first[2]));
            ByteBuffer buf = shm.getBuf();
            byte[] hello = new byte[5];
            buf.get(0, hello);
            assertThat(new String(hello, StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(buf.getLong(8)).isEqualTo(-123456789L);
            buf.put(16, "from java!".getBytes(StandardCharsets.US_ASCII));
            py.send("go");
            assertThat(py.line()).isEqualTo("GOT from java!");
            assertThat(py.exit()).isZero();
            shm.close();
            assertThatThrownBy(() -> SharedMemory.attach(name)).hasCauseInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void aBlockMadeInJavaIsReadAndWrittenByCPython() throws Exception {
        // Python: SharedMemory(name) attaches to a block another program created, by name without a slash
        SharedMemory shm = SharedMemory.create(32);
        try (Python3 py = new Python3("""
                import struct
                shm = attach(sys.argv[1])
                say('SIZE', shm.size)
                say('READ', bytes(shm.buf[:4]).decode('ascii'), struct.unpack_from('d', shm.buf, 8)[0])
                shm.buf[16:20] = b'py!!'
                shm.close()
                """, shm.getName())) {
            shm.getBuf().put(0, "java".getBytes(StandardCharsets.US_ASCII)).putDouble(8, 2.5);
            assertThat(py.line()).isEqualTo("SIZE 32");
            assertThat(py.line()).isEqualTo("READ java 2.5");
            assertThat(py.exit()).isZero();
            byte[] got = new byte[4];
            shm.getBuf().get(16, got);
            assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("py!!");
            assertThat(Path.of("/dev/shm", shm.getName())).as("CPython did not unlink a block it only attached to").exists();
        } finally {
            shm.close();
            shm.unlink();
        }
    }

    @Test
    void aShareableListMadeByCPythonIsReadAndChangedFromJava() throws Exception {
        // Python: ShareableList(name=...) reads a list another program made, and writes go back into the same block
        try (Python3 py = new Python3("""
                sl = shared_memory.ShareableList([1, 2.5, True, 'hello', b'bytes', None, -7, 'h\\u00e9llo w\\u00f6rld'])
                say('NAME', sl.shm.name)
                say('FORMAT', sl.format)
                wait()
                say('NOW', repr(list(sl)))
                say('FORMAT', sl.format)
                sl.shm.close()
                sl.shm.unlink()
                """)) {
            String name = py.line().substring("NAME ".length());
            String format = py.line().substring("FORMAT ".length());
            ShareableList sl = ShareableList.attach(name);
            assertThat(sl).hasSize(8);
            assertThat(sl.getFormat()).isEqualTo(format).isEqualTo("qdxxxxxxx?8s8sxxxxxx?xq16s");
            assertThat(sl.get(0)).isEqualTo(1L);
            assertThat(sl.get(1)).isEqualTo(2.5);
            assertThat(sl.get(2)).isEqualTo(true);
            assertThat(sl.get(3)).isEqualTo("hello");
            assertThat((byte[]) sl.get(4)).isEqualTo("bytes".getBytes(StandardCharsets.US_ASCII));
            assertThat(sl.get(5)).isNull();
            assertThat(sl.get(6)).isEqualTo(-7L);
            assertThat(sl.get(7)).isEqualTo("h\u00e9llo w\u00f6rld");
            assertThat(sl.toString()).isEqualTo("ShareableList([1, 2.5, True, 'hello', b'bytes', None, -7, 'h\u00e9llo w\u00f6rld'], name='"
                    + name + "')");
            sl.set(0, 99);
            sl.set(1, "abcdefgh");
            sl.set(2, null);
            sl.set(3, "bye");
            sl.set(5, 1.5);
            sl.set(6, false);
            py.send("go");
            assertThat(py.line()).isEqualTo("NOW [99, 'abcdefgh', None, 'bye', b'bytes', 1.5, False, 'h\u00e9llo w\u00f6rld']");
            assertThat(py.line()).isEqualTo("FORMAT q8sxxxxxx?x8s8sdxxxxxxx?16s");
            assertThat(py.exit()).isZero();
            sl.close();
        }
    }

    @Test
    void aShareableListMadeInJavaIsReadAndChangedByCPython() throws Exception {
        // Python: ShareableList(name=...) in CPython reads a list made here with CPython's layout
        ShareableList sl = new ShareableList(Arrays.asList(42, 3.25, false, "text", "raw".getBytes(StandardCharsets.US_ASCII),
                null, Long.MIN_VALUE, "a string of more than eight bytes"));
        try (Python3 py = new Python3("""
                sl = attach_list(sys.argv[1])
                say(repr(list(sl)))
                say(sl.format)
                sl[0] = 'set by p'
                sl[4] = b'B'
                sl[5] = 7
                sl[7] = 'short'
                sl.shm.close()
                """, sl.getShm().getName())) {
            assertThat(py.line()).isEqualTo("[42, 3.25, False, 'text', b'raw', None, -9223372036854775808, 'a string of more than eight bytes']");
            assertThat(py.line()).isEqualTo("qdxxxxxxx?8s8sxxxxxx?xq40s");
            assertThat(py.exit()).isZero();
            assertThat(sl).isEqualTo(Arrays.asList("set by p", 3.25, false, "text", "B".getBytes(StandardCharsets.US_ASCII), 7L,
                    Long.MIN_VALUE, "short"));
        } finally {
            sl.close();
            sl.getShm().unlink();
        }
    }

    @Test
    void listsOfEveryLengthBuiltHereAndInCPythonHaveTheSameBytes() throws Exception {
        // Python: ShareableList's layout (counts, offsets, data, formats, codes) byte for byte
        List<Object> items = Arrays.asList(0, "", "12345678", new byte[0], true, null, -1.0e300);
        ShareableList mine = new ShareableList(items);
        try (Python3 py = new Python3("""
                sl = shared_memory.ShareableList([0, '', '12345678', b'', True, None, -1.0e300])
                theirs = bytes(sl.shm.buf[:sl.shm.size])
                say(theirs.hex())
                sl.shm.close()
                sl.shm.unlink()
                """)) {
            byte[] theirs = java.util.HexFormat.of().parseHex(py.line());
            ByteBuffer buf = mine.getShm().getBuf();
            byte[] ours = new byte[mine.getShm().getSize()];
            buf.get(0, ours);
            assertThat(ours).isEqualTo(Arrays.copyOf(theirs, ours.length));
            assertThat(theirs.length).isGreaterThanOrEqualTo(ours.length);
            assertThat(py.exit()).isZero();
        } finally {
            mine.close();
            mine.getShm().unlink();
        }
    }
}
