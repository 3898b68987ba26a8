package dev.pyconcurrent.examples;

import dev.pyconcurrent.multiprocessing.Array;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.Value;

import java.nio.charset.StandardCharsets;

/**
 * {@code Value('c')} and {@code Array('c')}: a byte and a byte string in shared memory. The child
 * changes both; the parent sees the new byte, the new {@code value} (up to the first zero byte)
 * and the whole {@code raw} buffer, where the end of the old string is still there.
 *
 * <pre>
 * from multiprocessing import Process, Value, Array
 *
 * def f(initial, name):
 *     initial.value = b'J'
 *     name.value = b'bye'
 *
 * if __name__ == '__main__':
 *     initial = Value('c', b'H')
 *     name = Array('c', b'hello world')
 *     p = Process(target=f, args=(initial, name))
 *     p.start()
 *     p.join()
 *     print(initial.value, name.value, name.raw)   # b'J' b'bye' b'bye\x00o world'
 * </pre>
 */
public final class CharValueAndArray {
    private CharValueAndArray() {
    }

    public static void main(String[] args) {
        System.out.println(run());
    }

    /** @return what the parent prints: {@code b'J' b'bye' b'bye\x00o world'} */
    static String run() {
        try (Value initial = Value.of('c', 'H');
             Array name = Array.of('c', "hello world".getBytes(StandardCharsets.US_ASCII))) {
            Process p = new Process(() -> {
                initial.setValue(new byte[] {'J'});
                name.setValue("bye".getBytes(StandardCharsets.US_ASCII));
            });
            p.start();
            p.join();
            return bytes((byte[]) initial.getValue()) + " " + bytes(name.getValue()) + " " + bytes(name.getRaw());
        }
    }

    /** Python's {@code repr} of a byte string. */
    static String bytes(byte[] b) {
        StringBuilder s = new StringBuilder("b'");
        for (byte x : b) {
            int c = x & 0xff;
            s.append(c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.append('\'').toString();
    }
}
