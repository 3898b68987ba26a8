package dev.pyconcurrent.multiprocessing.internal.broker;

import java.util.Arrays;

/**
 * A manager's value or array ({@link Kind#CELLS}): a fixed number of elements, each kept as the bits
 * its proxy made of it (the proxy knows the type code and checks values and indexes), under the
 * object's monitor. {@code COPY(from, to)} and {@code PUT_ALL(from, bits)} read and write a slice
 * in one step.
 */
final class ServedCells implements Served {
    private final long[] bits; // guarded by this

    ServedCells(long[] initial) {
        this.bits = initial.clone();
    }

    @Override
    public Object tryNow(Op op, Object[] a, Broker.Session s) {
        return call(op, a, s);
    }

    @Override
    public synchronized Object call(Op op, Object[] a, Broker.Session s) {
        return switch (op) {
            case GET -> bits[(Integer) a[0]];
            case SET -> {
                bits[(Integer) a[0]] = (Long) a[1];
                yield null;
            }
            case SIZE -> bits.length;
            case COPY -> Arrays.copyOfRange(bits, (Integer) a[0], (Integer) a[1]);
            case PUT_ALL -> {
                long[] v = (long[]) a[1];
                int from = (Integer) a[0];
                if (from < 0 || from + v.length > bits.length) {
                    throw new IndexOutOfBoundsException("slice " + from + ":" + (from + v.length) + " is outside 0:" + bits.length);
                }
                System.arraycopy(v, 0, bits, from, v.length);
                yield null;
            }
            default -> throw Served.notServed(op, this);
        };
    }
}
