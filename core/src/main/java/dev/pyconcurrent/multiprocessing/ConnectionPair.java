package dev.pyconcurrent.multiprocessing;

/**
 * The two ends returned by {@link Multiprocessing#pipe()}. Python: the tuple
 * {@code (conn1, conn2)} of {@code Pipe()}; with {@code duplex == false}, {@code first}
 * only receives and {@code second} only sends.
 *
 * @param first  the first end
 * @param second the second end
 */
public record ConnectionPair(Connection first, Connection second) {
}
