package dev.pyconcurrent.multiprocessing.internal.codec;

/**
 * A message from {@link ValueWriter}: its bytes and the {@link Descriptors} it names by number, which a
 * channel must have defined to its peer before sending it (none for a standalone message).
 *
 * @param bytes the message
 * @param uses the descriptor numbers it refers to
 */
public record Encoded(byte[] bytes, int[] uses) {
    /** No descriptors. */
    public static final int[] NO_USES = new int[0];
}
